package io.flashsale.app.web;


/** The client sent something the contract does not allow; nothing was changed. */
public final class InvalidRequest extends Problem {

    public InvalidRequest(String detail) {
        super(ProblemType.INVALID_REQUEST, detail);
    }
}
