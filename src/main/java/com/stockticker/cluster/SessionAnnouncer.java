package com.stockticker.cluster;

import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionSubscribeEvent;

import com.stockticker.cluster.InternalMessages.Operation;
import com.stockticker.messaging.Destinations;

/** Announces to the core each session of this edge that subscribes to a user's trading queues (see {@link AnnouncedSessions}). */
@Component
@EdgeRole
class SessionAnnouncer {

    private static final Set<String> TRADING_QUEUES = Set.of(Destinations.USER_PREFIX + Destinations.USER_ORDERS,
            Destinations.USER_PREFIX + Destinations.USER_PORTFOLIO);

    private final CoreClient core;

    SessionAnnouncer(CoreClient core) {
        this.core = core;
    }

    @EventListener
    void subscribed(SessionSubscribeEvent event) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.wrap(event.getMessage());
        if (event.getUser() instanceof Authentication user && user.isAuthenticated()
                && TRADING_QUEUES.contains(headers.getDestination())) {
            core.tell(Operation.SESSION, user.getName(), headers.getSessionId());
        }
    }
}
