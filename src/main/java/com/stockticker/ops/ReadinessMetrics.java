package com.stockticker.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Readiness as metrics, for dashboards and alerts: Prometheus knows whether it could scrape an instance
 * ({@code up}), not whether the instance is ready, and Spring Boot exports no health as metrics (its how-to
 * "Map Health Indicators to Micrometer Metrics" shows this way). {@code ticker.readiness} is 1 while the
 * readiness group is UP (what {@code /actuator/health/readiness} and the container's HEALTHCHECK answer), else 0;
 * {@code ticker.readiness.component} says the same of each of the group's members (tag {@code component}), so
 * that an alert can name the one that is down even though the endpoint shows no details. Read at each scrape.
 */
@Component
class ReadinessMetrics implements MeterBinder {

    private static final String GROUP = "readiness";

    private final ObjectProvider<HealthEndpoint> health;

    /** @param health an optional bean, absent when the health endpoint is not exposed: then there is no readiness to report */
    ReadinessMetrics(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return;
        }
        Gauge.builder("ticker.readiness", endpoint, readiness -> up(readiness.healthForPath(GROUP)))
                .description("1 while this instance is ready for traffic (/actuator/health/readiness is UP), else 0")
                .register(registry);
        // Binding happens once every bean exists, so the group already has all its members (backplane included).
        if (endpoint.healthForPath(GROUP) instanceof CompositeHealthDescriptor group) {
            for (String component : group.getComponents().keySet()) {
                Gauge.builder("ticker.readiness.component", endpoint, readiness -> up(readiness.healthForPath(GROUP, component)))
                        .description("1 while this part of readiness is UP, else 0").tag("component", component)
                        .register(registry);
            }
        }
    }

    private static double up(HealthDescriptor health) {
        return health != null && Status.UP.equals(health.getStatus()) ? 1 : 0;
    }
}
