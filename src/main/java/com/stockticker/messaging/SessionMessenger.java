package com.stockticker.messaging;

import java.security.Principal;

import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageSendingOperations;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.stereotype.Component;

/** Sends to one STOMP session's user destination, and not to the other sessions of the same user. */
@Component
public class SessionMessenger {

    private final SimpMessageSendingOperations messaging;

    SessionMessenger(SimpMessageSendingOperations messaging) {
        this.messaging = messaging;
    }

    /**
     * @param user the session's principal, or {@code null}: the session id then stands in for the user
     *     name, which Spring's user destination resolver accepts
     * @param destination a user destination without the {@code /user} prefix, e.g. {@code /queue/errors}
     */
    public void send(String sessionId, Principal user, String destination, Object payload) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(sessionId);
        headers.setLeaveMutable(true);
        messaging.convertAndSendToUser(user != null ? user.getName() : sessionId, destination, payload,
                headers.getMessageHeaders());
    }
}
