package com.stockticker.web;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.handler.HandlerMethod;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.simp.SimpMessageMappingInfo;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.annotation.support.SimpAnnotationMethodMessageHandler;
import org.springframework.web.client.RestClient;

import com.stockticker.errors.ErrorCode;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.EncodedJson;
import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.TopicFormat;
import com.stockticker.support.HeadlessChromium;
import com.stockticker.support.LenientHttp;
import com.stockticker.support.LiveServerTest;
import com.stockticker.support.SpecificationSchema;
import com.stockticker.support.StompClient;
import com.stockticker.support.StompClients;
import com.stockticker.support.StompFrame;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP API's AsyncAPI document, served by a running server: it names exactly the destinations the handlers and
 * {@link Destinations} have, it is valid AsyncAPI 3.0.0 by the specification's own JSON Schema, real messages match
 * the payload schemas it declares, and its page renders with every link resolving.
 */
@LiveServerTest
class AsyncApiIntegrationTest {

    /** Where the document is registered for the validator, so that its {@code $ref}s resolve within it. */
    private static final String DOCUMENT_IRI = "https://stockticker.test/asyncapi.json";
    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String USER = "asyncapi";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @RegisterExtension
    final StompClients clients = new StompClients();

    private RestClient http;
    private JsonNode document;

    @BeforeEach
    void fetchTheDocument() {
        http = LenientHttp.to("http://localhost:" + port);
        ResponseEntity<JsonNode> response = http.get().uri(AsyncApiController.JSON).retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
        document = response.getBody();
    }

    // ---- Drift: the document and the code name the same destinations ----

    /** "SUBSCRIBE /app/quotes" for each handler mapping (but the catch-all), with the type it answers or reads. */
    @Test
    void documentsEveryHandlerWithItsFrameAndPayload() {
        Map<String, HandlerMethod> mapped = new LinkedHashMap<>();
        for (SimpAnnotationMethodMessageHandler handler : context.getBeansOfType(SimpAnnotationMethodMessageHandler.class).values()) {
            String prefix = handler.getDestinationPrefixes().stream().map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                    .findFirst().orElseThrow();
            handler.getHandlerMethods().forEach((SimpMessageMappingInfo info, HandlerMethod method) -> {
                String frame = info.getMessageTypeMessageCondition().getMessageType() == SimpMessageType.SUBSCRIBE ? "SUBSCRIBE" : "SEND";
                info.getDestinationConditions().getPatterns().stream()
                        // The catch-all of messaging.UnknownDestinationController is no destination a client uses.
                        .filter(pattern -> !pattern.contains("*"))
                        .forEach(pattern -> mapped.put(frame + " " + prefix + pattern, method));
            });
        }
        Map<String, JsonNode> documented = new LinkedHashMap<>();
        document.get("operations").properties().forEach(operation -> {
            String address = channel(operation.getValue()).get("address").asString();
            if (address.startsWith(Destinations.APP_PREFIX + "/")) {
                documented.put(operation.getValue().get("x-stomp-frame").asString() + " " + address, operation.getValue());
            }
        });

        assertThat(mapped).as("the application's handlers").hasSizeGreaterThanOrEqualTo(9);
        assertThat(new TreeSet<>(documented.keySet())).isEqualTo(new TreeSet<>(mapped.keySet()));
        mapped.forEach((operation, method) -> {
            String payload = payloadOf(method);
            if (payload != null) {
                assertThat(payloads(documented.get(operation)))
                        .as(operation + " carries what " + method.getShortLogMessage() + " answers or reads").contains(payload);
            }
        });
    }

    /** Every destination constant is in the document (endpoints as servers), and nothing is there that none makes. */
    @Test
    void documentsEveryDestinationConstantAndNoOtherDestination() throws IllegalAccessException {
        Set<String> addresses = new TreeSet<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asString()));
        Set<String> pathnames = new HashSet<>();
        document.get("servers").forEach(server -> pathnames.add(server.get("pathname").asString()));
        Set<String> made = new HashSet<>(handlerDestinations());
        List<String> prefixes = new ArrayList<>();

        for (Field field : Destinations.class.getFields()) {
            if (!Modifier.isStatic(field.getModifiers()) || field.getType() != String.class) {
                continue;
            }
            String name = field.getName();
            String value = (String) field.get(null);
            if (name.endsWith("_ENDPOINT")) {
                assertThat(pathnames).as(name).contains(value);
            }
            else if (name.endsWith("_QUERY")) {
                assertThat(document.get("servers").get("websocket").get("description").asString()).as(name).contains(value);
            }
            else if (value.equals(Destinations.INTERNAL_PREFIX)) {
                assertThat(addresses).as("the service's own topics").noneMatch(address -> address.startsWith(value));
            }
            else if (value.endsWith(".")) {
                assertThat(addresses).as(name).anyMatch(address -> address.startsWith(value + "{"));
                prefixes.add(value);
            }
            else if (name.endsWith("_PREFIX")) {
                assertThat(addresses).as(name).anyMatch(address -> address.contains(value + "/"));
            }
            else {
                List<String> candidates = List.of(value, Destinations.APP_PREFIX + value, Destinations.USER_PREFIX + value);
                assertThat(addresses).as(name).containsAnyElementsOf(candidates);
                made.addAll(candidates);
            }
        }
        // A topic under a prefix is the prefix and parameters only: "/topic/candles.{symbol}.{interval}".
        assertThat(addresses).allMatch(address -> made.contains(address) || prefixes.stream().anyMatch(prefix ->
                address.startsWith(prefix) && address.substring(prefix.length()).matches("\\{\\w+}(\\.\\{\\w+})*")));
    }

    /** The headers a SUBSCRIBE may carry are those of the topics that take them. */
    @Test
    void documentsTheResumeAndFormatHeadersWhereTheyAreTaken() {
        context.getBeansOfType(ResumableTopic.class).values().forEach(topic -> assertThat(subscribeHeaders(topic.destination()))
                .containsKeys("resume-after", "resume-market"));
        context.getBeansOfType(TopicFormat.class).values().forEach(format -> {
            List<String> formats = new ArrayList<>();
            subscribeHeaders(format.destination()).get("format").get("enum").forEach(value -> formats.add(value.asString()));
            assertThat(formats).contains(format.name());
        });
        Set<String> resumable = new HashSet<>();
        context.getBeansOfType(ResumableTopic.class).values().forEach(topic -> resumable.add(topic.destination()));
        document.get("operations").forEach(operation -> {
            if (!resumable.contains(channel(operation).get("address").asString())) {
                assertThat(operation.get("x-stomp-headers").get("properties").has("resume-after")).isFalse();
            }
        });
    }

    /** The error codes and the reject reasons are those ErrorCode says may appear there, each with its description. */
    @Test
    void errorCodesAndRejectReasonsAreTheirEnumsWithAMeaningEach() {
        assertEnumeration(schema("ClientError").get("properties").get("code"), ErrorCode.errors());
        assertEnumeration(schema("OrderEvent").get("properties").get("reason"), ErrorCode.rejectReasons());
    }

    private static void assertEnumeration(JsonNode property, List<ErrorCode> codes) {
        List<String> values = new ArrayList<>();
        property.get("enum").forEach(value -> {
            if (!value.isNull()) {
                values.add(value.asString());
            }
        });
        String[] expected = codes.stream().map(Enum::name).toArray(String[]::new);

        assertThat(values).containsExactly(expected);
        assertThat(property.get("x-enum-descriptions").propertyNames()).containsExactly(expected);
        codes.forEach(code -> assertThat(property.get("x-enum-descriptions").get(code.name()).asString())
                .isEqualTo(code.description()));
    }

    /**
     * Live: a logged-in client may SUBSCRIBE to every documented destination (with the parameters' first values), and
     * an anonymous one is refused with AUTHENTICATION_REQUIRED exactly where the document asks for a user.
     */
    @Test
    void everyDocumentedDestinationIsServedAndNeedsAUserWhereTheDocumentSays() {
        StompClient user = StompClient.connect(endpoint(), Map.of("login", USER, "passcode", "alice-demo"));
        StompClient anonymous = clients.connect(port);
        try {
            String userErrors = user.subscribeWithReceipt(Destinations.USER_PREFIX + Destinations.USER_ERRORS);
            String anonymousErrors = anonymous.subscribeWithReceipt(Destinations.USER_PREFIX + Destinations.USER_ERRORS);
            Map<String, String> secured = new LinkedHashMap<>();
            Map<String, String> open = new LinkedHashMap<>();
            document.get("operations").properties().forEach(entry -> {
                JsonNode operation = entry.getValue();
                String destination = example(channel(operation));
                String key = operation.get("x-stomp-frame").asString() + " " + destination;
                (operation.has("security") ? secured : open).put(key, entry.getKey());
                if (operation.get("x-stomp-frame").asString().equals("SUBSCRIBE")) {
                    user.subscribeWithReceipt(destination);
                    anonymous.subscribe(destination);
                }
                else {
                    // Anonymous SENDs change nothing: those that need a user are refused, the others get {} and refuse it.
                    anonymous.sendJson(destination, "{}");
                }
            });
            List<JsonNode> userRefusals = errorsUntilSentinel(user, userErrors);
            List<JsonNode> anonymousRefusals = errorsUntilSentinel(anonymous, anonymousErrors);

            assertThat(secured).as("operations that need a user").isNotEmpty();
            assertThat(open).as("operations anyone may use").isNotEmpty();
            assertThat(userRefusals).as("errors of the logged-in client").isEmpty();
            Set<String> refused = new TreeSet<>();
            anonymousRefusals.stream().filter(error -> error.get("code").asString().equals(ErrorCode.AUTHENTICATION_REQUIRED.name()))
                    .forEach(error -> refused.add(error.get("destination").asString()));
            Set<String> securedDestinations = new TreeSet<>();
            secured.keySet().forEach(key -> securedDestinations.add(key.substring(key.indexOf(' ') + 1)));
            assertThat(refused).isEqualTo(securedDestinations);
            assertThat(anonymousRefusals).as("no documented destination is unknown or forbidden").noneMatch(error ->
                    Set.of(ErrorCode.UNKNOWN_DESTINATION.name(), ErrorCode.FORBIDDEN_DESTINATION.name()).contains(error.get("code").asString()));
        }
        finally {
            user.close();
        }
    }

    // ---- The document is valid AsyncAPI 3.0.0, in JSON and YAML ----

    @Test
    void isValidAsyncApi300BySpecificationsJsonSchema() {
        Schema specification = SpecificationSchema.load("asyncapi/asyncapi-3.0.0.schema.json", SpecificationVersion.DRAFT_7);

        assertThat(document.get("asyncapi").asString()).isEqualTo("3.0.0");
        assertThat(specification.validate(document)).isEmpty();

        // The validator does look: a document without its info is refused.
        ObjectNode broken = (ObjectNode) document.deepCopy();
        broken.remove("info");
        assertThat(specification.validate(broken)).isNotEmpty();
    }

    @Test
    void theYamlIsTheSameDocument() {
        ResponseEntity<String> yaml = http.get().uri(AsyncApiController.YAML).retrieve().toEntity(String.class);

        assertThat(yaml.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(yaml.getHeaders().getContentType().toString()).startsWith(AsyncApiController.YAML_TYPE);
        assertThat(YAMLMapper.builder().build().readTree(yaml.getBody())).isEqualTo(document);
    }

    // ---- Real messages match the schemas the document declares ----

    @Test
    void pricesAndSnapshotsMatchTheirSchemas() {
        StompClient client = clients.connect(port);
        String batches = client.subscribeWithReceipt(Destinations.PRICES);
        String lean = client.subscribeWithReceipt(Destinations.PRICES, Map.of("format", "lean"));
        String resumed = client.subscribeWithReceipt(Destinations.PRICES, Map.of("resume-after", "0"));
        String symbol = parameterValue("symbolPrices", "symbol");
        String interval = parameterValue("candles", "interval");
        String quote = client.subscribe(Destinations.symbolPrices(symbol));
        String candle = client.subscribe(Destinations.candles(symbol, interval));
        String quotes = client.subscribe(Destinations.APP_PREFIX + Destinations.QUOTES);
        String history = client.subscribe(example(document.get("channels").get("quoteHistory")));
        String candles = client.subscribe(example(document.get("channels").get("candleHistory")));

        client.awaitMessages(batches, 3).forEach(frame -> assertMatches("prices", "batch", frame));
        client.awaitMessages(lean, 3).forEach(frame -> assertMatches("prices", "leanBatch", frame));
        List<StompFrame> resumption = client.awaitMessages(resumed, 2);
        assertMatches("prices", "snapshot", resumption.get(0));
        assertThat(resumption.get(0).header("snapshot")).isEqualTo("true");
        assertMatches("prices", "batch", resumption.get(1));
        assertMatches("symbolPrices", "quote", client.awaitMessages(quote, 1).get(0));
        assertMatches("candles", "candle", client.awaitMessages(candle, 1).get(0));
        assertMatches("quotes", "snapshot", client.awaitMessages(quotes, 1).get(0));
        assertMatches("quoteHistory", "history", client.awaitMessages(history, 1).get(0));
        assertMatches("candleHistory", "history", client.awaitMessages(candles, 1).get(0));
    }

    @Test
    void managedQuotesAndErrorsMatchTheirSchemas() {
        StompClient client = clients.connect(port);
        String errors = client.subscribeWithReceipt(Destinations.USER_PREFIX + Destinations.USER_ERRORS);
        String managed = client.subscribeWithReceipt(Destinations.USER_PREFIX + Destinations.USER_QUOTES);
        String request = """
                {"action":"subscribe","symbols":["%s"],"maxRate":2}""".formatted(parameterValue("symbolPrices", "symbol"));

        assertThat(errors("subscriptions", "request", JSON.readTree(request))).isEmpty();
        client.sendJson(Destinations.APP_PREFIX + Destinations.SUBSCRIPTIONS, request);
        client.subscribe(Destinations.APP_PREFIX + Destinations.QUOTES + "/NOPE");

        assertMatches("managedQuotes", "quotes", client.awaitMessages(managed, 1).get(0));
        StompFrame error = client.awaitMessages(errors, 1).get(0);
        assertMatches("errors", "error", error);
        assertThat(error.json().get("code").asString()).isEqualTo(ErrorCode.UNKNOWN_SYMBOL.name());
    }

    /** What a trader sends matches the document, and so does everything the service answers, a rejection's nulls too. */
    @Test
    void ordersPortfoliosAndTheirAnswersMatchTheirSchemas() {
        StompClient trader = StompClient.connect(endpoint(), Map.of("login", USER, "passcode", "alice-demo"));
        try {
            String errors = trader.subscribeWithReceipt(Destinations.USER_PREFIX + Destinations.USER_ERRORS);
            String events = trader.subscribeWithReceipt(Destinations.USER_PREFIX + Destinations.USER_ORDERS);
            String portfolio = trader.subscribeWithReceipt(Destinations.USER_PREFIX + Destinations.USER_PORTFOLIO);
            String order = """
                    {"clientOrderId":"asyncapi-1","symbol":"KO","side":"BUY","type":"MARKET","quantity":1}""";
            String resting = """
                    {"clientOrderId":"asyncapi-2","symbol":"KO","side":"BUY","type":"LIMIT","quantity":1,"limitPrice":1.00}""";
            String unreadable = """
                    {"clientOrderId":"asyncapi-3","symbol":"KO","side":"BUY","type":"MARKET","quantity":1,"comment":"no"}""";
            assertThat(errors("orders", "order", JSON.readTree(order))).isEmpty();
            assertThat(errors("orders", "order", JSON.readTree(resting))).isEmpty();
            // The schema refuses what the service refuses: a field orders do not have.
            assertThat(errors("orders", "order", JSON.readTree(unreadable))).isNotEmpty();

            trader.sendJson(Destinations.APP_PREFIX + Destinations.ORDERS, order);
            trader.sendJson(Destinations.APP_PREFIX + Destinations.ORDERS, resting);
            trader.sendJson(Destinations.APP_PREFIX + Destinations.ORDERS, unreadable);
            StompFrame filled = event(trader, events, "asyncapi-1", "FILLED");
            String orderId = event(trader, events, "asyncapi-2", "NEW").json().get("orderId").asString();
            StompFrame rejected = event(trader, events, "asyncapi-3", "REJECTED");
            String cancel = "{\"orderId\":\"" + orderId + "\"}";
            assertThat(errors("cancel", "cancel", JSON.readTree(cancel))).isEmpty();
            trader.sendJson(Destinations.APP_PREFIX + Destinations.ORDERS_CANCEL, cancel);
            trader.sendJson(Destinations.APP_PREFIX + Destinations.ORDERS_CANCEL, "{\"orderId\":\"O-0\"}");
            String orders = trader.subscribe(Destinations.APP_PREFIX + Destinations.ORDERS);
            String snapshot = trader.subscribe(Destinations.APP_PREFIX + Destinations.PORTFOLIO);

            assertMatches("orderEvents", "event", filled);
            assertThat(rejected.json().get("orderId").isNull()).as("a rejection's nulls are in the schema").isTrue();
            assertMatches("orderEvents", "event", rejected);
            assertMatches("orderEvents", "event", event(trader, events, "asyncapi-2", "CANCELED"));
            StompFrame notFound = trader.awaitMessages(errors, 1).get(0);
            assertThat(notFound.json().get("code").asString()).isEqualTo(ErrorCode.ORDER_NOT_FOUND.name());
            assertMatches("errors", "error", notFound);
            assertMatches("orders", "orders", trader.awaitMessages(orders, 1).get(0));
            assertMatches("portfolio", "portfolio", trader.awaitMessages(snapshot, 1).get(0));
            assertMatches("portfolioUpdates", "portfolio", trader.awaitMessages(portfolio, 1).get(0));
        }
        finally {
            trader.close();
        }
    }

    // ---- The page ----

    @Test
    void thePageShowsTheDocumentAndEveryLinkResolves() throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 2200)) {
            WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));
            String url = "http://localhost:" + port + AsyncApiController.PAGE;
            chromium.load(url, wait);

            document.get("operations").propertyNames().forEach(id ->
                    assertThat(chromium.driver().findElements(By.id("op-" + id))).as(id).hasSize(1));
            document.get("components").get("schemas").propertyNames().forEach(name ->
                    assertThat(chromium.driver().findElements(By.id("schema-" + name))).as(name).hasSize(1));
            assertThat(chromium.driver().findElements(By.cssSelector("#errors tbody tr"))).hasSize(ErrorCode.errors().size());
            assertThat(chromium.text("#op-subscribePrices .address")).isEqualTo(Destinations.PRICES);
            assertThat(chromium.text("#op-placeOrder .login")).isEqualTo("Log in");

            @SuppressWarnings("unchecked")
            List<List<String>> links = (List<List<String>>) chromium.driver().executeScript(
                    "return Array.from(document.querySelectorAll('a[href]')).map(a => [a.getAttribute('href'), a.href]);");
            assertThat(links).hasSizeGreaterThan(40);
            for (List<String> link : links) {
                if (link.get(0).startsWith("#")) {
                    assertThat(chromium.driver().findElements(By.id(link.get(0).substring(1)))).as(link.get(0)).hasSize(1);
                }
                else {
                    assertThat(URI.create(link.get(1)).getHost()).as(link.get(0)).isEqualTo("localhost");
                    assertThat(resolve(link.get(1))).as(link.get(0)).isEqualTo(HttpStatus.OK);
                }
            }
            chromium.screenshot("asyncapi");
            chromium.screenshot("asyncapi-prices", "#op-subscribePrices");
            chromium.screenshot("asyncapi-order", "#op-placeOrder");
            chromium.screenshot("asyncapi-schema", "#schema-OrderEvent");
            chromium.screenshot("asyncapi-errors", "#errors");
        }
    }

    @Test
    void thePageSpeaksChineseToo() throws IOException {
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 1000, "zh-CN,zh")) {
            WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));
            chromium.load("http://localhost:" + port + AsyncApiController.PAGE, wait);

            assertThat(chromium.driver().findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
            assertThat(chromium.text("#subscribing-title")).isEqualTo(message("asyncapi.subscribing.long", Locale.SIMPLIFIED_CHINESE));
            chromium.screenshot("asyncapi-zh");
        }
    }

    @Test
    void theDashboardsFooterLinksToThePageInBothLanguages() {
        for (Locale language : Languages.SUPPORTED) {
            String page = http.get().uri("/").header(HttpHeaders.ACCEPT_LANGUAGE, language.toLanguageTag()).retrieve().body(String.class);

            assertThat(page).as(language.toString())
                    .contains("<a href=\"" + AsyncApiController.PAGE + "\">" + message("footer.asyncApi", language) + "</a>");
        }
        assertThat(message("footer.asyncApi", Locale.SIMPLIFIED_CHINESE)).isNotEqualTo(message("footer.asyncApi", Locale.ENGLISH));
    }

    // ---- Helpers ----

    /** The status a link ends at, after a redirect (Swagger UI's page redirects to its index). */
    private HttpStatus resolve(String url) {
        ResponseEntity<Void> response = http.get().uri(url).retrieve().toBodilessEntity();
        if (response.getStatusCode().is3xxRedirection()) {
            return resolve(URI.create(url).resolve(response.getHeaders().getLocation()).toString());
        }
        return HttpStatus.valueOf(response.getStatusCode().value());
    }

    private String message(String key, Locale locale) {
        return context.getMessage(key, null, locale);
    }

    private URI endpoint() {
        return URI.create("ws://localhost:" + port + Destinations.WEBSOCKET_ENDPOINT);
    }

    private JsonNode channel(JsonNode operation) {
        return document.get("channels").get(last(operation.get("channel").get("$ref").asString()));
    }

    private JsonNode schema(String name) {
        return document.get("components").get("schemas").get(name);
    }

    private static String last(String reference) {
        return reference.substring(reference.lastIndexOf('/') + 1);
    }

    /** The channel's address with each parameter set to its first documented value. */
    private static String example(JsonNode channel) {
        return PARAMETER.matcher(channel.get("address").asString())
                .replaceAll(match -> channel.get("parameters").get(match.group(1)).get("enum").get(0).asString());
    }

    private String parameterValue(String channel, String parameter) {
        return document.get("channels").get(channel).get("parameters").get(parameter).get("enum").get(0).asString();
    }

    private Map<String, JsonNode> subscribeHeaders(String address) {
        Map<String, JsonNode> headers = new LinkedHashMap<>();
        document.get("operations").forEach(operation -> {
            if (channel(operation).get("address").asString().equals(address)
                    && operation.get("x-stomp-frame").asString().equals("SUBSCRIBE")) {
                operation.get("x-stomp-headers").get("properties").properties().forEach(header -> headers.put(header.getKey(), header.getValue()));
            }
        });
        return headers;
    }

    private Set<String> handlerDestinations() {
        Set<String> destinations = new HashSet<>();
        context.getBeansOfType(SimpAnnotationMethodMessageHandler.class).values().forEach(handler -> handler.getHandlerMethods()
                .keySet().forEach(info -> info.getDestinationConditions().getPatterns().stream().filter(pattern -> !pattern.contains("*"))
                        .forEach(pattern -> destinations.add(Destinations.APP_PREFIX + pattern))));
        return destinations;
    }

    /** The schema names (or "array of Name") of the messages an operation carries; "none" for a message without body. */
    private Set<String> payloads(JsonNode operation) {
        Set<String> payloads = new HashSet<>();
        JsonNode channel = channel(operation);
        operation.get("messages").forEach(reference -> {
            JsonNode payload = channel.get("messages").get(last(reference.get("$ref").asString())).get("payload");
            if (payload == null) {
                payloads.add("none");
            }
            else if (payload.has("items")) {
                payloads.add("array of " + last(payload.get("items").get("$ref").asString()));
            }
            else {
                payloads.add(last(payload.get("$ref").asString()));
            }
        });
        return payloads;
    }

    /**
     * What a handler answers a SUBSCRIBE with (its return value, once a future completes) or reads from a SEND (its
     * {@code @Payload}), as {@link #payloads} names it; {@code null} where the handler handles JSON itself, reading
     * the tree (orders, whose every mistake is a rejection with a reason) or answering with JSON converted once for
     * everyone (the snapshot of every quote): real messages show what those are (the tests below).
     */
    private String payloadOf(HandlerMethod method) {
        Type type = Arrays.stream(method.getMethodParameters()).filter(parameter -> parameter.hasParameterAnnotation(Payload.class))
                .map(parameter -> parameter.getGenericParameterType()).findFirst().orElse(null);
        if (type == null) {
            type = method.getMethod().getGenericReturnType();
            if (type instanceof ParameterizedType future && future.getRawType() == CompletableFuture.class) {
                type = future.getActualTypeArguments()[0];
            }
        }
        if (type == JsonNode.class || type == EncodedJson.class) {
            return null;
        }
        if (type == Void.class || type == void.class) {
            return "none";
        }
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            return "array of " + ((Class<?>) list.getActualTypeArguments()[0]).getSimpleName();
        }
        return ((Class<?>) type).getSimpleName();
    }

    private StompFrame event(StompClient trader, String subscription, String clientOrderId, String status) {
        return trader.await(frame -> subscription.equals(frame.header("subscription"))
                && frame.json().path("clientOrderId").isString() && clientOrderId.equals(frame.json().get("clientOrderId").asString())
                && status.equals(frame.json().get("status").asString()));
    }

    /**
     * Every error on the client's error queue until the answer to a SUBSCRIBE that nothing answers: frames are handled
     * in order, so by then every error of the frames before it has come.
     */
    private static List<JsonNode> errorsUntilSentinel(StompClient client, String errors) {
        String sentinel = Destinations.APP_PREFIX + "/asyncapi-sentinel";
        client.subscribe(sentinel);
        client.await(frame -> errors.equals(frame.header("subscription")) && sentinel.equals(frame.json().path("destination").asString()));
        return client.messages(errors).stream().map(StompFrame::json)
                .filter(error -> !sentinel.equals(error.path("destination").asString())).toList();
    }

    /** The frame came on the channel's address, and its body and headers match the message's schemas. */
    private void assertMatches(String channel, String message, StompFrame frame) {
        String address = document.get("channels").get(channel).get("address").asString();
        assertThat(frame.destination()).matches(Pattern.quote(address).replaceAll("\\{\\w+}", "\\\\E[^./]+\\\\Q"));
        JsonNode body = frame.json();
        assertThat(errors(channel, message, body)).as(message + " on " + frame.destination() + ": " + frame.body()).isEmpty();
        assertDeclared(document.get("channels").get(channel).get("messages").get(message).get("payload"), body, message);
        if (document.get("channels").get(channel).get("messages").get(message).has("headers")) {
            JsonNode headers = JSON.valueToTree(frame.headers());
            assertThat(validate("#/channels/" + channel + "/messages/" + message + "/headers", headers))
                    .as("headers of " + message).isEmpty();
        }
    }

    private List<Error> errors(String channel, String message, JsonNode body) {
        return validate("#/channels/" + channel + "/messages/" + message + "/payload", body);
    }

    private List<Error> validate(String pointer, JsonNode instance) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
                builder -> builder.schemas(Map.of(DOCUMENT_IRI, document.toString())));
        return registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + pointer)).validate(instance);
    }

    /** Every property of the message is one its schema declares (the schemas of sent records allow others). */
    private void assertDeclared(JsonNode schema, JsonNode value, String where) {
        if (schema.has("$ref")) {
            assertDeclared(schema(last(schema.get("$ref").asString())), value, where);
        }
        else if (schema.has("anyOf")) {
            if (!value.isNull()) {
                assertDeclared(schema.get("anyOf").get(0), value, where);
            }
        }
        else if (value.isArray() && schema.has("items")) {
            value.forEach(item -> assertDeclared(schema.get("items"), item, where));
        }
        else if (value.isObject() && schema.has("properties")) {
            assertThat(schema.get("properties").propertyNames()).as(where).containsAll(value.propertyNames());
            value.properties().forEach(property ->
                    assertDeclared(schema.get("properties").get(property.getKey()), property.getValue(), where + "." + property.getKey()));
        }
    }

}
