package com.stockticker.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;

import com.stockticker.messaging.OpenSessions;

/** Lets a test drop every open WebSocket and SockJS session from the server's side, as a restart would. */
@TestConfiguration(proxyBeanMethods = false)
public class SessionDropper implements WebSocketMessageBrokerConfigurer {

    private final OpenSessions sessions = new OpenSessions();

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(sessions);
    }

    /** Closes every session with 1012 (service restart); returns how many there were. */
    public int dropAll() {
        return sessions.closeAll(CloseStatus.SERVICE_RESTARTED);
    }
}
