package com.stockticker.delivery;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;

/**
 * Closes sessions for their outboxes, on threads of its own, away from the threads that send: a close can block on a
 * stuck socket. Drops a connection that has not completed its closing handshake after a grace period, and counts
 * the sessions closed for being too slow.
 */
class OutboxCloser implements SessionOutbox.Closer {

    private static final CloseStatus TOO_SLOW = CloseStatus.POLICY_VIOLATION.withReason("too slow");
    /** How long a slow client has to complete the closing handshake before its connection is dropped. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(OutboxCloser.class);

    private final SessionOutboxes outboxes;
    private final Executor closes;
    private final Counter closedSlow;

    OutboxCloser(SessionOutboxes outboxes, Executor closes, MeterRegistry registry) {
        this.outboxes = outboxes;
        this.closes = closes;
        this.closedSlow = Counter.builder("ticker.stomp.sessions.closed.slow")
                .description("Sessions closed because they did not read what they were sent in time").register(registry);
    }

    @Override
    public void close(WebSocketSession session, CloseStatus status) {
        closes.execute(() -> closeQuietly(session, status));
    }

    @Override
    public void closeSlow(WebSocketSession session) {
        closedSlow.increment();
        log.info("Closing session {}: it did not read what it was sent within the send limits", session.getId());
        close(session, TOO_SLOW);
        abortUnlessClosedInTime(session);
    }

    @Override
    public void abortUnlessClosedInTime(WebSocketSession session) {
        // A close frame waits behind the frames the client has not read, maybe for ever: still open after
        // the grace period means it never left.
        CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS, closes)
                .execute(() -> abortIfOpen(session.getId()));
    }

    private void abortIfOpen(String sessionId) {
        SessionOutbox outbox = outboxes.get(sessionId);
        if (outbox != null) {
            log.info("Dropping session {}: it did not complete the closing handshake", sessionId);
            outbox.abort();
        }
    }

    @Override
    public void closeFailed(WebSocketSession session, Throwable failure) {
        log.debug("Closing session {} after a failed write", session.getId(), failure);
        close(session, CloseStatus.SESSION_NOT_RELIABLE);
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        }
        catch (IOException | RuntimeException ex) {
            log.debug("Session {} did not close cleanly", session.getId(), ex);
        }
    }
}
