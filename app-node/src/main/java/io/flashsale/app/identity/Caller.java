package io.flashsale.app.identity;

import io.flashsale.app.web.Forbidden;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;

/**
 * Who made a request the security filters let through: a buyer (a token's {@code sub}) or the holder of the admin
 * token. A controller takes it as a parameter (see {@link CallerSecurity}) and asks it what the caller may do.
 */
public final class Caller {

    static final String ADMIN_ROLE = "ADMIN";

    private final @Nullable String buyerId;

    private Caller(@Nullable String buyerId) {
        this.buyerId = buyerId;
    }

    static Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .anyMatch(a -> ("ROLE_" + ADMIN_ROLE).equals(a.getAuthority()));
        return new Caller(admin ? null : authentication.getName());
    }

    public boolean isAdmin() {
        return buyerId == null;
    }

    /** The buyer making this call; the admin token buys nothing (403). */
    public String buyer() {
        if (buyerId == null) {
            throw new Forbidden("purchases are made with a buyer token, not the admin token");
        }
        return buyerId;
    }

    /** For a path or body naming a buyer: it must be the caller (403 otherwise, the admin token included). */
    public String mustBe(String userId) {
        if (!userId.equals(buyerId)) {
            throw new Forbidden("this token is not the buyer this request names");
        }
        return userId;
    }

    /** Whether the caller may see what {@code ownerId} owns: its buyer, or the admin token. */
    public boolean mayRead(String ownerId) {
        return buyerId == null || buyerId.equals(ownerId);
    }

    /** The buyer, or null for the admin token: what an order-changing processor checks the owner against. */
    public @Nullable String buyerOrNull() {
        return buyerId;
    }
}
