package com.stockticker.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.stockticker.StockTickerApplication;

import static com.stockticker.support.StartupFailures.assertStartupFailsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A role or cluster configuration that cannot work stops the start-up with a message that names it. */
class ClusterPropertiesTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Properties.class);

    @Test
    void aSingleCoreOutsideAClusterIsTheDefault() {
        context.run(started -> {
            ClusterProperties properties = started.getBean(ClusterProperties.class);
            assertThat(properties.role()).isEqualTo(ClusterProperties.Role.CORE);
            assertThat(properties.cluster().enabled()).isFalse();
            assertThat(properties.cluster().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.cluster().edgeUsers()).containsExactly("ticker-edge");
            assertThat(properties.cluster().marketBacklog()).isEqualTo(100);
        });
    }

    @Test
    void bindsAnEdgeOfACluster() {
        context.withPropertyValues("ticker.role=edge", "ticker.cluster.enabled=true", "ticker.cluster.request-timeout=2s")
                .run(started -> {
                    ClusterProperties properties = started.getBean(ClusterProperties.class);
                    assertThat(properties.role()).isEqualTo(ClusterProperties.Role.EDGE);
                    assertThat(properties.cluster().requestTimeout()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void refusesAnEdgeOutsideACluster() {
        assertStartupFailsWith(context, "ticker.role=edge needs ticker.cluster.enabled=true", "ticker.role=edge");
    }

    @Test
    void refusesAnUnknownRole() {
        assertStartupFailsWith(context, "Role.hub", "ticker.role=hub");
    }

    @Test
    void refusesARequestTimeoutOutOfRange() {
        assertStartupFailsWith(context, "request-timeout must be between 100ms and 1m", "ticker.cluster.request-timeout=5ms");
        assertStartupFailsWith(context, "request-timeout must be between 100ms and 1m", "ticker.cluster.request-timeout=2m");
    }

    @Test
    void refusesNoEdgeUsersOrABacklogOutOfRange() {
        assertStartupFailsWith(context, "edgeUsers", "ticker.cluster.edge-users=");
        assertStartupFailsWith(context, "marketBacklog", "ticker.cluster.market-backlog=0");
    }

    @Test
    void theRelayKeysOfEarlierVersionsStopTheStartUpAndSayWhatReplacedThem() {
        for (Map<String, Object> keys : List.<Map<String, Object>>of(Map.of("ticker.broker.mode", "relay"),
                Map.of("ticker.broker.relay.host", "rabbitmq", "ticker.broker.relay.port", "61613"))) {
            StandardEnvironment environment = new StandardEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("test", keys));
            assertThatIllegalStateException().isThrownBy(() -> new ClusterEnvironment().postProcessEnvironment(environment, null))
                    .withMessageContaining("ticker.broker.* settings (STOMP broker relay) were removed")
                    .withMessageContaining("ticker.cluster.enabled=true").withMessageContaining("spring.rabbitmq.host")
                    .withMessageContaining(keys.keySet().iterator().next());
        }
        // As environment variables, as compose.yaml set them.
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of("TICKER_BROKER_MODE", "relay")));
        assertThatIllegalStateException().isThrownBy(() -> new ClusterEnvironment().postProcessEnvironment(environment, null))
                .withMessageContaining("ticker.broker.mode");
    }

    @Test
    void theApplicationRefusesTheRelayKeysAndAnEdgeOutsideAClusterBeforeItStarts() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(StockTickerApplication.class).profiles("test")
                .run("--server.port=0", "--ticker.broker.mode=relay"))
                .hasMessageContaining("ticker.broker.* settings (STOMP broker relay) were removed");
        assertThatThrownBy(() -> new SpringApplicationBuilder(StockTickerApplication.class).profiles("test")
                .run("--server.port=0", "--ticker.role=edge"))
                .hasMessageContaining("ticker.role=edge needs ticker.cluster.enabled=true");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ClusterProperties.class)
    static class Properties {
    }
}
