package com.stockticker.messaging;

/** Why a client message was refused. Each code is documented in {@code docs/protocol.md}. */
public enum ErrorCode {
    /** The body is not JSON. */
    MALFORMED_JSON,
    /** The body is JSON of the wrong shape: an unknown field, a missing or invalid value. */
    INVALID_MESSAGE,
    /** A symbol that is not traded here. */
    UNKNOWN_SYMBOL,
    /** A candle interval that is not one of the configured ones. */
    UNKNOWN_INTERVAL,
    /** A managed subscription would exceed the symbols allowed per session. */
    TOO_MANY_SYMBOLS,
    /** A managed subscription asked for a rate outside the allowed range. */
    RATE_OUT_OF_RANGE,
    /**
     * A STOMP header with a value the server cannot use, or one that is not allowed on this destination (such as
     * {@code resume-after} on a topic that cannot be resumed).
     */
    INVALID_HEADER,
    /** A SUBSCRIBE beyond the subscriptions one connection may hold. */
    TOO_MANY_SUBSCRIPTIONS,
    /** A SEND or SUBSCRIBE to a destination that clients may not use. */
    FORBIDDEN_DESTINATION,
    /** A SEND or SUBSCRIBE that needs a logged-in user, from an anonymous connection. */
    AUTHENTICATION_REQUIRED,
    /** A cancel named an order that the user does not have. */
    ORDER_NOT_FOUND,
    /** A cancel named an order that is already filled, canceled or rejected. */
    ORDER_NOT_OPEN,
    /** A cancel sent faster than the user's order rate allows. */
    RATE_LIMITED,
    /** A SEND or SUBSCRIBE under {@code /app} that nothing answers. */
    UNKNOWN_DESTINATION,
    /** The server failed; the message may be retried. */
    INTERNAL_ERROR,
    /**
     * The database is unavailable, so nothing can be stored; or, in a cluster, an edge could not reach the
     * trading core in time (RabbitMQ or the core is down or restarting). The message may be retried.
     */
    SERVICE_UNAVAILABLE
}
