package com.stockticker.errors;

import java.util.Arrays;
import java.util.List;

/**
 * Every code a client is told, defined once: the {@code code} of an error on {@code /user/queue/errors} (and of a
 * REST problem), the {@code reason} of a {@code REJECTED} order event, or both. Each code says where it may appear
 * ({@link Appears}) and what it means: that description is the one the AsyncAPI document gives and the one in
 * {@code docs/protocol.md}'s tables of errors and reject reasons ({@code ErrorCodeDocumentationTest} fails when they
 * disagree). It is CommonMark, as AsyncAPI's descriptions are; the protocol document may link words of it to its
 * sections. A code's name is the wire's: it never changes.
 */
public enum ErrorCode {

    MALFORMED_JSON(Appears.IN_ERRORS, "The body is not JSON."),
    INVALID_MESSAGE(Appears.IN_ERRORS, "JSON of the wrong shape: an unknown field, a missing or invalid value, a wrong "
            + "type, or a `content-type` other than JSON; the message names the field. Also a `SUBSCRIBE` whose `id` "
            + "the connection already uses, a cancel that names not exactly one of `orderId` and `clientOrderId`, and "
            + "a REST parameter the server cannot use."),
    UNKNOWN_SYMBOL(Appears.IN_BOTH, "A symbol that is not traded: in an order, in `SUBSCRIBE /app/quotes/{SYMBOL}` or "
            + "a candle destination, or in a subscription request (the message lists them)."),
    UNKNOWN_INTERVAL(Appears.IN_ERRORS, "A candle destination named an interval that is not one of "
            + "`ticker.candles.intervals`; the message lists them."),
    TOO_MANY_SYMBOLS(Appears.IN_ERRORS, "A subscription request would make the connection follow more than "
            + "`ticker.subscriptions.max-symbols` (default 50) symbols."),
    RATE_OUT_OF_RANGE(Appears.IN_ERRORS, "`maxRate` is not more than 0 and at most `ticker.subscriptions.max-rate`."),
    INVALID_HEADER(Appears.IN_ERRORS, "A header the server cannot use, or one not allowed on the destination: "
            + "`resume-after` that is not a whole number of at least 0, `resume-market` without `resume-after`, or "
            + "either on another destination than `/topic/prices`; a `format` other than `lean`, or on another "
            + "destination than `/topic/prices`; a `selector` on a topic."),
    TOO_MANY_SUBSCRIPTIONS(Appears.IN_ERRORS, "A `SUBSCRIBE` to a topic or user queue beyond "
            + "`ticker.websocket.max-subscriptions` (100) held by the connection; `UNSUBSCRIBE` from one first (a "
            + "`SUBSCRIBE` to `/app/...` is answered once and holds nothing)."),
    FORBIDDEN_DESTINATION(Appears.IN_ERRORS, "A `SEND` outside `/app/**`, or a `SUBSCRIBE` outside `/topic/**`, "
            + "`/app/**`, `/user/queue/**`, or with a wildcard, or to `/topic/ticker-internal.*`, or to another user's "
            + "queue."),
    AUTHENTICATION_REQUIRED(Appears.IN_ERRORS, "A trading `SEND` or `SUBSCRIBE` from a connection that did not log in."),
    ORDER_NOT_FOUND(Appears.IN_ERRORS, "A cancel named an order the user does not have."),
    ORDER_NOT_OPEN(Appears.IN_ERRORS, "A cancel named an order that is already filled, canceled or rejected."),
    RATE_LIMITED(Appears.IN_BOTH, "Order and cancel messages beyond `ticker.trading.order-burst` (20) at once or "
            + "`ticker.trading.orders-per-second` (10) sustained. A rate-limited order is not kept: send it again, "
            + "with the same `clientOrderId`."),
    UNKNOWN_DESTINATION(Appears.IN_ERRORS, "A `SEND` or `SUBSCRIBE` under `/app` that nothing answers, such as "
            + "`/app/subscription`."),
    INTERNAL_ERROR(Appears.IN_ERRORS, "The server failed to handle a valid message; it is logged, and the message may "
            + "be retried."),
    SERVICE_UNAVAILABLE(Appears.IN_ERRORS, "The database is unavailable and nothing can be stored, or, on an edge of a "
            + "cluster, the instance could not reach the trading core in time; the message may be retried (orders "
            + "with the same `clientOrderId`)."),

    UNKNOWN_FIELD(Appears.IN_REJECTIONS, "The order has a field orders do not have (`\"comment\"`, a misspelt "
            + "`\"limitprice\"`)."),
    MISSING_FIELD(Appears.IN_REJECTIONS, "`clientOrderId`, `symbol`, `side`, `type` or `quantity` is missing."),
    INVALID_FIELD(Appears.IN_REJECTIONS, "A field of the wrong type, a `side` or `type` that is none of its values, or "
            + "a malformed `clientOrderId`."),
    INVALID_QUANTITY(Appears.IN_REJECTIONS, "The quantity is not a positive whole number (`0`, `-5`, `1.5`, `\"10\"`)."),
    QUANTITY_TOO_LARGE(Appears.IN_REJECTIONS, "More than `ticker.trading.max-quantity`."),
    MISSING_LIMIT_PRICE(Appears.IN_REJECTIONS, "A `LIMIT` order without `limitPrice`."),
    INVALID_LIMIT_PRICE(Appears.IN_REJECTIONS, "`limitPrice` is not a positive number, or is given for a `MARKET` order."),
    OFF_TICK_GRID(Appears.IN_REJECTIONS, "`limitPrice` is not a multiple of the instrument's tick size (`100.005` with "
            + "a tick of `0.01`)."),
    INSUFFICIENT_CASH(Appears.IN_REJECTIONS, "A buy costs more than the cash not reserved by open orders; a market buy "
            + "is priced at the current ask."),
    INSUFFICIENT_POSITION(Appears.IN_REJECTIONS, "A sell of more shares than are held and not reserved by open sells: "
            + "no short selling."),
    TOO_MANY_OPEN_ORDERS(Appears.IN_REJECTIONS, "A limit order that would rest while the user has "
            + "`ticker.trading.max-open-orders` (50) open.");

    /** Where a code may reach a client. */
    public enum Appears {
        /** As the {@code code} of an error on {@code /user/queue/errors} or of a REST problem. */
        IN_ERRORS,
        /** As the {@code reason} of a {@code REJECTED} order event. */
        IN_REJECTIONS,
        /** Either. */
        IN_BOTH
    }

    private static final List<ErrorCode> ERRORS = Arrays.stream(values()).filter(ErrorCode::isError).toList();
    private static final List<ErrorCode> REJECT_REASONS = Arrays.stream(values()).filter(ErrorCode::isRejectReason).toList();

    private final Appears appears;
    private final String description;

    ErrorCode(Appears appears, String description) {
        this.appears = appears;
        this.description = description;
    }

    /** The codes an error on {@code /user/queue/errors} or a REST problem may carry, in declaration order. */
    public static List<ErrorCode> errors() {
        return ERRORS;
    }

    /** The reasons a {@code REJECTED} order event may give, in declaration order. */
    public static List<ErrorCode> rejectReasons() {
        return REJECT_REASONS;
    }

    public Appears appears() {
        return appears;
    }

    /** May this be the code of an error (on {@code /user/queue/errors}, or of a REST problem)? */
    public boolean isError() {
        return appears != Appears.IN_REJECTIONS;
    }

    /** May this be the reason of a rejected order? */
    public boolean isRejectReason() {
        return appears != Appears.IN_ERRORS;
    }

    /** What the code means, in one CommonMark line. */
    public String description() {
        return description;
    }
}
