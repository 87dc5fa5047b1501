package com.stockticker.cluster;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static com.stockticker.support.StartupFailures.assertStartupFailsWith;
import static org.assertj.core.api.Assertions.assertThat;

/** A role or broker configuration that cannot work stops the start-up with a message that names it. */
class ClusterPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void aSingleCoreOnTheEmbeddedBrokerIsTheDefault() {
        context.run(started -> {
            ClusterProperties cluster = started.getBean(ClusterProperties.class);
            assertThat(cluster.role()).isEqualTo(ClusterProperties.Role.CORE);
            assertThat(cluster.broker().mode()).isEqualTo(ClusterProperties.BrokerMode.SIMPLE);
            assertThat(cluster.broker().relay().host()).isEqualTo("localhost");
            assertThat(cluster.broker().relay().port()).isEqualTo(61613);
            assertThat(cluster.broker().relay().virtualHost()).isEqualTo("/");
            assertThat(cluster.broker().relay().systemHeartbeat().send()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void bindsARelayEdge() {
        context.withPropertyValues("ticker.role=edge", "ticker.broker.mode=relay", "ticker.broker.relay.host=rabbitmq",
                "ticker.broker.relay.client-login=ticker-client").run(started -> {
                    ClusterProperties cluster = started.getBean(ClusterProperties.class);
                    assertThat(cluster.role()).isEqualTo(ClusterProperties.Role.EDGE);
                    assertThat(cluster.relay()).isTrue();
                    assertThat(cluster.broker().relay().clientLogin()).isEqualTo("ticker-client");
                });
    }

    @Test
    void refusesAnEdgeWithoutTheRelay() {
        assertStartupFailsWith(context, "ticker.role=edge needs ticker.broker.mode=relay", "ticker.role=edge");
    }

    @Test
    void refusesAnUnknownRoleOrMode() {
        assertStartupFailsWith(context, "Role.hub", "ticker.role=hub");
        assertStartupFailsWith(context, "BrokerMode.activemq", "ticker.broker.mode=activemq");
    }

    @Test
    void refusesARelayPortOutOfRange() {
        assertStartupFailsWith(context, "port", "ticker.broker.mode=relay", "ticker.broker.relay.port=70000");
    }

    @Test
    void refusesABlankRelayHostOrLogin() {
        assertStartupFailsWith(context, "host", "ticker.broker.relay.host= ");
        assertStartupFailsWith(context, "clientLogin", "ticker.broker.relay.client-login=");
    }

    @Test
    void refusesANegativeHeartbeat() {
        assertStartupFailsWith(context, "system-heartbeat intervals must not be negative", "ticker.broker.relay.system-heartbeat.send=-1s");
    }

    @Test
    void refusesARequestTimeoutOutOfRange() {
        assertStartupFailsWith(context, "request-timeout must be between 100ms and 1m", "ticker.broker.relay.request-timeout=5ms");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClusterProperties.class)
    static class Properties {
    }
}
