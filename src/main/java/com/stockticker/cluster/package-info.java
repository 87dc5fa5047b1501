/**
 * The RabbitMQ backplane, only with {@code ticker.cluster.enabled=true}: the active core publishes its market
 * batches and users' events and answers the other instances' requests; edges and standby cores follow the active
 * core's market, route their users' events to themselves and ask the core for what they do not have.
 *
 * <p>It sits on top of the features it connects (market, trading, messaging, delivery, leadership) and nothing
 * depends on it: it exposes no type, only beans that replace or complement the single instance's ones under the
 * {@link com.stockticker.roles} conditions.
 */
@ApplicationModule(displayName = "Cluster backplane")
package com.stockticker.cluster;

import org.springframework.modulith.ApplicationModule;
