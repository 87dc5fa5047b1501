package com.stockticker.messaging;

/**
 * Whether anyone on this instance follows a topic, for a publisher that would otherwise convert a message nobody
 * gets, such as one of the many candle topics. A subscriber that comes a moment later gets the next message.
 */
public interface TopicSubscribers {

    boolean hasSubscribers(String destination);
}
