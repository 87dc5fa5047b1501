package com.stockticker.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import com.stockticker.messaging.ExternalBroker;
import com.stockticker.messaging.WebSocketProperties;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

    /** RabbitMQ in place of the embedded broker. */
    @Bean
    @RelayMode
    ExternalBroker rabbitRelay(ClusterProperties properties) {
        return new RabbitRelay(properties.broker().relay());
    }

    /** What clients' frames ask of RabbitMQ, which takes them as they are. */
    @Bean
    @RelayMode
    WebSocketMessageBrokerConfigurer relayClientFrames(WebSocketProperties websocket) {
        return new WebSocketMessageBrokerConfigurer() {
            @Override
            public void configureClientInboundChannel(ChannelRegistration registration) {
                registration.interceptors(new ClientHeartbeats(websocket.heartbeat()), new SubscriptionHeaders(),
                        new RelayedFrames());
            }
        };
    }
}
