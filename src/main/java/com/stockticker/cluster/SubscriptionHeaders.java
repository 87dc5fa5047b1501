package com.stockticker.cluster;

import java.util.Set;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Decides what a client's SUBSCRIBE asks of RabbitMQ, where the relay passes every header on. RabbitMQ reads
 * headers such as {@code durable}, {@code auto-delete}, {@code x-queue-name}, {@code x-max-length} or
 * {@code ack} as the properties of the subscription's queue: a client could keep a queue of prices filling
 * after it left. Only the standard headers of a SUBSCRIBE stay, which is all the embedded broker reads, and
 * the queue is made exclusive to the client's connection, so that RabbitMQ deletes it when the client goes
 * (RabbitMQ 4 no longer wants queues that are neither durable nor exclusive).
 */
class SubscriptionHeaders implements ChannelInterceptor {

    private static final Set<String> STANDARD = Set.of(StompHeaderAccessor.STOMP_ID_HEADER,
            StompHeaderAccessor.STOMP_DESTINATION_HEADER, StompHeaderAccessor.STOMP_RECEIPT_HEADER);

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor != null && StompCommand.SUBSCRIBE.equals(accessor.getCommand())) {
            accessor.toNativeHeaderMap().keySet().stream().filter(name -> !STANDARD.contains(name))
                    .forEach(accessor::removeNativeHeader);
            accessor.setNativeHeader("durable", "false");
            accessor.setNativeHeader("auto-delete", "true");
            accessor.setNativeHeader("exclusive", "true");
        }
        return message;
    }
}
