package com.stockticker.messaging;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import com.stockticker.support.LiveServerTest;

import static org.assertj.core.api.Assertions.assertThat;

@LiveServerTest
class AcceptQueueIntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Autowired
    WebSocketProperties properties;

    @Test
    void theListenBacklogHasRoomForACrowdOfReconnectingClients() {
        Server jetty = ((JettyWebServer) context.getWebServer()).getServer();
        assertThat(jetty.getConnectors()).hasAtLeastOneElementOfType(ServerConnector.class)
                .allSatisfy(connector -> assertThat(((ServerConnector) connector).getAcceptQueueSize())
                        .isEqualTo(properties.acceptQueueSize())
                        .isGreaterThan(50));
    }
}
