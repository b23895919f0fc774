package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/** The client sent something the contract does not allow; nothing was changed. */
public final class InvalidRequest extends Problem {

    public InvalidRequest(String detail) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }
}
