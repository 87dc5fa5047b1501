package com.stockticker.messaging;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;

/**
 * Gives every STOMP connection a principal on CONNECT. Doing it here rather than in the WebSocket
 * handshake covers SockJS's HTTP transports too, which have no handshake of their own; Spring keeps the
 * user set on CONNECT for the rest of the session.
 */
class ConnectionPrincipalInterceptor implements ChannelInterceptor {

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor != null && StompCommand.CONNECT.equals(accessor.getCommand()) && accessor.getUser() == null
                && accessor.getSessionId() != null) {
            accessor.setUser(AnonymousPrincipal.of(accessor.getSessionId()));
        }
        return message;
    }
}
