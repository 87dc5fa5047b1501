package com.stockticker.messaging;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Keeps clients to the destinations that are theirs: they SEND only to the application ({@code /app/**}),
 * so nobody but the server publishes prices; they SUBSCRIBE to topics, application snapshots and their
 * own user queues, never to a raw {@code /queue/...} destination, which would be another session's.
 *
 * <p>A refused message is dropped and the client told on {@code /user/queue/errors}; the connection stays
 * open, as for any other bad message. The first refusal of a session is logged as a warning, the rest at
 * debug level, so that a misbehaving client cannot flood the log.
 */
class DestinationGuard implements ChannelInterceptor {

    private static final Logger log = LoggerFactory.getLogger(DestinationGuard.class);
    private static final String WARNED_ATTRIBUTE = DestinationGuard.class.getName() + ".warned";

    private static final List<String> SEND_PREFIXES = List.of(Destinations.APP_PREFIX + "/");
    private static final List<String> SUBSCRIBE_PREFIXES = List.of(Destinations.TOPIC_PREFIX + "/",
            Destinations.APP_PREFIX + "/", Destinations.USER_PREFIX + Destinations.QUEUE_PREFIX + "/");

    // Resolved lazily: the error sender depends on the broker, which depends on this channel's configuration.
    private final ObjectProvider<ClientErrors> errors;

    DestinationGuard(ObjectProvider<ClientErrors> errors) {
        this.errors = errors;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(message);
        SimpMessageType type = headers.getMessageType();
        List<String> allowed = type == SimpMessageType.MESSAGE ? SEND_PREFIXES
                : type == SimpMessageType.SUBSCRIBE ? SUBSCRIBE_PREFIXES : null;
        String destination = headers.getDestination();
        if (allowed == null || (destination != null && allowed.stream().anyMatch(destination::startsWith))) {
            return message;
        }
        String verb = type == SimpMessageType.MESSAGE ? "SEND" : "SUBSCRIBE";
        String reason = verb + " to '" + destination + "' is not allowed; clients may " + verb + " only to "
                + String.join(", ", allowed.stream().map(prefix -> prefix + "**").toList());
        logOncePerSession(headers, reason);
        errors.getObject().report(message, ErrorCode.FORBIDDEN_DESTINATION, reason);
        return null;
    }

    private static void logOncePerSession(SimpMessageHeaderAccessor headers, String reason) {
        Map<String, Object> attributes = headers.getSessionAttributes();
        boolean first = attributes == null || attributes.putIfAbsent(WARNED_ATTRIBUTE, Boolean.TRUE) == null;
        if (first) {
            log.warn("Session {} ({}): {}", headers.getSessionId(), headers.getUser() != null ? headers.getUser().getName() : "-", reason);
        }
        else {
            log.debug("Session {}: {}", headers.getSessionId(), reason);
        }
    }
}
