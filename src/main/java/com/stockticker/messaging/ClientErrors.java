package com.stockticker.messaging;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.stereotype.Component;

import com.stockticker.errors.ErrorCode;

/** Tells one session, on {@code /user/queue/errors}, that the server refused one of its messages. */
@Component
public class ClientErrors {

    private final SessionMessenger sessions;

    ClientErrors(SessionMessenger sessions) {
        this.sessions = sessions;
    }

    /** Reports an error about {@code refused}, a message that the client sent. */
    public void report(Message<?> refused, ErrorCode code, String text) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(refused);
        if (headers.getSessionId() != null) {
            sessions.send(headers.getSessionId(), Destinations.USER_ERRORS,
                    new ClientError(code, text, headers.getDestination()));
        }
    }

    @EventListener
    void refused(MessageRefused refused) {
        report(refused.message(), refused.code(), refused.reason());
    }

    /** A message from a client that the STOMP pipeline dropped: the client is told on {@code /user/queue/errors}. */
    record MessageRefused(Message<?> message, ErrorCode code, String reason) {
    }
}
