package com.stockticker.messaging;

import java.util.Arrays;

import org.eclipse.jetty.server.ServerConnector;

import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Sizes the listen backlog of Jetty's connectors ({@code ticker.websocket.accept-queue-size}). Jetty leaves
 * it to the JDK, whose default of 50 overflows when a thousand clients connect within a second.
 */
@Component
class AcceptQueueCustomizer implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

    private final int size;

    AcceptQueueCustomizer(WebSocketProperties properties) {
        this.size = properties.acceptQueueSize();
    }

    @Override
    public void customize(ConfigurableJettyWebServerFactory factory) {
        factory.addServerCustomizers(server -> Arrays.stream(server.getConnectors())
                .filter(ServerConnector.class::isInstance)
                .map(ServerConnector.class::cast)
                .forEach(connector -> connector.setAcceptQueueSize(size)));
    }
}
