package com.stockticker.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.stockticker.messaging.ExternalBroker;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    /** RabbitMQ in place of the embedded broker. */
    @Bean
    @RelayMode
    ExternalBroker rabbitRelay(ClusterProperties properties) {
        return new RabbitRelay(properties.broker().relay());
    }
}
