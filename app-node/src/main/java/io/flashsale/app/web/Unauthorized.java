package io.flashsale.app.web;

import org.springframework.http.HttpStatus;

/** An admin call without the right bearer token. */
public final class Unauthorized extends Problem {

    public Unauthorized() {
        super(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "admin calls need 'Authorization: Bearer <token>' with the node's admin token");
    }
}
