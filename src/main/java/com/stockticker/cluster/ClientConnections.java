package com.stockticker.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import com.stockticker.messaging.OpenSessions;

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

    private final OpenSessions sessions = new OpenSessions();

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(sessions);
    }

    void closeAll(CloseStatus status) {
        log.info("Closed {} client connections: {}", sessions.closeAll(status), status);
    }
}
