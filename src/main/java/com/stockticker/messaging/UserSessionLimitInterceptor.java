package com.stockticker.messaging;

import java.security.Principal;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/**
 * At most {@code ticker.websocket.max-sessions-per-user} STOMP sessions per logged-in user on this instance: every
 * session of a user gets every event of that user's orders, so a user with thousands of sessions would make each
 * order cost thousands of frames. A CONNECT beyond the limit gets an ERROR frame ({@link #REFUSED}) and a close.
 * Connections without a login are not counted: each is a user of its own.
 *
 * <p>Counted from the CONNECT that is let through until the session ends, so that connections racing in at once
 * cannot all pass: Spring's user registry learns of a session only after its CONNECTED frame.
 */
@Component
public class UserSessionLimitInterceptor implements ChannelInterceptor {

    /** The ERROR frame's message, followed by the limit. */
    public static final String REFUSED = "too many sessions: this user may hold at most ";

    private final int max;
    private final ConnectionRefusals refusals;
    private final Counter refused;
    private final Map<String, String> userBySession = new HashMap<>();
    private final Map<String, Integer> sessionsByUser = new HashMap<>();

    UserSessionLimitInterceptor(WebSocketProperties properties, ConnectionRefusals refusals, MeterRegistry meters) {
        this.max = properties.maxSessionsPerUser();
        this.refusals = refusals;
        this.refused = ConnectionLimitsCustomizer.refused(meters, "sessions-per-user");
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || !StompCommand.CONNECT.equals(accessor.getCommand())) {
            return message;
        }
        Principal user = accessor.getUser();
        if (user == null || user instanceof AnonymousPrincipal || count(accessor.getSessionId(), user.getName())) {
            return message;
        }
        refused.increment();
        refusals.refuse(accessor.getSessionId(), REFUSED + max + " at once; close another first");
        return null;
    }

    /** @return whether the session may be the user's next */
    private synchronized boolean count(String sessionId, String username) {
        int held = sessionsByUser.getOrDefault(username, 0);
        if (held >= max) {
            return false;
        }
        sessionsByUser.put(username, held + 1);
        userBySession.put(sessionId, username);
        return true;
    }

    @EventListener
    synchronized void disconnected(SessionDisconnectEvent event) {
        String username = userBySession.remove(event.getSessionId());
        if (username != null) {
            sessionsByUser.computeIfPresent(username, (name, held) -> held > 1 ? held - 1 : null);
        }
    }
}
