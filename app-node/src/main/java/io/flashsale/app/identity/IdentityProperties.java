package io.flashsale.app.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How buyer tokens are checked, from the contract's environment variables. Exactly one of {@code secret} and
 * {@code jwksUri} is set; blank means unset.
 *
 * @param secret    {@code FLASHSALE_JWT_SECRET}: HS256, at least 32 bytes, the same on every app node
 * @param jwksUri   {@code FLASHSALE_JWT_JWKS_URI}: an identity provider's JWK set (RS256, ES256)
 * @param issuer    {@code FLASHSALE_JWT_ISSUER}: the {@code iss} a token must carry, when set
 * @param audience  {@code FLASHSALE_JWT_AUDIENCE}: a value {@code aud} must contain, when set
 * @param clockSkew how far clocks may disagree when {@code exp} and {@code nbf} are checked
 */
@ConfigurationProperties("flashsale.jwt")
public record IdentityProperties(
        @DefaultValue("") String secret,
        @DefaultValue("") String jwksUri,
        @DefaultValue("") String issuer,
        @DefaultValue("") String audience,
        @DefaultValue("PT30S") Duration clockSkew) {
}
