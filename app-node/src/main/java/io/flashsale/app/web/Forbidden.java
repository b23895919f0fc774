package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/** 403 {@code forbidden}: the caller is known, and this is not theirs to call (another buyer's cart, a payment). */
public final class Forbidden extends Problem {

    public Forbidden(String detail) {
        super(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }
}
