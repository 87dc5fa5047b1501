package com.stockticker.security;

import java.util.Map;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.messaging.web.socket.server.CsrfTokenHandshakeInterceptor;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Copies the HTTP session's CSRF token into the WebSocket session, where the CONNECT check finds it, but
 * only for handshakes that come with an HTTP session. Only those can carry a login from the session cookie,
 * which is all the CSRF check guards; asking Spring Security for a token without a session would create one,
 * an HTTP session per WebSocket that lives for the session timeout.
 */
class SessionCsrfTokenHandshakeInterceptor implements HandshakeInterceptor {

    private final CsrfTokenHandshakeInterceptor delegate = new CsrfTokenHandshakeInterceptor();

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet && servlet.getServletRequest().getSession(false) == null) {
            return true;
        }
        return delegate.beforeHandshake(request, response, handler, attributes);
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        delegate.afterHandshake(request, response, handler, exception);
    }
}
