package com.stockticker.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;

import com.stockticker.delivery.SessionOutboxes;
import com.stockticker.roles.ClusterEnabled;

/**
 * An edge's WebSocket and SockJS connections, so that it can close them all when the core's market starts
 * again: the clients' sequence numbers, snapshots and managed subscriptions belong to the market that went,
 * and a client that follows the protocol's resync rules would wait for sequence numbers it already had.
 * Closing with 1012 (service restart) tells it to reconnect and start from a snapshot, as after a restart of
 * a single instance.
 */
@Component
@ClusterEnabled
class ClientConnections {

    private static final Logger log = LoggerFactory.getLogger(ClientConnections.class);

    private final SessionOutboxes sessions;

    ClientConnections(SessionOutboxes sessions) {
        this.sessions = sessions;
    }

    void closeAll(CloseStatus status) {
        log.info("Closing {} client connections: {}", sessions.closeAll(status), status);
    }
}
