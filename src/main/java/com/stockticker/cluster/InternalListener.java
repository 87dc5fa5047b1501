package com.stockticker.cluster;

import org.springframework.messaging.MessageHandler;

/**
 * Handles the messages of one internal topic, which the relay subscribes to on its "system" connection to
 * RabbitMQ, again after every reconnection. Handlers run on that connection's I/O thread, one message at a
 * time, in the order RabbitMQ delivers them.
 */
interface InternalListener extends MessageHandler {

    /** The exact destination, one of {@link com.stockticker.messaging.Destinations}'s internal topics. */
    String destination();
}
