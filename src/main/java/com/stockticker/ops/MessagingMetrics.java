package com.stockticker.ops;

import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.WebSocketMessageBrokerStats;

/**
 * The STOMP side of the service as metrics: connected sessions and their subscriptions (the outboxes
 * count the sessions closed for being too slow). Also sets how often Spring logs its own broker statistics.
 */
@Component
class MessagingMetrics implements MeterBinder {

    private final SimpUserRegistry users;
    private final WebSocketMessageBrokerStats brokerStats;

    MessagingMetrics(SimpUserRegistry users, WebSocketMessageBrokerStats brokerStats, OpsProperties properties) {
        this.users = users;
        this.brokerStats = brokerStats;
        brokerStats.setLoggingPeriod(properties.brokerStatsPeriod().toMillis());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("ticker.stomp.sessions", users, MessagingMetrics::sessions)
                .description("Connected STOMP sessions").register(registry);
        Gauge.builder("ticker.stomp.subscriptions", users, MessagingMetrics::subscriptions)
                .description("Subscriptions of the connected STOMP sessions").register(registry);
    }

    private static double sessions(SimpUserRegistry users) {
        return localSessions(users).count();
    }

    private static double subscriptions(SimpUserRegistry users) {
        return localSessions(users).mapToLong(session -> session.getSubscriptions().size()).sum();
    }

    /** This instance's sessions: the registry lists only those, in every mode. */
    private static Stream<SimpSession> localSessions(SimpUserRegistry users) {
        return users.getUsers().stream().flatMap(user -> user.getSessions().stream());
    }

}
