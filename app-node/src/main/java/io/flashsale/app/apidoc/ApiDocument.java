package io.flashsale.app.apidoc;

import io.flashsale.app.identity.Caller;
import io.flashsale.app.web.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui/index.html}, served from the
 * jar): springdoc reads the paths, parameters and answer schemas from the controllers, and {@link Endpoints} adds
 * what only the contract knows (callers, bodies, statuses, problem types).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocument {

    static final String BUYER = "buyer";
    static final String ADMIN = "admin";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static {
        // The caller comes from the token (an argument resolver), not from a query parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI flashSaleApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        return new OpenAPI()
                .info(new Info().title("flashsale app node")
                        .version(properties == null ? "unknown" : properties.getVersion())
                        .description("A flash-sale backend on a Hazelcast grid. Every error is application/problem+json"
                                + " (RFC 9457) of type urn:flashsale:problem:<name>; besides each operation's own,"
                                + " the HTTP edge may answer any request with: " + AT_THE_EDGE_TEXT
                                + ". Health and metrics are under /actuator (health, prometheus, metrics, info)."))
                .components(new Components()
                        .addSecuritySchemes(BUYER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("JWT").description("A buyer's JWT: sub is the buyer, exp required;"
                                        + " HS256 with FLASHSALE_JWT_SECRET or RS256/ES256 by FLASHSALE_JWT_JWKS_URI"))
                        .addSecuritySchemes(ADMIN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("The admin token (FLASHSALE_ADMIN_TOKEN): the operator"
                                        + " and the payment service"))
                        .addSchemas("Problem", new Schema<>().types(Set.of("object"))
                                .addProperty("type", typed("string")).addProperty("title", typed("string"))
                                .addProperty("status", typed("integer")).addProperty("detail", typed("string"))
                                .required(List.of("type", "title", "status", "detail"))));
    }

    private static final String AT_THE_EDGE_TEXT = Endpoints.AT_THE_EDGE.stream()
            .map(type -> type.status().value() + " " + type.typeName()).collect(Collectors.joining(", "));

    @Bean
    OpenApiCustomizer contract() {
        return openApi -> {
            openApi.getPaths().remove("/error");
            for (Endpoints.Endpoint endpoint : Endpoints.ALL) {
                PathItem path = openApi.getPaths().get(endpoint.path());
                Operation operation = path == null ? null
                        : path.readOperationsMap().get(PathItem.HttpMethod.valueOf(endpoint.method().toUpperCase()));
                if (operation == null) {
                    throw new IllegalStateException("Endpoints names " + endpoint.method() + " " + endpoint.path()
                            + ", which no controller serves");
                }
                describe(operation, endpoint);
            }
            openApi.addExtension("x-problem-types-at-the-edge", Endpoints.AT_THE_EDGE.stream()
                    .map(ProblemType::uri).toList());
        };
    }

    private static void describe(Operation operation, Endpoints.Endpoint endpoint) {
        operation.summary(endpoint.summary());
        operation.tags(List.of(tagOf(endpoint.path())));
        operation.security(switch (endpoint.access()) {
            case ANYONE -> List.of();
            case BUYER_OR_ADMIN -> List.of(new SecurityRequirement().addList(BUYER),
                    new SecurityRequirement().addList(ADMIN));
            case ADMIN -> List.of(new SecurityRequirement().addList(ADMIN));
        });
        if (endpoint.body() != null) {
            JsonNode example = JSON.readTree(endpoint.body());
            operation.requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                    "application/json", new MediaType().schema(schemaOf(example))
                            .example(JSON.convertValue(example, Map.class)))));
        }
        // springdoc's 200 carries the answer's schema, read from the controller's return type.
        ApiResponse inferred = operation.getResponses() == null ? null : operation.getResponses().get("200");
        Map<String, ApiResponse> responses = new TreeMap<>();
        endpoint.answers().forEach((status, meaning) -> {
            ApiResponse answer = new ApiResponse().description(meaning);
            if (inferred != null && !status.equals("204") && !status.equals("304")) {
                answer.content(inferred.getContent());
            }
            if (status.equals("201")) {
                answer.addHeaderObject("Location", header("the URL of what was created"));
            }
            responses.put(status, answer);
        });
        Map<Integer, List<ProblemType>> byStatus = endpoint.problems().stream()
                .collect(Collectors.groupingBy(type -> type.status().value(), TreeMap::new, Collectors.toList()));
        byStatus.forEach((status, types) -> responses.put(String.valueOf(status), problems(status, types)));
        ApiResponses documented = new ApiResponses();
        responses.forEach(documented::addApiResponse);
        operation.responses(documented);
    }

    /** One status's problems: each type named in the description and given as an example. */
    private static ApiResponse problems(int status, List<ProblemType> types) {
        Map<String, Example> examples = new LinkedHashMap<>();
        for (ProblemType type : types) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("type", type.uri());
            document.put("title", type.title());
            document.put("status", status);
            document.put("detail", "what was refused, and why");
            examples.put(type.typeName(), new Example().summary(type.title()).value(document));
        }
        ApiResponse response = new ApiResponse()
                .description(types.stream().map(ProblemType::typeName).collect(Collectors.joining(", ")))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/Problem")).examples(examples)));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", header("Bearer, with the resource metadata's URL"));
        }
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", header("seconds to wait before trying again"));
        }
        return response;
    }

    /** The feature an endpoint belongs to: {@code /api/admin/...} is "admin", {@code /api/orders/...} "orders". */
    private static String tagOf(String path) {
        String[] segments = path.split("/");
        return segments[1].equals("api") ? segments[2] : segments[1];
    }

    private static Header header(String description) {
        return new Header().description(description).schema(typed("string"));
    }

    /** The schema of an example body: its fields, typed as the example has them (summaries name the optional). */
    private static Schema<Object> schemaOf(JsonNode example) {
        Schema<Object> schema = typed("object");
        example.properties().forEach(field -> schema.addProperty(field.getKey(),
                typed(field.getValue().isIntegralNumber() ? "integer" : "string")));
        return schema;
    }

    private static Schema<Object> typed(String type) {
        Schema<Object> schema = new Schema<>();
        schema.types(Set.of(type));
        return schema;
    }
}
