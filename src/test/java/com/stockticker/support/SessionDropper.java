package com.stockticker.support;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/** Lets a test drop every open WebSocket and SockJS session from the server's side, as a restart would. */
@TestConfiguration(proxyBeanMethods = false)
public class SessionDropper implements WebSocketMessageBrokerConfigurer {

    private final Set<WebSocketSession> sessions = ConcurrentHashMap.newKeySet();

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(handler -> new WebSocketHandlerDecorator(handler) {
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
        });
    }

    /** Closes every session with 1012 (service restart); returns how many there were. */
    public int dropAll() throws IOException {
        int dropped = 0;
        for (WebSocketSession session : Set.copyOf(sessions)) {
            session.close(CloseStatus.SERVICE_RESTARTED);
            dropped++;
        }
        return dropped;
    }
}
