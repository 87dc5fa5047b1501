package com.stockticker.messaging;

import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeType;

/**
 * Sends to user destinations session by session, straight to each session's resolved destination
 * ({@code /queue/orders-user{session}}), which is where Spring's user destination handler put the session's
 * subscription. Spring's own fan-out for {@code convertAndSendToUser} is not used: it fails for the second
 * session of a user when in-order receiving is on (Spring Framework 7.0: "Expected mutable
 * SimpMessageHeaderAccessor").
 *
 * <p>It reaches this instance's sessions only: in a cluster, the core's user events reach the instances that
 * hold the user through RabbitMQ, and each sends them to its own sessions here.
 */
@Component
public class SessionMessenger {

    private static final Logger log = LoggerFactory.getLogger(SessionMessenger.class);

    private final SimpMessagingTemplate messaging;
    private final SimpUserRegistry users;
    private final BrokerAvailability broker;

    SessionMessenger(SimpMessagingTemplate messaging, SimpUserRegistry users, BrokerAvailability broker) {
        this.messaging = messaging;
        this.users = users;
        this.broker = broker;
    }

    /**
     * Sends to every session of a user on this instance that subscribed to {@code destination}, one message per
     * session, with the payload converted to JSON once for all of them. Sessions that did not subscribe would have
     * the message dropped by the broker: it is neither converted nor sent for them (a trading client that follows
     * only its orders costs no portfolio conversions).
     */
    public void sendToUser(String username, String destination, Object payload) {
        SimpUser user = users.getUser(username);
        if (user == null) {
            return;
        }
        String subscribed = Destinations.USER_PREFIX + destination;
        Set<String> sessionIds = new LinkedHashSet<>();
        for (SimpSession session : user.getSessions()) {
            if (session.getSubscriptions().stream().anyMatch(subscription -> subscribed.equals(subscription.getDestination()))) {
                sessionIds.add(session.getId());
            }
        }
        if (sessionIds.isEmpty()) {
            return;
        }
        Message<?> converted = convert(payload);
        for (String sessionId : sessionIds) {
            send(sessionId, destination, converted);
        }
    }

    /**
     * Sends to one session. Nothing is sent while the broker is unavailable (before it has started or after
     * it has stopped): there is no session to send to then.
     *
     * @param destination a user destination without the {@code /user} prefix, e.g. {@code /queue/errors}
     */
    public void send(String sessionId, String destination, Object payload) {
        send(sessionId, destination, convert(payload));
    }

    private Message<?> convert(Object payload) {
        Message<?> converted = messaging.getMessageConverter().toMessage(payload, null);
        if (converted == null) {
            throw new IllegalArgumentException("No converter for " + payload.getClass().getName());
        }
        return converted;
    }

    private void send(String sessionId, String destination, Message<?> converted) {
        if (!broker.isAvailable()) {
            log.debug("Broker unavailable: not sending to {} of session {}", destination, sessionId);
            return;
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        // The client sees the destination it subscribed to, as for Spring's own user destination messages.
        headers.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, Destinations.USER_PREFIX + destination);
        headers.setContentType(converted.getHeaders().get(MessageHeaders.CONTENT_TYPE, MimeType.class));
        headers.setLeaveMutable(true);
        try {
            // The same payload for every session: nothing downstream changes it.
            messaging.send(Destinations.sessionQueue(destination, sessionId),
                    MessageBuilder.createMessage(converted.getPayload(), headers.getMessageHeaders()));
        }
        catch (MessageDeliveryException ex) {
            log.debug("Broker became unavailable: not sent to {} of session {}", destination, sessionId);
        }
    }
}
