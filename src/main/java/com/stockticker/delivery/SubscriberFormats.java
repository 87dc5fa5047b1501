package com.stockticker.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

import com.stockticker.messaging.MessageFormats;

/**
 * The format each topic subscription asked for with its SUBSCRIBE's {@value MessageFormats#HEADER} header (the
 * guard let only offered ones through), and so which of a message's payloads it gets: the one in its format if the
 * message has it (see {@link MessageFormats}), else the message's own.
 */
final class SubscriberFormats {

    /** Subscription id to format, by session; only subscriptions that asked for a format. */
    private final Map<String, Map<String, String>> bySession = new ConcurrentHashMap<>();

    void subscribed(SimpMessageHeaderAccessor headers) {
        String format = headers.getFirstNativeHeader(MessageFormats.HEADER);
        if (format != null && headers.getSessionId() != null && headers.getSubscriptionId() != null) {
            bySession.computeIfAbsent(headers.getSessionId(), id -> new ConcurrentHashMap<>())
                    .put(headers.getSubscriptionId(), format);
        }
    }

    void unsubscribed(SimpMessageHeaderAccessor headers) {
        Map<String, String> formats = headers.getSessionId() != null ? bySession.get(headers.getSessionId()) : null;
        if (formats != null && headers.getSubscriptionId() != null) {
            formats.remove(headers.getSubscriptionId());
        }
    }

    void disconnected(String sessionId) {
        bySession.remove(sessionId);
    }

    /** The format a subscription gets this message in; {@code null} for the message's own payload. */
    @Nullable
    String formatOf(String sessionId, String subscriptionId, @Nullable MessageFormats formats) {
        if (formats == null || bySession.isEmpty()) {
            return null;
        }
        Map<String, String> subscriptions = bySession.get(sessionId);
        String format = subscriptions != null ? subscriptions.get(subscriptionId) : null;
        return format != null && formats.payload(format) != null ? format : null;
    }

    /** The payload a subscription gets of this message. */
    byte[] payloadFor(Message<?> message, byte[] payload, String sessionId, String subscriptionId) {
        MessageFormats formats = MessageFormats.of(message);
        String format = formatOf(sessionId, subscriptionId, formats);
        return format != null ? formats.payload(format) : payload;
    }
}
