package io.flashsale.app.identity;

import io.flashsale.app.FlashSaleProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The operator's and the payment service's bearer token: {@code FLASHSALE_ADMIN_TOKEN}, or one made up and logged. */
@Component
class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private final byte[] expected;

    AdminToken(FlashSaleProperties properties) {
        String token = properties.adminToken();
        if (token.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            log.warn("FLASHSALE_ADMIN_TOKEN is not set; this node's admin token is {}", token);
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Compared in constant time: how long a refusal takes tells nothing of the token. */
    boolean matches(String token) {
        return MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8));
    }
}
