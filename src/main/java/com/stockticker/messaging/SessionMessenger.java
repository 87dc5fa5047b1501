package com.stockticker.messaging;

import java.security.Principal;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.user.SimpSession;
import org.springframework.messaging.simp.user.SimpUser;
import org.springframework.messaging.simp.user.SimpUserRegistry;
import org.springframework.stereotype.Component;

/** Sends to user destinations session by session. */
@Component
public class SessionMessenger {

    private final SimpMessageSendingOperations messaging;
    private final SimpUserRegistry users;

    SessionMessenger(SimpMessageSendingOperations messaging, SimpUserRegistry users) {
        this.messaging = messaging;
        this.users = users;
    }

    /**
     * Sends to every session of a user, one message per session. Spring's own fan-out for
     * {@code convertAndSendToUser} fails for the second session of a user when in-order receiving is on
     * (Spring Framework 7.0: "Expected mutable SimpMessageHeaderAccessor"), so it is not used.
     */
    public void sendToUser(String username, String destination, Object payload) {
        SimpUser user = users.getUser(username);
        if (user != null) {
            for (SimpSession session : user.getSessions()) {
                send(session.getId(), user.getPrincipal(), destination, payload);
            }
        }
    }

    /**
     * @param user the session's principal, or {@code null}: the session id then stands in for the user
     *     name, which Spring's user destination resolver accepts
     * @param destination a user destination without the {@code /user} prefix, e.g. {@code /queue/errors}
     */
    public void send(String sessionId, Principal user, String destination, Object payload) {
        // With the session id in the headers, the user destination resolves to that one session.
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(sessionId);
        headers.setLeaveMutable(true);
        messaging.convertAndSendToUser(user != null ? user.getName() : sessionId, destination, payload,
                headers.getMessageHeaders());
    }
}
