package com.stockticker.messaging;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Refuses a STOMP connection: an ERROR frame with the reason, after which Spring closes the connection.
 * An interceptor that refuses a CONNECT calls this and drops the frame; throwing would not do, because
 * with in-order delivery the exception ends in a log line and the client would hear nothing.
 */
@Component
public class ConnectionRefusals {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRefusals.class);

    private final MessageChannel clientOutbound;
    private final RefusalLog refusals;

    ConnectionRefusals(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound, Clock clock) {
        this.clientOutbound = clientOutbound;
        this.refusals = new RefusalLog(log, 10, clock);
    }

    /** Sends an ERROR frame with {@code reason} to the session and closes it, with one (rate-limited) log line. */
    public void refuse(String sessionId, String reason) {
        refusals.info("Refused STOMP session {}: {}", sessionId, reason);
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(reason);
        error.setSessionId(sessionId);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
    }
}
