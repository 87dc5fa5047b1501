package com.stockticker.security;

import java.net.InetSocketAddress;
import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * The remote address of a WebSocket connection, as the details of its STOMP login: the login throttle counts
 * failures per address. Behind a proxy it is the proxy's, unless {@code server.forward-headers-strategy} is
 * set (README, "Configure").
 */
record ClientAddress(String value) {

    private static final String ATTRIBUTE = ClientAddress.class.getName();

    /** The address a handshake recorded in the session's attributes. */
    static ClientAddress of(Map<String, Object> sessionAttributes) {
        Object address = sessionAttributes != null ? sessionAttributes.get(ATTRIBUTE) : null;
        return new ClientAddress(address instanceof String value ? value : "unknown");
    }

    /** Records each handshake's remote address in the WebSocket session's attributes. */
    static final class Recorder implements HandshakeInterceptor {

        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Map<String, Object> attributes) {
            InetSocketAddress remote = request.getRemoteAddress();
            if (remote != null && remote.getAddress() != null) {
                attributes.put(ATTRIBUTE, remote.getAddress().getHostAddress());
            }
            return true;
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                Exception exception) {
        }
    }
}
