package com.stockticker.cluster;

import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.stockticker.leadership.CoreLeadership;
import com.stockticker.messaging.SessionMessenger;
import com.stockticker.roles.ClusterEnabled;

/**
 * The active core's events for the users this instance holds (see {@link UserRoutes}), from the instance's user
 * queue to those users' sessions here. The JSON is passed on as the core wrote it. While this instance is the
 * active core itself, its users' sessions have the events from its desk, and those that come back are dropped;
 * from the moment it is not (standing down takes a moment), it passes on the new core's.
 */
@Component
@ClusterEnabled
class UserEvents {

    private final BackplaneMessages messages;
    private final SessionMessenger sessions;
    /** {@code null} on an edge, which always passes the events on. */
    private final CoreLeadership leadership;

    /** @param leadership an optional bean, not a cycle's workaround: only a core has one (an edge has no leadership) */
    UserEvents(BackplaneMessages messages, SessionMessenger sessions, ObjectProvider<CoreLeadership> leadership) {
        this.messages = messages;
        this.sessions = sessions;
        this.leadership = leadership.getIfAvailable();
    }

    @RabbitListener(id = "userEvents", queues = "#{@userQueue.name}", concurrency = "1")
    void deliver(Message message) {
        String username = message.getMessageProperties().getReceivedRoutingKey();
        String destination = BackplaneMessages.header(message, Backplane.DESTINATION);
        if (username != null && destination != null && (leadership == null || !leadership.active())) {
            sessions.sendToUser(username, destination, messages.read(message, JsonNode.class));
        }
    }
}
