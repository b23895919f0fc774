package io.flashsale.app.admin;

import io.flashsale.app.FlashSaleProperties;
import io.flashsale.app.web.Unauthorized;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Bearer-token check of {@code /api/admin/**}. One shared secret compared in constant time is all the contract
 * asks for; Spring Security would bring a filter chain, sessions and CSRF rules that this API has no use for.
 * The refusal is thrown as {@link Unauthorized}, so it is answered like every other problem.
 */
@Configuration(proxyBeanMethods = false)
class AdminToken implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    AdminToken(FlashSaleProperties properties) {
        String token = properties.adminToken();
        if (token == null || token.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            token = HexFormat.of().formatHex(random);
            log.warn("FLASHSALE_ADMIN_TOKEN is not set; this node's admin token is {}", token);
        }
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        // One Authorization header at most (RequestLimits refuses two); the scheme is case-insensitive (RFC 9110).
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !MessageDigest.isEqual(expected,
                        header.substring(SCHEME.length()).getBytes(StandardCharsets.UTF_8))) {
            throw new Unauthorized();
        }
        return true;
    }
}
