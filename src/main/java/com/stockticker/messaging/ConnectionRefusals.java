package com.stockticker.messaging;

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

    ConnectionRefusals(@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutbound) {
        this.clientOutbound = clientOutbound;
    }

    public void refuse(String sessionId, String reason) {
        log.info("Refused a STOMP CONNECT of session {}: {}", sessionId, reason);
        StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
        error.setMessage(reason);
        error.setSessionId(sessionId);
        clientOutbound.send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
    }
}
