package com.stockticker.messaging;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Answers a frame the server cannot take (broken, oversized, a CONNECT with wrong credentials or without
 * its CSRF token) with an ERROR frame, after which Spring closes the connection, as STOMP requires. It also
 * does the logging: these are the client's mistakes and get one line, not a stack trace, which is why
 * {@code application.yml} silences Spring's own logger for them.
 */
class StompErrors extends StompSubProtocolErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(StompErrors.class);

    @Override
    public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage, Throwable ex) {
        // Interceptors' exceptions arrive wrapped in the channel's MessageDeliveryException.
        Throwable cause = ex instanceof MessageDeliveryException && ex.getCause() != null ? ex.getCause() : ex;
        if (cause instanceof AuthenticationException || cause instanceof AccessDeniedException) {
            log.info("Refused a STOMP CONNECT: {}", cause.getMessage());
        }
        else if (cause instanceof StompConversionException) {
            log.info("Closing a STOMP connection after a frame it could not take: {}", cause.getMessage());
        }
        else {
            log.warn("Closing a STOMP connection after a failure to handle its frame", cause);
        }
        return super.handleClientMessageProcessingError(clientMessage, cause);
    }
}
