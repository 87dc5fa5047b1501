package com.stockticker.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stockticker.errors.ErrorCode;
import com.stockticker.trading.OrderEvent;

/**
 * The REST API's OpenAPI document ({@code /v3/api-docs}, shown by {@code /swagger-ui.html}). Springdoc derives the
 * operations and shapes from the controllers; this adds what they cannot say: who the API is for, how a client logs
 * in, and the one shape every error has. Which paths are documented is set in {@code application.yml}
 * ({@code springdoc.paths-to-match}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    /** HTTP Basic: what API clients (curl, Swagger UI's "Authorize") send. */
    static final String BASIC_AUTH = "basicAuth";
    /** The session cookie a browser gets from the login form. */
    static final String SESSION = "session";
    static final String PROBLEM = "ProblemDetail";

    private static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** @param build an optional bean: only a build that ran Boot's build-info goal has one */
    @Bean
    OpenAPI stockTickerApi(ObjectProvider<BuildProperties> build) {
        // build-info.properties is written by the Maven build; a run from an IDE without it still documents.
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
        return new OpenAPI()
                .info(new Info().title("StockTicker REST API").version(version).description("""
                        Quotes, candles, portfolio and order history over plain HTTP, in the same JSON shapes as \
                        the STOMP messages. Live prices and trading stream over STOMP (`/ws`, `/sockjs`): that \
                        protocol, its destinations and error codes are documented in the project's \
                        `docs/protocol.md`, not here.

                        Errors are RFC 9457 problem details (`application/problem+json`); the API's own \
                        refusals carry a `code` that clients act on (the `title` is in the request's language)."""))
                // Relative: "Try it out" calls the server that served this document, never another.
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(BASIC_AUTH, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A user's name and password (the accounts of `ticker.accounts`)."))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The session of a browser logged in with the form at `/login`. A POST "
                                        + "with the session needs the session's CSRF token (`X-CSRF-TOKEN`); one with "
                                        + "HTTP Basic does not.")));
    }

    /**
     * What applies to every operation: each error response is a problem detail, and an operation that needs a
     * user (its security requirement, declared on the controller) may answer 401 and 403, which Spring Security
     * sends without a problem body.
     */
    @Bean
    OpenApiCustomizer problemResponses() {
        return api -> {
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
                ApiResponses responses = operation.getResponses();
                responses.forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        response.setContent(new Content().addMediaType(PROBLEM_JSON,
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
                    }
                });
                if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
                    responses.addApiResponse("401", new ApiResponse().description("Not logged in: no or wrong credentials"));
                    responses.addApiResponse("403", new ApiResponse().description(
                            "Logged in, but without the role this operation needs; or a session's POST without its CSRF token"));
                }
            }));
        };
    }

    /**
     * An order event's {@code reason} holds only the reject reasons: springdoc, which reads the type, would list every
     * {@link ErrorCode}.
     */
    @Bean
    @SuppressWarnings({ "rawtypes", "unchecked" }) // swagger's Schema<T> holds its enum as List<T>; here T is String
    OpenApiCustomizer rejectReasons() {
        return api -> {
            Schema<?> event = api.getComponents().getSchemas().get(OrderEvent.class.getSimpleName());
            Schema reason = event == null || event.getProperties() == null ? null : event.getProperties().get("reason");
            if (reason != null) {
                reason.setEnum(ErrorCode.rejectReasons().stream().map(Enum::name).toList());
            }
        };
    }

    /** Spring's {@code ProblemDetail} as it reaches clients, with {@code code} one of {@link ErrorCode#errors()}. */
    private static Schema<?> problemSchema() {
        StringSchema code = new StringSchema();
        code.setEnum(ErrorCode.errors().stream().map(Enum::name).toList());
        code.description("Why the request was refused, as in the STOMP errors; absent on Spring's own problems "
                + "(an unknown path, a method not allowed, no such account)");
        Schema<?> problem = new ObjectSchema()
                .description("An RFC 9457 problem detail; it may carry more members, such as the `symbol` or "
                        + "`interval` that was not found")
                .addProperty("type", new StringSchema().format("uri-reference").description("about:blank where absent"))
                .addProperty("title", new StringSchema().description("A short summary, in the request's language"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong, in English"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("The request's path"))
                .addProperty("code", code)
                .additionalProperties(true);
        problem.setRequired(List.of("title", "status"));
        return problem;
    }
}
