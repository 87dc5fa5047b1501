package com.stockticker.messaging;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Refuses a STOMP connection: an ERROR frame with the reason, after which Spring closes the connection.
 * An interceptor that refuses a CONNECT calls this and drops the frame; throwing would not do, because
 * with in-order delivery the exception ends in a log line and the client would hear nothing.
 *
 * <p>The frame is sent by {@link ServerFrames}, told by a {@link ConnectionRefused} event on this thread: the
 * interceptors that refuse are part of the outbound channel's own configuration, so they cannot hold the channel.
 */
@Component
public class ConnectionRefusals {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRefusals.class);

    private final ApplicationEventPublisher events;
    private final RefusalLog refusals;

    ConnectionRefusals(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.refusals = new RefusalLog(log, 10, clock);
    }

    /** Sends an ERROR frame with {@code reason} to the session and closes it, with one (rate-limited) log line. */
    public void refuse(String sessionId, String reason) {
        refusals.info("Refused STOMP session {}: {}", sessionId, reason);
        events.publishEvent(new ConnectionRefused(sessionId, reason));
    }

    /** A STOMP session refused: it gets an ERROR frame with {@code reason}, then Spring closes it. */
    record ConnectionRefused(String sessionId, String reason) {
    }
}
