package io.flashsale.app.identity;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** An app node that cannot tell buyers apart does not start; {@link Analyzer} says so in one line. */
final class IdentityNotConfigured extends IllegalStateException {

    IdentityNotConfigured(String message) {
        super(message);
    }

    /** Instead of a stack trace: what is wrong and what to set (registered in META-INF/spring.factories). */
    static final class Analyzer extends AbstractFailureAnalyzer<IdentityNotConfigured> {
        @Override
        protected FailureAnalysis analyze(Throwable root, IdentityNotConfigured cause) {
            return new FailureAnalysis(cause.getMessage(), "Set FLASHSALE_JWT_SECRET (HS256, at least 32 bytes, the"
                    + " same on every app node) or FLASHSALE_JWT_JWKS_URI (an identity provider's JWK set).", cause);
        }
    }
}
