package com.stockticker.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Who subscribes to which topic, by exact destination (the guard refuses patterns, so no destination ever needs
 * matching). Subscribing, unsubscribing and disconnecting cost the same however many subscribe to the topic.
 * <p>
 * Spring's {@code DefaultSubscriptionRegistry}, which the broker used before, keeps a topic's subscribers as a map
 * that it copies whole at every subscribe and unsubscribe, so that lookups need no lock. That is fine for a topic
 * with a few hundred subscribers; with ten thousand on {@code /topic/prices}, every SUBSCRIBE copied ten thousand
 * entries, and when an instance's clients all came back at once (a reconnect storm) the copies, made under the
 * lock the topic is published under, took seconds of CPU and held back every other subscriber's ticks. Here a
 * topic's subscribers are a concurrent map, changed in place; a fan-out iterates it as it is at the time (a
 * session that subscribes meanwhile may or may not get that message, as before; a resuming one is ordered by the
 * lock the broker holds).
 */
final class TopicSubscriptions {

    /** Destination, then session id, then the session's subscription ids for it (usually one). */
    private final Map<String, Map<String, List<String>>> byDestination = new ConcurrentHashMap<>();
    /** Session id, then subscription id, then destination: what an UNSUBSCRIBE or a disconnect removes. */
    private final Map<String, Map<String, String>> bySession = new ConcurrentHashMap<>();

    /*
     * A session's changes are made while holding its entry in bySession, so that a disconnect on one thread and a
     * SUBSCRIBE on another cannot leave a subscription behind; a destination's entry is only ever taken inside.
     */

    void subscribe(String sessionId, String subscriptionId, String destination) {
        bySession.compute(sessionId, (id, subscriptions) -> {
            Map<String, String> those = subscriptions != null ? subscriptions : new ConcurrentHashMap<>();
            those.put(subscriptionId, destination);
            byDestination.compute(destination, (name, sessions) -> {
                Map<String, List<String>> subscribers = sessions != null ? sessions : new ConcurrentHashMap<>();
                subscribers.merge(sessionId, List.of(subscriptionId), TopicSubscriptions::joined);
                return subscribers;
            });
            return those;
        });
    }

    void unsubscribe(String sessionId, String subscriptionId) {
        bySession.computeIfPresent(sessionId, (id, subscriptions) -> {
            String destination = subscriptions.remove(subscriptionId);
            if (destination != null) {
                remove(destination, sessionId, subscriptionId);
            }
            return subscriptions;
        });
    }

    void disconnect(String sessionId) {
        bySession.computeIfPresent(sessionId, (id, subscriptions) -> {
            subscriptions.forEach((subscriptionId, destination) -> remove(destination, sessionId, subscriptionId));
            return null;
        });
    }

    /** Calls {@code subscriber} with each session subscribed to {@code destination} and its subscription ids. */
    void forEachSubscriber(String destination, BiConsumer<String, List<String>> subscriber) {
        Map<String, List<String>> sessions = byDestination.get(destination);
        if (sessions != null) {
            sessions.forEach(subscriber);
        }
    }

    boolean hasSubscribers(String destination) {
        return byDestination.containsKey(destination);
    }

    /** A destination without subscribers is forgotten, so that the map holds only topics someone follows. */
    private void remove(String destination, String sessionId, String subscriptionId) {
        byDestination.computeIfPresent(destination, (name, sessions) -> {
            sessions.computeIfPresent(sessionId, (id, ids) -> without(ids, subscriptionId));
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private static List<String> joined(List<String> ids, List<String> more) {
        List<String> all = new ArrayList<>(ids);
        all.addAll(more);
        return List.copyOf(all);
    }

    private static List<String> without(List<String> ids, String subscriptionId) {
        List<String> rest = new ArrayList<>(ids);
        rest.remove(subscriptionId);
        return rest.isEmpty() ? null : List.copyOf(rest);
    }
}
