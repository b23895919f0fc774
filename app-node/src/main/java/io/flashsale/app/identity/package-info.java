/**
 * Who is calling (API.md, "Who may call what"): Spring Security as an OAuth2 resource server. A buyer is the
 * {@code sub} of a JWT (HS256 with the shared secret, or RS256/ES256 from an identity provider's JWK set); the
 * operator and the payment service hold the admin token. Public reads never reach the security filters. Nothing is
 * null unless marked {@code @Nullable}.
 */
@NullMarked
package io.flashsale.app.identity;

import org.jspecify.annotations.NullMarked;
