package com.stockticker.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.stockticker.messaging.RemoteSessions;

/**
 * Trading sessions that edges announced to the core. Spring's user registry learns of another instance's
 * sessions from that instance's broadcast, every 10 s; a user who connects to an edge and orders at once
 * would miss the order's events until then. An edge therefore announces a session as soon as it subscribes
 * to the user's order or portfolio queue, and the core sends to it from then on.
 *
 * <p>An announcement is kept for {@link #KEEP}, longer than the registry takes to list the session (its
 * expiration period is 20 s), then forgotten. Sending to a session that has closed meanwhile costs nothing:
 * RabbitMQ drops a message that no subscription wants.
 */
@Component
@CoreRole
@RelayMode
class AnnouncedSessions implements RemoteSessions {

    static final Duration KEEP = Duration.ofSeconds(30);

    private final Map<String, Map<String, Instant>> byUser = new ConcurrentHashMap<>();
    private final Clock clock;

    AnnouncedSessions(Clock clock) {
        this.clock = clock;
    }

    void announce(String username, String sessionId) {
        if (username != null && sessionId != null) {
            byUser.computeIfAbsent(username, name -> new ConcurrentHashMap<>()).put(sessionId, clock.instant().plus(KEEP));
        }
    }

    @Override
    public Set<String> of(String username) {
        Map<String, Instant> sessions = byUser.get(username);
        if (sessions == null) {
            return Set.of();
        }
        Instant now = clock.instant();
        sessions.values().removeIf(until -> until.isBefore(now));
        if (sessions.isEmpty()) {
            byUser.remove(username, sessions);
        }
        return Set.copyOf(sessions.keySet());
    }
}
