package com.stockticker.messaging;

import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    private static final int USER_DESTINATION_CACHE_LIMIT = 100_000;

    private final WebSocketProperties properties;
    private final TaskScheduler brokerScheduler;
    private final ObjectProvider<ClientErrors> errors;
    private final HandshakeInterceptor[] handshakeInterceptors;
    private final AuthorizationManager<Message<?>> authorization;
    private final ObjectProvider<ExternalBroker> externalBroker;

    /**
     * @param handshakeInterceptors every handshake interceptor bean, such as the one that hands the HTTP
     *     session's CSRF token to the WebSocket session
     * @param authorization which frames need an authenticated user
     * @param externalBroker the broker relay, when {@code ticker.broker.mode=relay}
     */
    WebSocketConfig(WebSocketProperties properties,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler,
            ObjectProvider<ClientErrors> errors, List<HandshakeInterceptor> handshakeInterceptors,
            AuthorizationManager<Message<?>> authorization, ObjectProvider<ExternalBroker> externalBroker) {
        this.properties = properties;
        this.brokerScheduler = brokerScheduler;
        this.errors = errors;
        this.handshakeInterceptors = handshakeInterceptors.toArray(HandshakeInterceptor[]::new);
        this.authorization = authorization;
        this.externalBroker = externalBroker;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        String[] origins = properties.allowedOrigins().toArray(String[]::new);
        registry.addEndpoint(Destinations.WEBSOCKET_ENDPOINT).setAllowedOriginPatterns(origins)
                .addInterceptors(handshakeInterceptors);
        registry.addEndpoint(Destinations.SOCKJS_ENDPOINT).setAllowedOriginPatterns(origins)
                .addInterceptors(handshakeInterceptors).withSockJS();
        // A client's frames are handled in the order it sent them: a SUBSCRIBE to a snapshot that precedes
        // a SUBSCRIBE to the live topic is answered first.
        registry.setPreserveReceiveOrder(true);
        registry.setErrorHandler(new StompErrors());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        ExternalBroker external = externalBroker.getIfAvailable();
        if (external != null) {
            external.enable(registry);
        }
        else {
            // Topics have a broker of their own, built for fan-out (see the delivery package).
            registry.enableSimpleBroker(Destinations.QUEUE_PREFIX)
                    .setTaskScheduler(brokerScheduler)
                    .setHeartbeatValue(new long[] { properties.heartbeat().send().toMillis(),
                            properties.heartbeat().receive().toMillis() });
            // Every session has user queues of its own (/queue/quotes-user{session}, ...). The broker looks the
            // subscribers of a destination up in a cache; a destination missing from it costs a scan of every
            // subscription of every session. The default of 1,024 destinations made a managed update to one of
            // 2,000 sessions such a scan: room for several queues each of tens of thousands of sessions instead.
            registry.setCacheLimit(USER_DESTINATION_CACHE_LIMIT);
        }
        registry.setApplicationDestinationPrefixes(Destinations.APP_PREFIX);
        registry.setUserDestinationPrefix(Destinations.USER_PREFIX);
        // Messages to one session leave in the order they were sent: a snapshot before the updates after it.
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ConnectionPrincipals(), new DestinationGuard(errors, authorization));
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        // The send limits are enforced by each session's outbox (delivery package), which never lets a send wait.
        registration.setMessageSizeLimit(bytes(properties.messageSizeLimit().toBytes()));
        registration.addDecoratorFactory(handler -> new WebSocketHandlerDecorator(handler) {
            /**
             * Spring's STOMP handler raises every session's text buffer to 16 KB, a frame's worth of its own
             * default limit; the container then holds that, as {@code char}s, for each idle connection. Our
             * limit is what a client may send, so the buffer goes back to the container's size for it.
             */
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                super.afterConnectionEstablished(session);
                session.setTextMessageSizeLimit(containerBufferSize());
            }
        });
    }

    /**
     * The container's own buffer for an incoming WebSocket message is twice the STOMP limit: a frame a
     * little over the limit still reaches the STOMP decoder, which answers with an ERROR frame; a message
     * over twice the limit is closed by the container with status 1009 (message too big).
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(containerBufferSize());
        container.setMaxBinaryMessageBufferSize(containerBufferSize());
        return container;
    }

    private int containerBufferSize() {
        return bytes(2 * properties.messageSizeLimit().toBytes());
    }

    private static int bytes(long size) {
        return (int) Math.min(size, Integer.MAX_VALUE);
    }
}
