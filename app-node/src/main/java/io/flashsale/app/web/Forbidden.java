package io.flashsale.app.web;


/** 403 {@code forbidden}: the caller is known, and this is not theirs to call (another buyer's cart, a payment). */
public final class Forbidden extends Problem {

    public Forbidden(String detail) {
        super(ProblemType.FORBIDDEN, detail);
    }
}
