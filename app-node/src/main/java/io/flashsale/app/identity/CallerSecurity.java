package io.flashsale.app.identity;

import io.flashsale.app.web.Problem;
import io.flashsale.app.web.ProblemNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.util.List;

/**
 * The security filters, on the paths that have a caller (purchases, orders, carts, admin) and nowhere else: a public
 * read (products, sales, the dashboard, health) never meets them, so it costs what it did without them. On those
 * paths, {@code Authorization: Bearer} carries either the admin token (compared first, in constant time) or a
 * buyer JWT ({@link BuyerTokens}); {@code /api/admin/**} takes only the admin token, and so does a payment.
 * Refusals are problem documents like every other answer: 401 with {@code WWW-Authenticate: Bearer}, 403.
 */
@Configuration(proxyBeanMethods = false)
class CallerSecurity implements WebMvcConfigurer {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    private static final RequestMatcher ADMIN_PATHS = PATHS.matcher("/api/admin/**");
    /** RFC 9728 metadata, which every 401's {@code WWW-Authenticate} points a client to (Spring Security serves it). */
    private static final RequestMatcher RESOURCE_METADATA = PATHS.matcher("/.well-known/oauth-protected-resource");
    private static final String UNAUTHORIZED = "this call needs 'Authorization: Bearer <token>': a buyer token, or"
            + " the admin token for admin and payment calls";
    private static final String FORBIDDEN = "this call is for the admin token (the operator, the payment service),"
            + " not a buyer's";

    @Bean
    SecurityFilterChain callers(HttpSecurity http, AdminToken adminToken, BuyerTokens buyerTokens) throws Exception {
        Authentication admin = UsernamePasswordAuthenticationToken.authenticated("admin", null,
                AuthorityUtils.createAuthorityList("ROLE_" + Caller.ADMIN_ROLE));
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(buyerTokens.decoder());
        AuthenticationManager adminOnly = token -> {
            if (adminToken.matches(((BearerTokenAuthenticationToken) token).getToken())) {
                return admin;
            }
            throw new BadCredentialsException("not the admin token");
        };
        AuthenticationManager adminOrBuyer = token -> adminToken.matches(
                ((BearerTokenAuthenticationToken) token).getToken()) ? admin : jwt.authenticate(token);
        AuthenticationManagerResolver<HttpServletRequest> managers =
                request -> ADMIN_PATHS.matches(request) ? adminOnly : adminOrBuyer;

        // Spring Security's answers (status, WWW-Authenticate), with a problem document as their body.
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        AuthenticationEntryPoint unauthorized = (request, response, exception) -> {
            bearer.commence(request, response, exception);
            problem(request, response, UNAUTHORIZED);
        };
        BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
        AccessDeniedHandler forbidden = (request, response, exception) -> {
            denied.handle(request, response, exception);
            problem(request, response, FORBIDDEN);
        };

        return http
                .securityMatcher(CallerSecurity::hasACaller)
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(RESOURCE_METADATA).permitAll()
                        .requestMatchers(ADMIN_PATHS).hasRole(Caller.ADMIN_ROLE)
                        .requestMatchers(HttpMethod.POST, "/api/orders/*/payment").hasRole(Caller.ADMIN_ROLE)
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server.authenticationManagerResolver(managers)
                        .authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                // Bearer tokens only: no session, no cookie, so nothing for CSRF to forge.
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }

    /**
     * Purchases, orders, carts, admin calls and the resource metadata, by plain string tests: this runs on every
     * request, public reads included, and after the firewall, which has refused any path that is not normalized
     * ({@code //}, {@code /./}, {@code ;}, encoded slashes), so a raw prefix cannot be dodged.
     */
    static boolean hasACaller(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/api/orders/") || path.startsWith("/api/users/") || path.startsWith("/api/admin/")
                || path.startsWith("/api/sales/") && path.endsWith("/purchases")
                || path.equals("/.well-known/oauth-protected-resource");
    }

    /**
     * Spring Security's firewall with a cheaper check of header names and values: no control characters, as its
     * default, by a loop rather than its Unicode-class regex, which it runs on every header read of every request
     * and which took a quarter of the app node's samples in a profile of purchases (a JWT is 200 characters).
     */
    @Bean
    WebSecurityCustomizer firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(CallerSecurity::printable);
        firewall.setAllowedHeaderValues(CallerSecurity::printable);
        return web -> web.httpFirewall(firewall);
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: with the actuator on the
     * classpath Spring Security makes about a dozen per purchase, and without them purchases at 8 connections went
     * from 676 to 1,575 a second (docs/BENCHMARKS.md). The request's own timer ({@code http.server.requests}) stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    static boolean printable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c >= 0x80 && c < 0xa0) {
                return false;
            }
        }
        return true;
    }

    private static void problem(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        request.setAttribute(Problem.REQUEST_ATTRIBUTE, ProblemNames.of(response.getStatus()));
        ProblemNames.send(response, response.getStatus(), detail);
    }

    /** Lets a controller method take the request's {@link Caller} as a parameter. */
    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return parameter.getParameterType() == Caller.class;
            }

            @Override
            public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                          NativeWebRequest request, WebDataBinderFactory binders) {
                Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
                if (authentication == null) {
                    throw new IllegalStateException("a controller takes a Caller on a path without security");
                }
                return Caller.of(authentication);
            }
        });
    }
}
