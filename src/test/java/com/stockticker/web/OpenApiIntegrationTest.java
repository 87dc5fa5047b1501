package com.stockticker.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Schema;
import com.networknt.schema.SpecificationVersion;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.stockticker.errors.ErrorCode;
import com.stockticker.support.LenientHttp;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.SpecificationSchema;

import static org.assertj.core.api.Assertions.assertThat;

/** The served OpenAPI document: complete, valid, true to what the server answers; and Swagger UI, served locally. */
@LiveServerTest
class OpenApiIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private RestClient http;

    @BeforeEach
    void client() {
        http = LenientHttp.to("http://localhost:" + port);
    }

    /** "GET /api/quotes/{symbol}" for every handler under /api that Spring maps, and for every operation documented. */
    @Test
    void documentsExactlyTheMappedApi() {
        Set<String> mapped = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                        .filter(path -> path.startsWith("/api/"))
                        .forEach(path -> info.getMethodsCondition().getMethods()
                                .forEach(method -> mapped.add(method.name() + " " + path)))));

        Set<String> documented = new TreeSet<>();
        document().get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(method.toUpperCase() + " " + path.getKey())));

        assertThat(mapped).as("the handlers under /api").hasSizeGreaterThanOrEqualTo(9);
        assertThat(documented).isEqualTo(mapped);
    }

    @Test
    void isValidOpenApi31() {
        String json = http.get().uri("/v3/api-docs").retrieve().body(String.class);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);

        SwaggerParseResult result = new OpenAPIParser().readContents(json, null, options);

        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.1.");
        assertThat(result.getOpenAPI().getSpecVersion().name()).isEqualTo("V31");
    }

    /**
     * Valid by the specification's own JSON Schema, which swagger-parser does not check in full: OAS 3.1's
     * "schema-base", the structure of every object (required members, the security schemes' shapes, the responses'
     * keys) and every Schema Object by the OAS base dialect (JSON Schema 2020-12), which the document uses as it
     * names no other.
     */
    @Test
    void isValidOpenApi31BySpecificationsJsonSchema() {
        Schema specification = SpecificationSchema.load("openapi/schema-base.json", SpecificationVersion.DRAFT_2020_12, Map.of(
                "https://spec.openapis.org/oas/3.1/schema/2021-04-15", "openapi/schema.json",
                "https://spec.openapis.org/oas/3.1/dialect/base", "openapi/dialect/base.schema.json",
                "https://spec.openapis.org/oas/3.1/meta/base", "openapi/meta/base.schema.json"));
        JsonNode document = document();

        assertThat(document.has("jsonSchemaDialect")).as("the document uses the default dialect").isFalse();
        assertThat(specification.validate(document)).isEmpty();

        // The validator does look: at the document's structure (without its info, or a response without its
        // description, it is refused) and into its Schema Objects (a type that is no JSON type is refused).
        ObjectNode withoutInfo = (ObjectNode) document.deepCopy();
        withoutInfo.remove("info");
        assertThat(specification.validate(withoutInfo)).isNotEmpty();
        ObjectNode undescribed = (ObjectNode) document.deepCopy();
        ((ObjectNode) undescribed.at("/paths/~1api~1quotes~1{symbol}/get/responses/200")).remove("description");
        assertThat(specification.validate(undescribed)).isNotEmpty();
        ObjectNode badSchema = (ObjectNode) document.deepCopy();
        ((ObjectNode) badSchema.at("/components/schemas/" + ApiDocumentation.PROBLEM + "/properties/status")).put("type", "int");
        assertThat(specification.validate(badSchema)).isNotEmpty();
    }

    /** The problem schema's codes are ErrorCode's error codes, so the document cannot fall behind the enum. */
    @Test
    void problemCodesComeFromTheErrorCodeEnum() {
        List<String> codes = new ArrayList<>();
        schema("ProblemDetail").get("properties").get("code").get("enum").forEach(code -> codes.add(code.asString()));

        assertThat(codes).containsExactly(ErrorCode.errors().stream().map(Enum::name).toArray(String[]::new));
    }

    /** An order event's reasons are ErrorCode's reject reasons, not every code. */
    @Test
    void orderEventReasonsAreTheRejectReasons() {
        List<String> reasons = new ArrayList<>();
        schema("OrderEvent").get("properties").get("reason").get("enum").forEach(reason -> {
            if (!reason.isNull()) {
                reasons.add(reason.asString());
            }
        });

        assertThat(reasons).containsExactly(ErrorCode.rejectReasons().stream().map(Enum::name).toArray(String[]::new));
    }

    /** Exactly the operations that refuse an anonymous client say they need a user, and may answer 401 and 403. */
    @Test
    void securityIsDeclaredWhereTheServerAsksForIt() {
        document().get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String uri = path.getKey().replace("{symbol}", "AAPL").replace("{interval}", "1m").replace("{username}", "alice");
            HttpStatus status = HttpStatus.valueOf(http.method(HttpMethod.valueOf(operation.getKey().toUpperCase()))
                    .uri(uri).retrieve().toBodilessEntity().getStatusCode().value());
            boolean secured = operation.getValue().has("security");
            String what = operation.getKey() + " " + path.getKey();
            // An anonymous POST without credentials meets the CSRF check first: 403.
            assertThat(status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN).as(what + " answers " + status).isEqualTo(secured);
            if (secured) {
                assertThat(operation.getValue().get("responses").has("401")).as(what).isTrue();
                assertThat(operation.getValue().get("responses").has("403")).as(what).isTrue();
            }
        }));
    }

    /** A query parameter's Bean Validation constraints, which the server checks, are its schema's bounds. */
    @Test
    void limitsAreDocumentedFromTheirConstraints() {
        JsonNode orders = parameter("/api/orders", "limit");
        assertThat(orders.get("minimum").asInt()).isEqualTo(1);
        assertThat(orders.get("maximum").asInt()).isEqualTo(TradingApiController.MAX_PAGE);
        JsonNode candles = parameter("/api/candles/{symbol}/{interval}", "limit");
        assertThat(candles.get("minimum").asInt()).isEqualTo(1);
        assertThat(candles.has("maximum")).isFalse();
    }

    /** A real quote has every property its schema declares (Jackson writes every record component), and no other. */
    @Test
    void aQuoteMatchesItsSchema() {
        JsonNode quote = http.get().uri("/api/quotes/AAPL").retrieve().body(JsonNode.class);
        JsonNode schema = resolve(document().get("paths").get("/api/quotes/{symbol}").get("get")
                .get("responses").get("200").get("content").get("application/json").get("schema"));

        assertThat(new TreeSet<>(quote.propertyNames())).isEqualTo(new TreeSet<>(schema.get("properties").propertyNames()));
        if (schema.has("required")) {
            schema.get("required").forEach(name -> assertThat(quote.has(name.asString())).as(name.asString()).isTrue());
        }
        schema.get("properties").properties().forEach(property -> assertThat(matchesType(quote.get(property.getKey()),
                property.getValue().get("type").asString())).as(property.getKey()).isTrue());
    }

    /** An unknown symbol's problem has the documented status, media type, required members and one of the codes. */
    @Test
    void anUnknownSymbolsProblemMatchesTheDocument() {
        ResponseEntity<JsonNode> response = http.get().uri("/api/quotes/NOPE").retrieve().toEntity(JsonNode.class);
        JsonNode documented = document().get("paths").get("/api/quotes/{symbol}").get("get").get("responses").get("404");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(documented.get("content").has(response.getHeaders().getContentType().toString())).isTrue();
        JsonNode schema = resolve(documented.get("content").get(MediaType.APPLICATION_PROBLEM_JSON_VALUE).get("schema"));
        schema.get("required").forEach(name -> assertThat(response.getBody().has(name.asString())).as(name.asString()).isTrue());
        Set<String> codes = new HashSet<>();
        schema.get("properties").get("code").get("enum").forEach(code -> codes.add(code.asString()));
        assertThat(codes).contains(response.getBody().get("code").asString());
    }

    /** Swagger UI's page and everything it loads come from this server: nothing from the internet. */
    @Test
    void swaggerUiIsServedLocally() {
        ResponseEntity<String> redirect = http.get().uri("/swagger-ui.html").retrieve().toEntity(String.class);
        assertThat(redirect.getStatusCode().is3xxRedirection() || redirect.getStatusCode().is2xxSuccessful()).isTrue();

        ResponseEntity<String> page = http.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).doesNotContainPattern("(?i)(src|href)=\"(https?:)?//");

        Matcher assets = Pattern.compile("(?:src|href)=\"\\./?([^\"]+)\"").matcher(page.getBody());
        List<String> loaded = new ArrayList<>();
        while (assets.find()) {
            String asset = "/swagger-ui/" + assets.group(1);
            ResponseEntity<String> body = http.get().uri(asset).retrieve().toEntity(String.class);
            assertThat(body.getStatusCode()).as(asset).isEqualTo(HttpStatus.OK);
            loaded.add(asset);
        }
        assertThat(loaded).contains("/swagger-ui/swagger-ui-bundle.js", "/swagger-ui/swagger-initializer.js");

        // The initializer points at this server's document and turns the online validator off.
        String initializer = http.get().uri("/swagger-ui/swagger-initializer.js").retrieve().body(String.class);
        assertThat(initializer).doesNotContain("petstore").contains("/v3/api-docs/swagger-config");
        JsonNode config = http.get().uri("/v3/api-docs/swagger-config").retrieve().body(JsonNode.class);
        assertThat(config.get("url").asString()).isEqualTo("/v3/api-docs");
        assertThat(config.get("validatorUrl").asString()).isEqualTo("none");
    }

    @Test
    void theDashboardsFooterLinksToTheApiDocumentation() {
        String page = http.get().uri("/").retrieve().body(String.class);

        assertThat(page).contains("<a href=\"/swagger-ui.html\">REST API (OpenAPI)</a>");
    }

    private JsonNode document() {
        ResponseEntity<JsonNode> response = http.get().uri("/v3/api-docs").retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** The schema of the named query parameter of a GET. */
    private JsonNode parameter(String path, String name) {
        for (JsonNode parameter : document().get("paths").get(path).get("get").get("parameters")) {
            if (parameter.get("name").asString().equals(name)) {
                return parameter.get("schema");
            }
        }
        throw new AssertionError("GET " + path + " has no parameter " + name);
    }

    private JsonNode schema(String name) {
        return document().get("components").get("schemas").get(name);
    }

    private JsonNode resolve(JsonNode schema) {
        return schema.has("$ref") ? schema(schema.get("$ref").asString().substring("#/components/schemas/".length())) : schema;
    }

    private static boolean matchesType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "number" -> value.isNumber();
            case "integer" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "array" -> value.isArray();
            case "object" -> value.isObject();
            default -> false;
        };
    }
}
