package com.stockticker.messaging;

/**
 * Every STOMP endpoint, prefix and destination of the wire protocol, defined once. {@code docs/protocol.md}
 * documents them; the dashboard receives them from the server rather than repeating them.
 */
public final class Destinations {

    public static final String WEBSOCKET_ENDPOINT = "/ws";
    public static final String SOCKJS_ENDPOINT = "/sockjs";
    /**
     * Appended to {@link #WEBSOCKET_ENDPOINT} by a client that reads binary WebSocket frames as STOMP too:
     * the server then sends topic messages as the bytes it encoded once, without making text of them.
     */
    public static final String BINARY_FRAMES_QUERY = "frames=binary";

    public static final String APP_PREFIX = "/app";
    public static final String TOPIC_PREFIX = "/topic";
    public static final String QUEUE_PREFIX = "/queue";
    public static final String USER_PREFIX = "/user";

    /** One batch per tick with every quote that changed. */
    public static final String PRICES = TOPIC_PREFIX + "/prices";
    /** Followed by a symbol: one quote per tick in which that symbol changed. */
    public static final String SYMBOL_PRICES_PREFIX = PRICES + ".";

    /** Followed by {@code SYMBOL.interval}: an instrument's bar in progress as it changes, and each bar once as it closes. */
    public static final String CANDLES_PREFIX = TOPIC_PREFIX + "/candles.";

    /** Under {@link #APP_PREFIX}: subscribing answers with a snapshot of every quote. */
    public static final String QUOTES = "/quotes";
    /** Under {@link #APP_PREFIX}: subscribing answers with one quote and its history. */
    public static final String SYMBOL_QUOTES = QUOTES + "/{symbol}";
    /** Under {@link #APP_PREFIX}: subscribing answers with an instrument's recent bars at one interval. */
    public static final String SYMBOL_CANDLES = "/candles/{symbol}/{interval}";
    /** Under {@link #APP_PREFIX}: managed subscription requests. */
    public static final String SUBSCRIPTIONS = "/subscriptions";

    /** Under {@link #APP_PREFIX}: SEND an order; SUBSCRIBE for a snapshot of the user's orders. */
    public static final String ORDERS = "/orders";
    /** Under {@link #APP_PREFIX}: SEND to cancel an open order. */
    public static final String ORDERS_CANCEL = ORDERS + "/cancel";
    /** Under {@link #APP_PREFIX}: SEND to start the user's account again from its starting cash. */
    public static final String ACCOUNT_RESET = "/account/reset";
    /** Under {@link #APP_PREFIX}: SUBSCRIBE for a snapshot of the user's portfolio. */
    public static final String PORTFOLIO = "/portfolio";

    /** Under {@link #USER_PREFIX}: the user's order events. */
    public static final String USER_ORDERS = QUEUE_PREFIX + "/orders";
    /** Under {@link #USER_PREFIX}: the user's portfolio, as it changes and as prices move. */
    public static final String USER_PORTFOLIO = QUEUE_PREFIX + "/portfolio";

    /** Under {@link #USER_PREFIX}: the session's managed-subscription stream. */
    public static final String USER_QUOTES = QUEUE_PREFIX + "/quotes";
    /** Under {@link #USER_PREFIX}: errors about the session's own messages. */
    public static final String USER_ERRORS = QUEUE_PREFIX + "/errors";

    /**
     * Under {@link #TOPIC_PREFIX}: reserved for the service. Instances of earlier versions used these topics
     * among themselves; clients may still not subscribe to them, so that the name can never carry anything
     * of another user's.
     */
    public static final String INTERNAL_PREFIX = TOPIC_PREFIX + "/ticker-internal.";

    private Destinations() {
    }

    public static String symbolPrices(String symbol) {
        return SYMBOL_PRICES_PREFIX + symbol;
    }

    public static String candles(String symbol, String interval) {
        return CANDLES_PREFIX + symbol + "." + interval;
    }

    /** The resolved broker destination of one session's user destination, as Spring's user destination resolver names it. */
    public static String sessionQueue(String userDestination, String sessionId) {
        return userDestination + "-user" + sessionId;
    }
}
