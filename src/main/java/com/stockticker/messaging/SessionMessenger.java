package com.stockticker.messaging;

import java.util.LinkedHashSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/**
 * Sends to user destinations session by session, straight to each session's resolved destination
 * ({@code /queue/orders-user{session}}), which is where Spring's user destination handler put the session's
 * subscription. Spring's own fan-out for {@code convertAndSendToUser} is not used: it fails for the second
 * session of a user when in-order receiving is on (Spring Framework 7.0: "Expected mutable
 * SimpMessageHeaderAccessor"), and with a broker relay it would send over the client's own broker connection,
 * which may not publish, and never reach a session that another instance holds.
 */
@Component
public class SessionMessenger {

    private static final Logger log = LoggerFactory.getLogger(SessionMessenger.class);

    private final SimpMessageSendingOperations messaging;
    private final SimpUserRegistry users;
    private final ObjectProvider<RemoteSessions> remoteSessions;
    private final BrokerAvailability broker;

    /**
     * @param users the user registry; with a broker relay it also lists the sessions other instances hold
     * @param remoteSessions sessions that other instances announced before the registry lists them, if any
     */
    SessionMessenger(SimpMessageSendingOperations messaging, SimpUserRegistry users,
            ObjectProvider<RemoteSessions> remoteSessions, BrokerAvailability broker) {
        this.messaging = messaging;
        this.users = users;
        this.remoteSessions = remoteSessions;
        this.broker = broker;
    }

    /** Sends to every session of a user, on whichever instance it is, one message per session. */
    public void sendToUser(String username, String destination, Object payload) {
        Set<String> sessionIds = new LinkedHashSet<>();
        SimpUser user = users.getUser(username);
        if (user != null) {
            for (SimpSession session : user.getSessions()) {
                sessionIds.add(session.getId());
            }
        }
        remoteSessions.ifAvailable(remote -> sessionIds.addAll(remote.of(username)));
        for (String sessionId : sessionIds) {
            send(sessionId, destination, payload);
        }
    }

    /**
     * Sends to one session. Nothing is sent while the broker is unavailable: what goes to a session is either
     * current state that the session gets again from a snapshot when it reconnects, or about a frame of a
     * connection that the broker's outage closed; keeping it would only pile up memory.
     *
     * @param destination a user destination without the {@code /user} prefix, e.g. {@code /queue/errors}
     */
    public void send(String sessionId, String destination, Object payload) {
        if (!broker.isAvailable()) {
            log.debug("Broker unavailable: not sending to {} of session {}", destination, sessionId);
            return;
        }
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        // The client sees the destination it subscribed to, as for Spring's own user destination messages.
        headers.setNativeHeader(SimpMessageHeaderAccessor.ORIGINAL_DESTINATION, Destinations.USER_PREFIX + destination);
        headers.setLeaveMutable(true);
        try {
            messaging.convertAndSend(Destinations.sessionQueue(destination, sessionId), payload, headers.getMessageHeaders());
        }
        catch (MessageDeliveryException ex) {
            log.debug("Broker became unavailable: not sent to {} of session {}", destination, sessionId);
        }
    }
}
