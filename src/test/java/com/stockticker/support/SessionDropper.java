package com.stockticker.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.socket.CloseStatus;

import com.stockticker.delivery.SessionOutboxes;

/** Lets a test drop every open WebSocket and SockJS session from the server's side, as a restart would. */
@TestConfiguration(proxyBeanMethods = false)
public class SessionDropper {

    private final SessionOutboxes sessions;

    SessionDropper(SessionOutboxes sessions) {
        this.sessions = sessions;
    }

    /** Closes every session with 1012 (service restart); returns how many there were. */
    public int dropAll() {
        return sessions.closeAll(CloseStatus.SERVICE_RESTARTED);
    }
}
