package com.stockticker.cluster;

import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import com.stockticker.messaging.SessionMessenger;
import com.stockticker.roles.EdgeRole;

/**
 * The core's events for the users this edge holds (see {@link UserRoutes}), from the edge's user queue to those
 * users' sessions here. The JSON is passed on as the core wrote it.
 */
@Component
@EdgeRole
class UserEvents {

    private final BackplaneMessages messages;
    private final SessionMessenger sessions;

    UserEvents(BackplaneMessages messages, SessionMessenger sessions) {
        this.messages = messages;
        this.sessions = sessions;
    }

    @RabbitListener(id = "userEvents", queues = "#{@userQueue.name}", concurrency = "1")
    void deliver(Message message) {
        String username = message.getMessageProperties().getReceivedRoutingKey();
        String destination = BackplaneMessages.header(message, Backplane.DESTINATION);
        if (username != null && destination != null) {
            sessions.sendToUser(username, destination, messages.read(message, JsonNode.class));
        }
    }
}
