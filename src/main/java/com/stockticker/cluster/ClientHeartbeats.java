package com.stockticker.cluster;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

import com.stockticker.messaging.WebSocketProperties;

/**
 * Keeps {@code ticker.websocket.heartbeat} in relay mode. There the client's CONNECT goes on to RabbitMQ, which
 * grants whatever heart-beats the client asks for; raising the client's request to what the service offers
 * gives the intervals the embedded broker would agree on: each direction the slower of the two sides, and none
 * where the client wants none.
 */
class ClientHeartbeats implements ChannelInterceptor {

    private final long serverSend;
    private final long serverReceive;

    ClientHeartbeats(WebSocketProperties.Heartbeat heartbeat) {
        this.serverSend = heartbeat.send().toMillis();
        this.serverReceive = heartbeat.receive().toMillis();
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor != null && (StompCommand.CONNECT.equals(accessor.getCommand()) || StompCommand.STOMP.equals(accessor.getCommand()))) {
            long[] client = accessor.getHeartbeat();
            accessor.setHeartbeat(slower(client[0], serverReceive), slower(client[1], serverSend));
        }
        return message;
    }

    /** STOMP's rule: 0 on either side means none; otherwise the larger interval. */
    private static long slower(long client, long server) {
        return client == 0 || server == 0 ? 0 : Math.max(client, server);
    }
}
