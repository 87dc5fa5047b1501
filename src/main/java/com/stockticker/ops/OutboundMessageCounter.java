package com.stockticker.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/** Counts the MESSAGE frames sent to clients, whatever their destination. */
@Configuration(proxyBeanMethods = false)
class OutboundMessageCounter implements WebSocketMessageBrokerConfigurer {

    private final MeterRegistry registry;

    // Lazy: the channels are configured before the meter registry is ready to be used.
    OutboundMessageCounter(@Lazy MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ChannelInterceptor() {

            private Counter sent;

            @Override
            public void afterSendCompletion(Message<?> message, MessageChannel channel, boolean wasSent, Exception ex) {
                if (wasSent && SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
                    if (sent == null) {
                        sent = Counter.builder("ticker.stomp.messages.sent").description("MESSAGE frames sent to clients").register(registry);
                    }
                    sent.increment();
                }
            }
        });
    }
}
