package com.stockticker.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Prepares the configuration for what this instance is, before any bean exists.
 * <ul>
 * <li>Stops the start-up on a cluster configuration that cannot work: the relay keys of earlier versions
 * ({@code ticker.broker.*}), which would otherwise be ignored without a word and leave an edge without prices,
 * and an edge outside a cluster.
 * <li>Outside a cluster, leaves Spring Boot's RabbitMQ auto-configuration out, next to whatever
 * {@code spring.autoconfigure.exclude} already names: a single instance has no RabbitMQ connection factory,
 * template or listener, so nothing can try to connect. Boot's {@code rabbit} health check is always left out:
 * the cluster's own {@code backplane} check knows what RabbitMQ means to each role.
 * </ul>
 */
class ClusterEnvironment implements EnvironmentPostProcessor {

    static final String EDGE_NEEDS_CLUSTER = "ticker.role=edge needs ticker.cluster.enabled=true: an edge has no "
            + "market of its own and gets prices and trading from the core through RabbitMQ";
    static final String BROKER_KEYS_REMOVED = "The ticker.broker.* settings (STOMP broker relay) were removed: every "
            + "instance now serves its clients itself and RabbitMQ only connects instances. Set ticker.cluster.enabled=true "
            + "and RabbitMQ's address and login with spring.rabbitmq.host, port, username, password and virtual-host "
            + "(AMQP, port 5672, not STOMP); see README.md, \"Scale out\". Found: ";

    private static final ConfigurationPropertyName BROKER = ConfigurationPropertyName.of("ticker.broker");
    private static final String EXCLUDE = "spring.autoconfigure.exclude";
    private static final List<String> RABBIT_HEALTH = List.of(
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration");
    private static final List<String> RABBIT = List.of("org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        List<String> removed = StreamSupport.stream(ConfigurationPropertySources.get(environment).spliterator(), false)
                .filter(IterableConfigurationPropertySource.class::isInstance)
                .map(IterableConfigurationPropertySource.class::cast)
                .flatMap(IterableConfigurationPropertySource::stream)
                .filter(BROKER::isAncestorOf)
                .map(ConfigurationPropertyName::toString)
                .distinct().sorted().toList();
        if (!removed.isEmpty()) {
            throw new IllegalStateException(BROKER_KEYS_REMOVED + String.join(", ", removed));
        }
        Binder binder = Binder.get(environment);
        boolean edge = binder.bind("ticker.role", String.class).map("edge"::equalsIgnoreCase).orElse(false);
        boolean cluster = binder.bind("ticker.cluster.enabled", Boolean.class).orElse(false);
        if (edge && !cluster) {
            throw new IllegalStateException(EDGE_NEEDS_CLUSTER);
        }
        List<String> exclude = new ArrayList<>(binder.bind(EXCLUDE, Bindable.listOf(String.class)).orElse(List.of()));
        exclude.addAll(RABBIT_HEALTH);
        if (!cluster) {
            exclude.addAll(RABBIT);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("tickerCluster", Map.of(EXCLUDE, String.join(",", exclude))));
    }
}
