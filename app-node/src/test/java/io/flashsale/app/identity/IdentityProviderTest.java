package io.flashsale.app.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.flashsale.app.AppNodeApplication;
import io.flashsale.app.OneMemberGrid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import static io.flashsale.app.ProblemAssertions.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An app node that takes its buyers from an identity provider: the JWK set (an RSA and an EC key) is served by this
 * test on loopback, so the path through {@code FLASHSALE_JWT_JWKS_URI} runs without a network. And an app node with
 * no way to check tokens does not start.
 */
@ExtendWith(OutputCaptureExtension.class)
class IdentityProviderTest {

    private static final String ADMIN = "provider-test-admin-token";
    private static final String ISSUER = "https://login.example.test/";

    private static RSAKey rsa;
    private static ECKey ec;
    private static HttpServer provider;
    private static ConfigurableApplicationContext app;
    private static RestTestClient http;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] keys = new JWKSet(java.util.List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString()
                .getBytes(StandardCharsets.UTF_8);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        provider.start();
        app = appNode("--flashsale.jwt.jwks-uri=http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks.json",
                "--flashsale.jwt.issuer=" + ISSUER);
        http = RestTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port")).build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (provider != null) {
            provider.stop(0);
        }
    }

    private static ConfigurableApplicationContext appNode(String... identity) {
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--server.port=0",
                "--flashsale.cluster-name=" + OneMemberGrid.settings().clusterName(),
                "--flashsale.members=" + String.join(",", OneMemberGrid.settings().members()),
                "--flashsale.admin-token=" + ADMIN, "--spring.main.banner-mode=off"),
                java.util.Arrays.stream(identity)).toArray(String[]::new);
        return new SpringApplicationBuilder(AppNodeApplication.class).registerShutdownHook(false).run(args);
    }

    private RestTestClient.ResponseSpec buy(String saleId, String token) {
        return http.post().uri("/api/sales/{id}/purchases", saleId).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body("{\"quantity\":1}").exchange();
    }

    private String sale() {
        String id = "idp-" + System.nanoTime();
        http.put().uri("/api/admin/products/{id}", id).header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).body("{\"name\":\"n\",\"description\":\"d\",\"price\":\"1.00\"}")
                .exchange().expectStatus().isOk();
        http.post().uri("/api/admin/sales").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).body("{\"saleId\":\"" + id + "\",\"productId\":\"" + id
                        + "\",\"stock\":10,\"segments\":1,\"perUserLimit\":5,\"startsAt\":\"" + Instant.now() + "\"}")
                .exchange().expectStatus().isCreated();
        return id;
    }

    @Test
    void tokensSignedByTheProvidersKeysBuyAndNoOthers() throws Exception {
        String saleId = sale();
        JWTClaimsSet claims = ForgedTokens.claims("auth0|6f1e", ISSUER, "any").build();
        buy(saleId, ForgedTokens.signed(new RSASSASigner(rsa), JWSAlgorithm.RS256, claims)).expectStatus().isCreated()
                .expectBody().jsonPath("$.userId").isEqualTo("auth0|6f1e");
        buy(saleId, ForgedTokens.signed(new ECDSASigner(ec), JWSAlgorithm.ES256, claims)).expectStatus().isCreated();

        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        problem(buy(saleId, ForgedTokens.signed(new RSASSASigner(stranger), JWSAlgorithm.RS256, claims)),
                401, "unauthorized");
        // Algorithm confusion: HS256 "signed" with the provider's public key, which anybody has.
        String publicKey = Base64.getEncoder().encodeToString(rsa.toRSAPublicKey().getEncoded());
        problem(buy(saleId, ForgedTokens.hs256(publicKey, claims)), 401, "unauthorized");
        problem(buy(saleId, ForgedTokens.unsigned(claims)), 401, "unauthorized");
        problem(buy(saleId, ForgedTokens.signed(new RSASSASigner(rsa), JWSAlgorithm.RS256,
                ForgedTokens.claims("auth0|6f1e", "https://other.example/", "any").build())), 401, "unauthorized");
    }

    @Test
    void aNodeWithAJwkSetMintsNoTokens() {
        problem(http.post().uri("/api/admin/tokens").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).body("{\"userId\":\"ann\"}").exchange(),
                409, "tokens-not-issued-here");
    }

    @Test
    void aNodeThatCannotCheckTokensDoesNotStart(CapturedOutput output) {
        assertThatThrownBy(IdentityProviderTest::appNode).hasRootCauseInstanceOf(IdentityNotConfigured.class);
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Neither FLASHSALE_JWT_SECRET nor FLASHSALE_JWT_JWKS_URI is set");
        assertThatThrownBy(() -> appNode("--flashsale.jwt.secret=short"))
                .hasRootCauseMessage("FLASHSALE_JWT_SECRET has 5 bytes; HS256 needs at least 32");
    }
}
