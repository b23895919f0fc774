package io.flashsale.app.identity;

import io.flashsale.app.web.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Buyer tokens as the contract has them: checked with HS256 and the shared secret, or with RS256/ES256 and an
 * identity provider's JWK set, never both and never any other algorithm (so {@code alg: none} and an HS256 token
 * "signed" with a public key are refused). Every token needs {@code exp} and a {@code sub} that is a valid buyer id;
 * {@code iss} and {@code aud} are checked when configured. With the secret, this node also mints tokens.
 */
@Component
class BuyerTokens {

    private static final int MIN_SECRET_BYTES = 32;

    private final JwtDecoder decoder;
    private final @Nullable JwtEncoder encoder;
    private final IdentityProperties properties;

    BuyerTokens(IdentityProperties properties) {
        this.properties = properties;
        boolean secret = !properties.secret().isBlank();
        boolean jwks = !properties.jwksUri().isBlank();
        if (secret == jwks) {
            throw new IdentityNotConfigured(secret
                    ? "Both FLASHSALE_JWT_SECRET and FLASHSALE_JWT_JWKS_URI are set; buyer tokens are checked one way"
                    : "Neither FLASHSALE_JWT_SECRET nor FLASHSALE_JWT_JWKS_URI is set: this app node cannot check"
                            + " buyer tokens");
        }
        NimbusJwtDecoder nimbus;
        if (secret) {
            byte[] bytes = properties.secret().getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_SECRET_BYTES) {
                throw new IdentityNotConfigured("FLASHSALE_JWT_SECRET has " + bytes.length + " bytes; HS256 needs at"
                        + " least " + MIN_SECRET_BYTES);
            }
            SecretKey key = new SecretKeySpec(bytes, "HmacSHA256");
            nimbus = NimbusJwtDecoder.withSecretKey(key).macAlgorithm(MacAlgorithm.HS256).build();
            this.encoder = NimbusJwtEncoder.withSecretKey(key).build();
        } else {
            nimbus = NimbusJwtDecoder.withJwkSetUri(properties.jwksUri())
                    .jwsAlgorithms(algorithms -> {
                        algorithms.add(SignatureAlgorithm.RS256);
                        algorithms.add(SignatureAlgorithm.ES256);
                    }).build();
            this.encoder = null;
        }
        nimbus.setJwtValidator(validator(properties));
        this.decoder = nimbus;
    }

    private static OAuth2TokenValidator<Jwt> validator(IdentityProperties properties) {
        List<OAuth2TokenValidator<Jwt>> checks = new ArrayList<>();
        checks.add(new JwtTimestampValidator(properties.clockSkew()));
        // JwtTimestampValidator checks exp only when it is there; the contract requires it.
        checks.add(new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull));
        checks.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, Ids::isValidUserId));
        if (!properties.issuer().isBlank()) {
            checks.add(new JwtIssuerValidator(properties.issuer()));
        }
        if (!properties.audience().isBlank()) {
            checks.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    audience -> audience != null && audience.contains(properties.audience())));
        }
        return new DelegatingOAuth2TokenValidator<>(checks);
    }

    JwtDecoder decoder() {
        return decoder;
    }

    /** A token for {@code userId} valid for {@code ttl}, signed with the secret (null: this node has a JWK set). */
    @Nullable Jwt mint(String userId, Duration ttl) {
        if (encoder == null) {
            return null;
        }
        Instant now = Instant.now();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().subject(userId).issuedAt(now).expiresAt(now.plus(ttl));
        if (!properties.issuer().isBlank()) {
            claims.issuer(properties.issuer());
        }
        if (!properties.audience().isBlank()) {
            claims.audience(List.of(properties.audience()));
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()));
    }
}
