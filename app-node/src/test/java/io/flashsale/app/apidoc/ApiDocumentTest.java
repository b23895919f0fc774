package io.flashsale.app.apidoc;

import io.flashsale.app.WebRulesTest;
import io.flashsale.app.web.ProblemType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document against the code: every endpoint the controllers serve, every problem type there is. */
class ApiDocumentTest extends WebRulesTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private JsonNode document() {
        String body = http.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return JsonMapper.builder().build().readTree(body);
    }

    @Test
    void everyEndpointOfTheControllersIsDocumentedWithItsCallersAnswersAndProblems() {
        JsonNode paths = document().get("paths");
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("io.flashsale.app")
                    || info.getPatternValues().contains("/error")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                info.getMethodsCondition().getMethods()
                        .forEach(verb -> served.add(verb.name().toLowerCase() + " " + pattern));
            }
        });
        assertThat(served).hasSizeGreaterThanOrEqualTo(Endpoints.ALL.size());

        Set<String> documented = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey() + " " + path.getKey();
            documented.add(name);
            JsonNode op = operation.getValue();
            assertThat(op.path("summary").asText()).as(name + ": summary").isNotBlank();
            assertThat(op.has("security")).as(name + ": who may call").isTrue();
            assertThat(op.path("responses").propertyNames()).as(name + ": answers")
                    .anyMatch(status -> status.startsWith("2") || status.startsWith("3"));
            if (op.path("security").isEmpty()) {
                assertThat(op.path("responses").has("401")).as(name + ": public, so no 401").isFalse();
            } else {
                assertThat(op.path("responses").has("401")).as(name + ": 401 without a token").isTrue();
            }
        }));
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void everyProblemTypeIsInTheDocument() {
        JsonNode document = document();
        List<String> named = new ArrayList<>();
        document.get("paths").forEach(path -> path.forEach(op -> op.path("responses").forEach(response ->
                response.path("content").path("application/problem+json").path("examples")
                        .forEach(example -> named.add(example.at("/value/type").asText())))));
        document.path("x-problem-types-at-the-edge").forEach(type -> named.add(type.asText()));
        for (ProblemType type : ProblemType.values()) {
            assertThat(named).as("documented problem types").contains(type.uri());
        }
    }

    @Test
    void theDocumentIsOpenApi31WithBothSecuritySchemesAndRequestBodies() {
        JsonNode document = document();
        assertThat(document.get("openapi").asText()).startsWith("3.1");
        assertThat(document.at("/components/securitySchemes/buyer/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(document.at("/components/securitySchemes/admin/scheme").asText()).isEqualTo("bearer");
        JsonNode purchase = document.at("/paths/~1api~1sales~1{saleId}~1purchases/post");
        assertThat(purchase.at("/requestBody/content/application~1json/schema/properties/quantity/type").toString())
                .contains("integer");
        assertThat(purchase.at("/responses/201/headers").has("Location")).isTrue();
        assertThat(purchase.at("/responses/409/content/application~1problem+json/examples").propertyNames())
                .contains("sold-out", "purchase-limit", "sale-not-active");
        assertThat(purchase.at("/parameters").findValuesAsString("name")).contains("saleId", "Idempotency-Key")
                .doesNotContain("caller");
    }

    @Test
    void swaggerUiIsServedFromTheNodeItself() {
        String page = http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("swagger-ui").doesNotContain("https://").doesNotContain("http://");
        http.get().uri("/swagger-ui/swagger-ui-bundle.js").exchange().expectStatus().isOk();
        String initializer = http.get().uri("/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(initializer).doesNotContain("petstore").contains("/v3/api-docs");
    }
}
