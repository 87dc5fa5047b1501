package com.stockticker.cluster;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;

import com.stockticker.messaging.Destinations;

/**
 * Passes on to RabbitMQ only the client frames that the embedded broker acts on. RabbitMQ answers a frame it
 * cannot place with an ERROR frame, which the relay hands to the client, and Spring closes the connection
 * after an ERROR frame; the embedded broker ignores such frames. So:
 * <ul>
 * <li>an UNSUBSCRIBE goes on only for a subscription that went to RabbitMQ. Clients also subscribe to
 * snapshots ({@code /app/...}), which the service answers itself, and unsubscribe once answered, as the
 * dashboard does;
 * <li>ACK, NACK and transactions (BEGIN, COMMIT, ABORT) stay here: subscriptions acknowledge themselves (see
 * {@link SubscriptionHeaders}) and clients send nothing to RabbitMQ that a transaction could hold.
 * </ul>
 */
class RelayedFrames implements ChannelInterceptor {

    private static final String IDS = RelayedFrames.class.getName() + ".ids";
    private static final Set<StompCommand> IGNORED = EnumSet.of(StompCommand.ACK, StompCommand.NACK, StompCommand.BEGIN,
            StompCommand.COMMIT, StompCommand.ABORT);

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (IGNORED.contains(StompHeaderAccessor.getCommand(message.getHeaders()))) {
            return null;
        }
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
