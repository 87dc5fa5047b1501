package com.stockticker.cluster;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.support.ChannelInterceptor;

import com.stockticker.messaging.Destinations;

/**
 * Passes a client's UNSUBSCRIBE on to RabbitMQ only for a subscription that went there. Clients also subscribe
 * to snapshots ({@code /app/...}), which the service answers itself, and unsubscribe from them once answered,
 * as the dashboard does; RabbitMQ answers an UNSUBSCRIBE of a subscription it does not know with an ERROR
 * frame, which the relay hands to the client, and Spring closes the connection after an ERROR frame. The
 * embedded broker ignores such an UNSUBSCRIBE, and so does relay mode now.
 */
class RelayedUnsubscribes implements ChannelInterceptor {

    private static final String IDS = RelayedUnsubscribes.class.getName() + ".ids";

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.UNSUBSCRIBE) {
            return message;
        }
        Set<String> relayed = relayed(message);
        return relayed != null && relayed.remove(SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders())) ? message : null;
    }

    /** Only a SUBSCRIBE that got past every check, to a destination that RabbitMQ holds, is remembered. */
    @Override
    public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean sent, Exception ex) {
        if (!sent || SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) != SimpMessageType.SUBSCRIBE) {
            return;
        }
        String destination = SimpMessageHeaderAccessor.getDestination(message.getHeaders());
        Set<String> relayed = relayed(message);
        if (destination != null && relayed != null
                && (destination.startsWith(Destinations.TOPIC_PREFIX + "/") || destination.startsWith(Destinations.USER_PREFIX + "/"))) {
            relayed.add(SimpMessageHeaderAccessor.getSubscriptionId(message.getHeaders()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> relayed(Message<?> message) {
        Map<String, Object> attributes = SimpMessageHeaderAccessor.getSessionAttributes(message.getHeaders());
        return attributes == null ? null
                : (Set<String>) attributes.computeIfAbsent(IDS, name -> ConcurrentHashMap.newKeySet());
    }
}
