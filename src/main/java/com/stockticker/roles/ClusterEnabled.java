package com.stockticker.roles;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Only on an instance of a cluster ({@code ticker.cluster.enabled=true}): instances exchange market batches,
 * user events and requests through RabbitMQ. Off by default: a single instance talks to nothing.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnProperty(name = "ticker.cluster.enabled", havingValue = "true")
public @interface ClusterEnabled {
}
