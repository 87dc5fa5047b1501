package com.stockticker.messaging;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Keeps the open WebSocket and SockJS sessions of the handler it decorates, so that they can all be closed
 * from the server's side; register it with {@code WebSocketTransportRegistration.addDecoratorFactory}.
 */
public class OpenSessions implements WebSocketHandlerDecoratorFactory {

    private static final Logger log = LoggerFactory.getLogger(OpenSessions.class);

    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                sessions.add(session);
                super.afterConnectionEstablished(session);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                sessions.remove(session);
                super.afterConnectionClosed(session, status);
            }
        };
    }

    /** Closes every open session with {@code status}; returns how many there were. */
    public int closeAll(CloseStatus status) {
        Set<WebSocketSession> open = Set.copyOf(sessions);
        for (WebSocketSession session : open) {
            try {
                session.close(status);
            }
            catch (IOException ex) {
                log.debug("Could not close session {}", session.getId(), ex);
            }
        }
        return open.size();
    }
}
