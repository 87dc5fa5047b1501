package com.stockticker.web;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

import com.stockticker.errors.ErrorCode;
import com.stockticker.feed.LeanBatch;
import com.stockticker.feed.LeanQuote;
import com.stockticker.feed.ManagedQuotes;
import com.stockticker.feed.SubscriptionRequest;
import com.stockticker.market.Candle;
import com.stockticker.market.CandleHistory;
import com.stockticker.market.MarketProperties;
import com.stockticker.market.Quote;
import com.stockticker.market.QuoteBatch;
import com.stockticker.market.QuoteBook;
import com.stockticker.market.QuoteHistory;
import com.stockticker.messaging.ClientError;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.MessageFormats;
import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.ResumeRequest;
import com.stockticker.messaging.TopicFormat;
import com.stockticker.trading.CancelRequest;
import com.stockticker.trading.OrderEvent;
import com.stockticker.trading.OrderRequest;
import com.stockticker.trading.Portfolio;
import com.stockticker.web.AsyncApi.Channel;
import com.stockticker.web.AsyncApi.Operation;
import com.stockticker.web.AsyncApi.Reference;
import com.stockticker.web.PayloadSchemas.Direction;

/**
 * The STOMP API's AsyncAPI 3.0 document, made from the project's own definitions: every address from
 * {@link Destinations}, every payload schema from the record that travels ({@link PayloadSchemas}), the error codes
 * from {@link ErrorCode}, the symbols and intervals from the configuration, the headers a SUBSCRIBE may carry from
 * the topics that take them ({@link ResumableTopic}, {@link TopicFormat}), and which operations need a user from the
 * rules the destination guard applies. The prose is here, beside what it describes; {@code docs/protocol.md} has the
 * whole protocol. {@code AsyncApiIntegrationTest} checks that the document names every destination the handlers and
 * {@link Destinations} have, and only those.
 *
 * <p>AsyncAPI describes the application: an operation whose {@code action} is {@code send} is one where the service
 * sends (clients SUBSCRIBE), {@code receive} one where it receives (clients SEND).
 */
@Component
class AsyncApiDocumentation {

    static final String LOGIN = "stompLogin";
    static final String SEND = "SEND";
    static final String SUBSCRIBE = "SUBSCRIBE";

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    private final MarketProperties market;
    private final QuoteBook book;
    private final List<ResumableTopic> resumableTopics;
    private final List<TopicFormat> topicFormats;
    private final AuthorizationManager<Message<?>> authorization;
    /** An optional bean: only a build that ran Boot's build-info goal has one. */
    private final ObjectProvider<BuildProperties> build;
    private final Supplier<AsyncApi> document = SingletonSupplier.of(this::make);

    AsyncApiDocumentation(MarketProperties market, QuoteBook book, List<ResumableTopic> resumableTopics,
            List<TopicFormat> topicFormats, AuthorizationManager<Message<?>> authorization, ObjectProvider<BuildProperties> build) {
        this.market = market;
        this.book = book;
        this.resumableTopics = resumableTopics;
        this.topicFormats = topicFormats;
        this.authorization = authorization;
        this.build = build;
    }

    /** The document, made once; its servers are for a client of {@code host} ({@code name:port}). */
    AsyncApi document(String host, boolean secure) {
        Map<String, AsyncApi.Server> servers = new LinkedHashMap<>();
        servers.put("websocket", new AsyncApi.Server(host, secure ? "wss" : "ws", Destinations.WEBSOCKET_ENDPOINT,
                "WebSocket", """
                STOMP 1.0, 1.1 and 1.2 over a native WebSocket (subprotocols `v10.stomp`, `v11.stomp`, `v12.stomp`, or \
                none). Send `CONNECT` with `accept-version`, `host` and, to keep a quiet connection open, `heart-beat`; \
                add `login` and `passcode` to trade. A client \
                that reads STOMP from binary WebSocket messages too may connect with `?%s`: broadcasts then come as \
                binary messages holding the same bytes.""".formatted(Destinations.BINARY_FRAMES_QUERY)));
        servers.put("sockjs", new AsyncApi.Server(host, secure ? "https" : "http", Destinations.SOCKJS_ENDPOINT,
                "SockJS", "The same STOMP over SockJS, for browsers behind proxies that block WebSocket."));
        return document.get().withServers(servers);
    }

    private AsyncApi make() {
        PayloadSchemas schemas = new PayloadSchemas();
        Map<String, Channel> channels = new LinkedHashMap<>();
        Catalogue catalogue = new Catalogue(schemas, channels);
        catalogue.describe();
        describe(schemas.property(ClientError.class.getSimpleName(), "code"), ErrorCode.errors(),
                "What was refused, to act on; it never changes (`message` says it in English)");
        describe(schemas.property(OrderEvent.class.getSimpleName(), "reason"), ErrorCode.rejectReasons(),
                "Why a `REJECTED` order was rejected (`message` says it in English); null for the other statuses");
        String version = build.stream().map(BuildProperties::getVersion).findFirst().orElse("development");
        return new AsyncApi(AsyncApi.VERSION, new AsyncApi.Info("StockTicker STOMP API", version, INTRODUCTION), Map.of(),
                "application/json", channels, catalogue.operations(),
                new AsyncApi.Components(schemas.all(), Map.of(LOGIN, new AsyncApi.SecurityScheme("userPassword", """
                        A user's name and password as `login` and `passcode` on `CONNECT`. A browser that logged in \
                        with the form at `/login` connects with its session instead, and sends the session's CSRF \
                        token on `CONNECT`."""))));
    }

    private static final String INTRODUCTION = """
            Live quotes, candles and paper trading over STOMP. Clients `SUBSCRIBE` to the channels the service sends \
            on (operations whose action is `send`) and `SEND` JSON to those it receives on (action `receive`); each \
            operation's `x-stomp-frame` names the client's frame and `x-stomp-headers` the headers it may carry.

            Watching needs no account; trading needs a user (the operations with security). A frame the service \
            refuses is dropped and answered on `%s` with a code, and the connection stays open: \
            subscribe to it first. A frame that is not STOMP gets an `ERROR` frame and the connection is closed. \
            Any frame may ask for a `RECEIPT` with a `receipt` header. Prices are JSON numbers with the instrument's \
            tick size as their number of decimals; times are ISO-8601 UTC instants. The whole protocol, with its \
            limits and examples, is in the project's `docs/protocol.md`.""".formatted(Destinations.USER_PREFIX + Destinations.USER_ERRORS);

    /**
     * The codes a property may hold, each with what it means ({@link ErrorCode#description()}) in the extension
     * {@code x-enum-descriptions} (JSON Schema has no place for it). The values replace those the schema was made
     * with, which are all of {@link ErrorCode}'s: an error and a rejection each carry only some of them.
     */
    private static void describe(Map<String, Object> property, List<ErrorCode> codes, String description) {
        List<@Nullable String> values = new ArrayList<>(codes.stream().map(Enum::name).toList());
        if (property.get("enum") instanceof List<?> made && made.contains(null)) {
            values.add(null);
        }
        property.put("description", description);
        property.put("enum", values);
        property.put("x-enum-descriptions", codes.stream().collect(Collectors.toMap(Enum::name, ErrorCode::description,
                (a, b) -> a, LinkedHashMap::new)));
    }

    /** Would the destination guard refuse an anonymous connection's {@code frame} to {@code address} for want of a user? */
    private boolean needsUser(String frame, String address) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(
                frame.equals(SEND) ? SimpMessageType.MESSAGE : SimpMessageType.SUBSCRIBE);
        headers.setDestination(example(address));
        Message<byte[]> message = MessageBuilder.createMessage(new byte[0], headers.getMessageHeaders());
        AnonymousAuthenticationToken anonymous = new AnonymousAuthenticationToken("asyncapi", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        return !authorization.authorize(() -> anonymous, message).isGranted();
    }

    /** The address with each parameter replaced by its first value. */
    private String example(String address) {
        Matcher parameters = PARAMETER.matcher(address);
        return parameters.replaceAll(match -> parameter(match.group(1)).values().get(0));
    }

    private AsyncApi.Parameter parameter(String name) {
        return switch (name) {
            case "symbol" -> new AsyncApi.Parameter("An instrument's symbol: upper-case letters, digits and `-`, "
                    + "case-sensitive. Others are refused with `" + ErrorCode.UNKNOWN_SYMBOL + "`.",
                    market.instruments().stream().map(instrument -> instrument.symbol()).toList(), List.of());
            case "interval" -> new AsyncApi.Parameter("A candle interval, named by its largest whole unit (`s`, `m`, "
                    + "`h`, `d`). Others are refused with `" + ErrorCode.UNKNOWN_INTERVAL + "`.", book.candleIntervals(), List.of());
            default -> throw new IllegalStateException("No description of the address parameter {" + name + "}");
        };
    }

    /** What the API has, written top to bottom: channels with their messages, then what clients do with them. */
    private final class Catalogue {

        private final PayloadSchemas schemas;
        private final Map<String, Channel> channels;
        private final Map<String, Operation> operations = new LinkedHashMap<>();

        Catalogue(PayloadSchemas schemas, Map<String, Channel> channels) {
            this.schemas = schemas;
            this.channels = channels;
        }

        Map<String, Operation> operations() {
            return operations;
        }

        void describe() {
            prices();
            channel("symbolPrices", Destinations.symbolPrices("{symbol}"), "One symbol's prices", "",
                    sent("quote", Quote.class, "Quote", "The instrument's state after a tick in which it traded. Its "
                            + "`seq` goes up by one each time: a gap means a missed quote."));
            subscribe("subscribeSymbolPrices", "symbolPrices", "Every change of one instrument", "", "quote");

            channel("candles", Destinations.candles("{symbol}", "{interval}"), "One symbol's candles", "",
                    sent("candle", Candle.class, "Candle", "An OHLCV bar from `start` (inclusive) to `end` (exclusive). "
                            + "The bar in progress comes each tick the instrument trades, and each bar once more as it "
                            + "closes, with `final`: true. Keep bars by `start`: a bar replaces the one with its `start`."));
            subscribe("subscribeCandles", "candles", "A symbol's bars at one interval, as they change", "", "candle");

            channel("quotes", Destinations.APP_PREFIX + Destinations.QUOTES, "Snapshot of every quote", "",
                    sent("snapshot", QuoteBatch.class, "Snapshot", "The latest quote of every instrument, in configuration order."));
            subscribe("getQuotes", "quotes", "A snapshot of every quote", """
                    Answered at once, and nothing follows. To start following prices, subscribe to this and then to \
                    `%s`, and apply only batches with a greater `seq`.""".formatted(Destinations.PRICES), "snapshot");

            channel("quoteHistory", Destinations.APP_PREFIX + Destinations.SYMBOL_QUOTES, "Snapshot of one quote", "",
                    sent("history", QuoteHistory.class, "Quote history", "The latest quote and the recent prices, oldest "
                            + "first, ending with the latest: enough for a chart."));
            subscribe("getQuoteHistory", "quoteHistory", "One quote and its recent prices", "Answered at once; nothing follows.",
                    "history");

            channel("candleHistory", Destinations.APP_PREFIX + Destinations.SYMBOL_CANDLES, "Snapshot of a symbol's candles", "",
                    sent("history", CandleHistory.class, "Candle history", "The most recent closed bars, oldest first, "
                            + "then the bar in progress if the instrument traded in it."));
            subscribe("getCandleHistory", "candleHistory", "A symbol's recent bars at one interval", """
                    Answered at once; nothing follows. To draw a chart that stays current, subscribe to `%s` first, \
                    then to this.""".formatted(Destinations.candles("{symbol}", "{interval}")), "history");

            channel("subscriptions", Destinations.APP_PREFIX + Destinations.SUBSCRIPTIONS, "Managed subscriptions", "",
                    received("request", SubscriptionRequest.class, "Subscription request", """
                            Subscribes to or unsubscribes from symbols, at most `maxRate` updates a second per symbol \
                            (the maximum if absent). A request is applied whole or not at all."""));
            send("requestSubscriptions", "subscriptions", "Follow a few symbols at a bounded rate", """
                    The answer comes on this connection's `%s`: a snapshot of the symbols subscribed, then updates.""".formatted(
                            Destinations.USER_PREFIX + Destinations.USER_QUOTES), "request", "managedQuotes");
            channel("managedQuotes", Destinations.USER_PREFIX + Destinations.USER_QUOTES, "This connection's managed quotes", "",
                    sent("quotes", ManagedQuotes.class, "Managed quotes", """
                            A `snapshot` answers a subscribe with the latest quote of each symbol it named; an `update` \
                            carries the latest quote of each subscribed symbol that changed and is due. Conflated: a \
                            symbol comes at most `maxRate` times a second, always with its latest quote."""));
            subscribe("subscribeManagedQuotes", "managedQuotes", "The managed subscriptions' quotes", "", "quotes");

            trading();

            channel("errors", Destinations.USER_PREFIX + Destinations.USER_ERRORS, "This connection's errors", "",
                    sent("error", ClientError.class, "Error", """
                            Why the service refused one of this connection's frames: the frame is dropped, the \
                            connection stays open. `destination` is the refused frame's. Errors are not kept for a \
                            connection that is not subscribed."""));
            subscribe("subscribeErrors", "errors", "Why a frame was refused", "Subscribe first, to hear about every mistake.",
                    "error");
        }

        private void prices() {
            List<AsyncApi.Message> messages = new ArrayList<>(List.of(
                    sent("batch", QuoteBatch.class, "Batch", """
                            One per tick, even a tick in which nothing traded: the tick's `seq` and time and every quote \
                            that changed in it. Batches' `seq` follow one another: a gap means batches were missed; take \
                            a snapshot again."""),
                    new AsyncApi.Message("snapshot", "Snapshot", """
                            What a subscription with `%s` starts with when it cannot be resumed (the first time, after a \
                            gap older than the window the service keeps, a restart, or another market): the latest quote \
                            of every instrument. Replace what you have with it and keep its `%s` for the next resume.""".formatted(
                                    ResumeRequest.AFTER_HEADER, ResumeRequest.MARKET),
                            null, snapshotHeaders(), schemas.reference(QuoteBatch.class, Direction.SENT))));
            for (TopicFormat format : formats(Destinations.PRICES)) {
                if (!format.name().equals(LeanQuote.FORMAT)) {
                    throw new IllegalStateException("No message describes the format " + format.name() + " of " + Destinations.PRICES);
                }
                messages.add(1, sent("leanBatch", LeanBatch.class, "Lean batch", """
                        Instead of the batch, for a subscription with `%s:%s`: the same tick with only what changed, \
                        about a third of the bytes. `t` is the time in milliseconds since 1970 and `q` the quotes: each \
                        has its symbol and those fields that differ from the symbol's previous quote (%s). Start from a \
                        snapshot and complete each quote with these.""".formatted(MessageFormats.HEADER, LeanQuote.FORMAT,
                                leanKeys())));
            }
            channel("prices", Destinations.PRICES, "All prices", "Every tick of the market, to every subscriber.",
                    messages.toArray(AsyncApi.Message[]::new));
            subscribe("subscribePrices", "prices", "Live prices, one batch per tick", """
                    With `%s` (the `seq` of the last batch applied, `0` the first time) and `%s`, the batches missed \
                    since then come first, each once and in order, or a snapshot if they cannot.""".formatted(
                            ResumeRequest.AFTER_HEADER, ResumeRequest.MARKET_HEADER),
                    messages.stream().map(AsyncApi.Message::name).toArray(String[]::new));
        }

        private void trading() {
            String userOrders = Destinations.USER_PREFIX + Destinations.USER_ORDERS;
            channel("orders", Destinations.APP_PREFIX + Destinations.ORDERS, "Orders", "",
                    received("order", OrderRequest.class, "Order", """
                            A market or limit order. `clientOrderId` is the client's own id for it (1 to 64 letters, \
                            digits, `.`, `_`, `:` or `-`): the same id sent again returns that order, never a second one, \
                            so retries are safe. `limitPrice` only for `LIMIT`, on the instrument's tick grid."""),
                    new AsyncApi.Message("orders", "Orders", "Every order of the user, as it stands.", null, null,
                            schemas.arrayOf(OrderEvent.class, Direction.SENT)));
            send("placeOrder", "orders", "Place an order", """
                    Every order gets an answer on `%s`: `NEW`, then `FILLED` or `CANCELED`, or `REJECTED` at once with \
                    a `reason`.""".formatted(userOrders), "order", "orderEvents");
            subscribe("getOrders", "orders", "A snapshot of the user's orders", "Answered at once; nothing follows.", "orders");

            channel("cancel", Destinations.APP_PREFIX + Destinations.ORDERS_CANCEL, "Cancels", "",
                    received("cancel", CancelRequest.class, "Cancel", "Names the open order by exactly one of its ids."));
            send("cancelOrder", "cancel", "Cancel an open order", """
                    Answered with a `CANCELED` order event on `%s`, or an error (`%s`, `%s`, `%s`).""".formatted(userOrders,
                            ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_NOT_OPEN, ErrorCode.RATE_LIMITED), "cancel", "orderEvents");

            channel("accountReset", Destinations.APP_PREFIX + Destinations.ACCOUNT_RESET, "Account reset", "",
                    new AsyncApi.Message("reset", "Reset", "No body: the account starts again from its starting cash.",
                            null, null, null));
            send("resetAccount", "accountReset", "Start the account again", "The portfolio after it comes on `%s`.".formatted(
                    Destinations.USER_PREFIX + Destinations.USER_PORTFOLIO), "reset", "portfolioUpdates");

            channel("portfolio", Destinations.APP_PREFIX + Destinations.PORTFOLIO, "Snapshot of the portfolio", "",
                    sent("portfolio", Portfolio.class, "Portfolio", PORTFOLIO));
            subscribe("getPortfolio", "portfolio", "A snapshot of the user's portfolio", "Answered at once; nothing follows.",
                    "portfolio");

            channel("orderEvents", userOrders, "The user's order events", "",
                    sent("event", OrderEvent.class, "Order event", """
                            The order after something happened to it: `NEW` when accepted, then `FILLED` or \
                            `CANCELED`; or `REJECTED` at once, with a `reason` and a `message`. An order that could not \
                            be read whole has no `orderId` and only the fields that could be read."""));
            subscribe("subscribeOrderEvents", "orderEvents", "Order events", "Every session of the user gets them.", "event");

            channel("portfolioUpdates", Destinations.USER_PREFIX + Destinations.USER_PORTFOLIO, "The user's portfolio", "",
                    sent("portfolio", Portfolio.class, "Portfolio", PORTFOLIO));
            subscribe("subscribePortfolio", "portfolioUpdates", "The portfolio as it changes",
                    "After every fill and as prices move.", "portfolio");
        }

        private static final String PORTFOLIO = """
                Cash, positions and P&L valued at the last prices. `availableCash` is what new buys may spend (open buys \
                reserve theirs); `equity` is `cash` plus `marketValue`.""";

        private AsyncApi.Message sent(String name, Class<?> payload, String title, String description) {
            return new AsyncApi.Message(name, title, description, null, null, schemas.reference(payload, Direction.SENT));
        }

        private AsyncApi.Message received(String name, Class<?> payload, String title, String description) {
            return new AsyncApi.Message(name, title, description, null, null, schemas.reference(payload, Direction.RECEIVED));
        }

        private void channel(String id, String address, String title, String description, AsyncApi.Message... messages) {
            Map<String, AsyncApi.Parameter> parameters = new LinkedHashMap<>();
            PARAMETER.matcher(address).results().forEach(match -> parameters.put(match.group(1), parameter(match.group(1))));
            Map<String, AsyncApi.Message> byName = new LinkedHashMap<>();
            Arrays.stream(messages).forEach(message -> byName.put(message.name(), message));
            if (channels.putIfAbsent(id, new Channel(address, title, description, byName, parameters)) != null) {
                throw new IllegalStateException("Two channels " + id);
            }
        }

        /** Clients SUBSCRIBE; the service sends the messages. */
        private void subscribe(String id, String channel, String summary, String description, String... messages) {
            String address = channels.get(channel).address();
            Map<String, Map<String, Object>> headers = new LinkedHashMap<>();
            headers.put("id", header("string", "The subscription's id, unique on the connection; its messages carry it "
                    + "as `subscription`", null));
            headers.put("receipt", RECEIPT);
            if (resumableTopics.stream().anyMatch(topic -> topic.destination().equals(address))) {
                headers.put(ResumeRequest.AFTER_HEADER, pattern(header("string", "Resume: the `seq` of the last message "
                        + "applied, a whole number; `0` if none", null), "^[0-9]+$"));
                headers.put(ResumeRequest.MARKET_HEADER, header("string", "With `" + ResumeRequest.AFTER_HEADER + "`: the "
                        + "`" + ResumeRequest.MARKET + "` of the snapshot that message followed", null));
            }
            List<String> formats = formats(address).stream().map(TopicFormat::name).toList();
            if (!formats.isEmpty()) {
                headers.put(MessageFormats.HEADER, header("string", "The format of the messages, instead of the default JSON",
                        formats));
            }
            operation(id, "send", SUBSCRIBE, channel, summary, description, null, headers(headers, List.of("id")), messages);
        }

        /** Clients SEND; the service receives the message, and answers on {@code reply}. */
        private void send(String id, String channel, String summary, String description, String message, String reply) {
            Map<String, Map<String, Object>> headers = new LinkedHashMap<>();
            // A charset may follow; a frame without the header is read as JSON too.
            headers.put("content-type", pattern(header("string", "The body's type: JSON; a body of another type is refused "
                    + "with `" + ErrorCode.INVALID_MESSAGE + "`", null), "^application/json"));
            headers.put("receipt", RECEIPT);
            operation(id, "receive", SEND, channel, summary, description, reply, headers(headers, List.of()), message);
        }

        private void operation(String id, String action, String frame, String channel, String summary, String description,
                String reply, Map<String, Object> headers, String... messages) {
            Channel target = channels.get(channel);
            for (String message : messages) {
                if (!target.messages().containsKey(message)) {
                    throw new IllegalStateException("Channel " + channel + " has no message " + message);
                }
            }
            List<Reference> security = needsUser(frame, target.address())
                    ? List.of(new Reference("#/components/securitySchemes/" + LOGIN)) : List.of();
            operations.put(id, new Operation(action, channelReference(channel), null, summary, description,
                    Arrays.stream(messages).map(message -> new Reference("#/channels/" + channel + "/messages/" + message)).toList(),
                    reply == null ? null : new AsyncApi.Reply(channelReference(reply)), security, frame, headers));
        }

        private Reference channelReference(String channel) {
            return new Reference("#/channels/" + channel);
        }
    }

    private static final Map<String, Object> RECEIPT = header("string", "Asks for a `RECEIPT` with this `receipt-id` once "
            + "the frame is handled, whether it was done or refused", null);

    /** The MESSAGE headers of a resumable topic's snapshot. */
    private static Map<String, Object> snapshotHeaders() {
        Map<String, Map<String, Object>> headers = new LinkedHashMap<>();
        headers.put(ResumeRequest.SNAPSHOT, header("string", "Marks the snapshot", List.of("true")));
        headers.put(ResumeRequest.MARKET, header("string", "The market the snapshot belongs to: send it back as `"
                + ResumeRequest.MARKET_HEADER + "` when resuming", null));
        return headers(headers, List.of(ResumeRequest.SNAPSHOT));
    }

    private List<TopicFormat> formats(String destination) {
        return topicFormats.stream().filter(format -> format.destination().equals(destination)).toList();
    }

    /** The lean format's keys and the quote fields they stand for, in the record's order. */
    private static String leanKeys() {
        List<String> fields = Arrays.stream(LeanQuote.class.getRecordComponents()).map(RecordComponent::getName).toList();
        return LeanQuote.KEYS.entrySet().stream().sorted(Map.Entry.comparingByValue((a, b) -> fields.indexOf(a) - fields.indexOf(b)))
                .map(key -> "`" + key.getKey() + "` " + key.getValue()).collect(Collectors.joining(", "));
    }

    private static Map<String, Object> header(String type, String description, List<String> values) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("type", type);
        header.put("description", description);
        if (values != null) {
            header.put("enum", values);
        }
        return header;
    }

    private static Map<String, Object> pattern(Map<String, Object> header, String pattern) {
        header.put("pattern", pattern);
        return header;
    }

    private static Map<String, Object> headers(Map<String, Map<String, Object>> properties, List<String> required) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("type", "object");
        headers.put("properties", properties);
        if (!required.isEmpty()) {
            headers.put("required", required);
        }
        return headers;
    }
}
