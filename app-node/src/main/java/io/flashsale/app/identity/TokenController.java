package io.flashsale.app.identity;

import io.flashsale.app.web.JsonBody;
import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemType;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/**
 * {@code POST /api/admin/tokens} (admin token): a buyer token for local runs, demos and load tests, signed with the
 * shared secret. A node that checks tokens against an identity provider's JWK set issues none (409).
 */
@RestController
class TokenController {

    private static final Duration DEFAULT_TTL = Duration.ofHours(1);
    private static final Duration MAX_TTL = Duration.ofDays(1);

    private final BuyerTokens tokens;
    private final JsonBody json;

    TokenController(BuyerTokens tokens, JsonBody json) {
        this.tokens = tokens;
        this.json = json;
    }

    record Minted(String token, String userId, String expiresAt) {
    }

    @PostMapping("/api/admin/tokens")
    Minted mint(HttpServletRequest request) {
        JsonBody.Fields fields = json.parse(request);
        String userId = fields.userId("userId");
        Duration ttl = fields.duration("ttl", MAX_TTL, DEFAULT_TTL);
        Jwt token = tokens.mint(userId, ttl);
        if (token == null) {
            throw new TokensNotIssuedHere();
        }
        return new Minted(token.getTokenValue(), userId, String.valueOf(token.getExpiresAt()));
    }

    /** 409 {@code tokens-not-issued-here}: buyers get their tokens from the identity provider. */
    static final class TokensNotIssuedHere extends Problem {
        TokensNotIssuedHere() {
            super(ProblemType.TOKENS_NOT_ISSUED_HERE,
                    "buyer tokens come from the identity provider whose JWK set this node uses");
        }
    }
}
