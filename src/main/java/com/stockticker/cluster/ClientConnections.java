package com.stockticker.cluster;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

/**
 * An edge's WebSocket and SockJS connections, so that it can close them all when the core's market starts
 * again: the clients' sequence numbers, snapshots and managed subscriptions belong to the market that went,
 * and a client that follows the protocol's resync rules would wait for sequence numbers it already had.
 * Closing with 1012 (service restart) tells it to reconnect and start from a snapshot, as after a restart of
 * a single instance.
 */
@Configuration(proxyBeanMethods = false)
@EdgeRole
class ClientConnections implements WebSocketMessageBrokerConfigurer {

    private static final Logger log = LoggerFactory.getLogger(ClientConnections.class);

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

    void closeAll(CloseStatus status) {
        log.info("Closing {} client connections: {}", sessions.size(), status);
        for (WebSocketSession session : Set.copyOf(sessions)) {
            try {
                session.close(status);
            }
            catch (IOException ex) {
                log.debug("Could not close session {}", session.getId(), ex);
            }
        }
    }
}
