package com.stockticker.cluster;

import java.util.Map;

import org.springframework.amqp.core.Message;

/**
 * What exists in RabbitMQ, by name, and the headers of the messages instances send each other. Every name
 * starts with {@code ticker.}, so that the instances' RabbitMQ users can be limited to them
 * ({@code rabbitmq/definitions.json}); README.md, "Scale out", has the same table for operators.
 */
final class Backplane {

    /** Fanout: each market batch, published once by the core, copied once to each edge's market queue. */
    static final String MARKET_EXCHANGE = "ticker.market";
    /** Direct: the core's events for a user, routed by user name to the instances that hold that user. */
    static final String USER_EXCHANGE = "ticker.users";
    /** Direct: the edges' requests to the core, which answers each on the requester's direct reply-to. */
    static final String REQUEST_EXCHANGE = "ticker.requests";
    /** The routing key of requests to the core. */
    static final String CORE = "core";
    /**
     * The active core's request queue: declared when a core takes over and deleted when it stands down,
     * exclusive to its connection (so that no other core can consume from it meanwhile) and gone with it.
     */
    static final String CORE_QUEUE = "ticker.core.requests";
    /** Followed by an instance id: an edge's own queues, exclusive to its connection, gone with it. */
    static final String INSTANCE_QUEUE_PREFIX = "ticker.instance.";

    /** On a request: what it asks for, one of {@link Operation}. */
    static final String OPERATION = "ticker-operation";
    /** On a request: the user the edge authenticated and makes the request for. */
    static final String USER = "ticker-user";
    /** On a refusal: an {@code ErrorCode}, with {@link #ERROR_MESSAGE}. */
    static final String ERROR_CODE = "ticker-error-code";
    static final String ERROR_MESSAGE = "ticker-error-message";
    /** On a market batch: the market it belongs to, see {@link MarketOrigin}. */
    static final String MARKET = "ticker-market";
    /** On a market batch: the epoch of the core that published it, see {@link MarketOrigin}. */
    static final String EPOCH = "ticker-epoch";
    /** On a market batch: the instance name of the core that published it. */
    static final String CORE_NAME = "ticker-core";
    /** On a user event: the user destination it goes to, e.g. {@code /queue/orders}. */
    static final String DESTINATION = "ticker-destination";

    /** What an edge asks of the core. */
    enum Operation {
        PLACE, REJECT, CANCEL, ORDERS, HISTORY, RESET, PORTFOLIO, MARKET
    }

    private Backplane() {
    }

    static Map<String, String> headers(MarketOrigin origin) {
        return Map.of(MARKET, origin.market(), EPOCH, Long.toString(origin.epoch()), CORE_NAME, origin.core());
    }

    /** Where a market batch comes from; a batch without (from no known core) is of no market and epoch 0. */
    static MarketOrigin origin(Message batch) {
        String market = BackplaneMessages.header(batch, MARKET);
        String epoch = BackplaneMessages.header(batch, EPOCH);
        String core = BackplaneMessages.header(batch, CORE_NAME);
        return new MarketOrigin(market != null ? market : "", epoch != null ? Long.parseLong(epoch) : 0, core != null ? core : "");
    }

    static String marketQueue(String instanceId) {
        return INSTANCE_QUEUE_PREFIX + instanceId + ".market";
    }

    static String userQueue(String instanceId) {
        return INSTANCE_QUEUE_PREFIX + instanceId + ".users";
    }
}
