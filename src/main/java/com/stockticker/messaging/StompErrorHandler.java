package com.stockticker.messaging;

import java.time.Clock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompConversionException;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * Answers a frame the server cannot take with an ERROR frame, after which Spring closes the connection, as
 * STOMP requires. The ERROR's {@code message} says what was wrong in the client's terms, never in the
 * server's (no Java class names). It also does the logging: a broken frame is the client's mistake and gets
 * one line, rate-limited ({@link RefusalLog}), which is why {@code application.yml} silences Spring's own
 * logger for it; a failure of the server's own gets a warning with its stack trace.
 */
class StompErrorHandler extends StompSubProtocolErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(StompErrorHandler.class);
    /** What Spring's decoder says, in {@code IllegalArgumentException}, of a command it does not know. */
    private static final String UNKNOWN_ENUM = "No enum constant ";

    private final RefusalLog refusals;

    StompErrorHandler(Clock clock) {
        this.refusals = new RefusalLog(log, 10, clock);
    }

    @Override
    public @Nullable Message<byte[]> handleClientMessageProcessingError(@Nullable Message<byte[]> clientMessage, Throwable ex) {
        String reason = clientMistake(clientMessage, ex);
        if (reason != null) {
            refusals.info("Closing a STOMP connection after a frame it could not take: {}", reason);
        }
        else {
            log.warn("Closing a STOMP connection after a failure to handle its frame", ex);
            reason = "The server could not handle this frame";
        }
        // Spring's handler makes the ERROR frame (with the frame's receipt id, if it asked for one) from the
        // exception's message: hand it the message meant for the client.
        return super.handleClientMessageProcessingError(clientMessage, new StompConversionException(reason));
    }

    /**
     * What the client did wrong, or {@code null} if the failure is the server's. Spring decodes a frame before
     * anything else sees it: a failure without a decoded frame is a frame that is not STOMP.
     */
    static @Nullable String clientMistake(@Nullable Message<byte[]> clientMessage, Throwable ex) {
        if (clientMessage == null) {
            if (ex instanceof StompConversionException) {
                return "Broken STOMP frame: " + ex.getMessage();
            }
            if (ex instanceof IllegalArgumentException && ex.getMessage() != null && ex.getMessage().startsWith(UNKNOWN_ENUM)) {
                String command = ex.getMessage().substring(ex.getMessage().lastIndexOf('.') + 1);
                return "Unknown STOMP command '" + command + "'";
            }
            return "Broken STOMP frame";
        }
        StompHeaderAccessor frame = MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class);
        StompCommand command = frame != null ? frame.getCommand() : null;
        // Spring asserts that a session has connected before it takes any other frame ("Unknown session").
        if (command != StompCommand.CONNECT && command != StompCommand.STOMP && ex instanceof IllegalStateException
                && ex.getMessage() != null && ex.getMessage().startsWith("Unknown session")) {
            return "The first frame must be CONNECT (or STOMP), not " + command;
        }
        return null;
    }
}
