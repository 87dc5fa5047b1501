package com.stockticker.messaging;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Answers a frame the server cannot take (broken, oversized) with an ERROR frame, after which Spring closes
 * the connection, as STOMP requires. It also does the logging: a broken frame is the client's mistake and
 * gets one line, not a stack trace, which is why {@code application.yml} silences Spring's own logger for it.
 */
class StompErrors extends StompSubProtocolErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(StompErrors.class);

    @Override
    public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage, Throwable ex) {
        if (ex instanceof StompConversionException) {
            log.info("Closing a STOMP connection after a frame it could not take: {}", ex.getMessage());
        }
        else {
            log.warn("Closing a STOMP connection after a failure to handle its frame", ex);
        }
        return super.handleClientMessageProcessingError(clientMessage, ex);
    }
}
