package com.stockticker.delivery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicSubscriptionsTest {

    private final TopicSubscriptions subscriptions = new TopicSubscriptions();

    @Test
    void aTopicHasEachSessionOnceWithAllItsSubscriptionIds() {
        subscriptions.subscribe("s1", "sub-0", "/topic/prices");
        subscriptions.subscribe("s2", "sub-0", "/topic/prices");
        subscriptions.subscribe("s1", "sub-1", "/topic/prices");
        subscriptions.subscribe("s1", "sub-2", "/topic/prices.AAPL");

        assertThat(subscribersOf("/topic/prices")).containsOnly(
                Map.entry("s1", List.of("sub-0", "sub-1")), Map.entry("s2", List.of("sub-0")));
        assertThat(subscribersOf("/topic/prices.AAPL")).containsOnly(Map.entry("s1", List.of("sub-2")));
        assertThat(subscriptions.hasSubscribers("/topic/prices.MSFT")).isFalse();
    }

    @Test
    void anUnsubscribeRemovesThatSubscriptionOnly() {
        subscriptions.subscribe("s1", "sub-0", "/topic/prices");
        subscriptions.subscribe("s1", "sub-1", "/topic/prices");
        subscriptions.subscribe("s2", "sub-0", "/topic/prices");

        subscriptions.unsubscribe("s1", "sub-0");
        subscriptions.unsubscribe("s1", "no-such-id");
        subscriptions.unsubscribe("no-such-session", "sub-0");

        assertThat(subscribersOf("/topic/prices")).containsOnly(
                Map.entry("s1", List.of("sub-1")), Map.entry("s2", List.of("sub-0")));
    }

    @Test
    void aDisconnectRemovesEverySubscriptionOfTheSessionAndATopicWithoutSubscribersIsForgotten() {
        subscriptions.subscribe("s1", "sub-0", "/topic/prices");
        subscriptions.subscribe("s1", "sub-1", "/topic/candles.AAPL.1m");
        subscriptions.subscribe("s2", "sub-0", "/topic/prices");

        subscriptions.disconnect("s1");

        assertThat(subscribersOf("/topic/prices")).containsOnly(Map.entry("s2", List.of("sub-0")));
        assertThat(subscriptions.hasSubscribers("/topic/candles.AAPL.1m")).isFalse();
        subscriptions.unsubscribe("s2", "sub-0");
        assertThat(subscriptions.hasSubscribers("/topic/prices")).isFalse();
    }

    @Test
    void aSessionThatComesBackAfterItsDisconnectStartsAfresh() {
        subscriptions.subscribe("s1", "sub-0", "/topic/prices");
        subscriptions.disconnect("s1");
        subscriptions.disconnect("s1");
        subscriptions.subscribe("s1", "sub-0", "/topic/prices.AAPL");

        assertThat(subscriptions.hasSubscribers("/topic/prices")).isFalse();
        assertThat(subscribersOf("/topic/prices.AAPL")).containsOnly(Map.entry("s1", List.of("sub-0")));
    }

    private Map<String, List<String>> subscribersOf(String destination) {
        Map<String, List<String>> found = new LinkedHashMap<>();
        subscriptions.forEachSubscriber(destination, found::put);
        return found;
    }
}
