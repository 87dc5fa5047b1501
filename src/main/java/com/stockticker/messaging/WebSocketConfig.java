package com.stockticker.messaging;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

@Configuration(proxyBeanMethods = false)
class WebSocketConfig implements WebSocketMessageBrokerConfigurer {

    private static final int USER_DESTINATION_CACHE_LIMIT = 100_000;

    private final WebSocketProperties properties;
    private final TaskScheduler brokerScheduler;
    private final ObjectProvider<ClientErrors> errors;
    private final HandshakeInterceptor[] handshakeInterceptors;
    private final AuthorizationManager<Message<?>> authorization;
    private final Clock clock;
    private final ConnectionRefusals refusals;
    private final Receipts receipts;
    private final UserSessionLimit sessionLimit;
    private final List<TopicNames> topicNames;
    private final List<ResumableTopic> resumableTopics;
    private final List<TopicFormat> topicFormats;

    /**
     * @param handshakeInterceptors every handshake interceptor bean, such as the one that hands the HTTP
     *     session's CSRF token to the WebSocket session
     * @param authorization which frames need an authenticated user
     * @param topicNames what the features that publish topics say about their names
     * @param resumableTopics the topics a subscriber may resume after a reconnect
     * @param topicFormats the formats other than the default that topics come in
     */
    WebSocketConfig(WebSocketProperties properties,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler brokerScheduler,
            ObjectProvider<ClientErrors> errors, List<HandshakeInterceptor> handshakeInterceptors,
            AuthorizationManager<Message<?>> authorization, Clock clock,
            @Lazy ConnectionRefusals refusals, Receipts receipts, @Lazy UserSessionLimit sessionLimit,
            @Lazy List<TopicNames> topicNames, @Lazy List<ResumableTopic> resumableTopics,
            @Lazy List<TopicFormat> topicFormats) {
        this.properties = properties;
        this.brokerScheduler = brokerScheduler;
        this.errors = errors;
        this.handshakeInterceptors = handshakeInterceptors.toArray(HandshakeInterceptor[]::new);
        this.authorization = authorization;
        this.clock = clock;
        this.refusals = refusals;
        this.receipts = receipts;
        this.sessionLimit = sessionLimit;
        this.topicNames = topicNames;
        this.resumableTopics = resumableTopics;
        this.topicFormats = topicFormats;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        String[] origins = properties.allowedOrigins().toArray(String[]::new);
        registry.addEndpoint(Destinations.WEBSOCKET_ENDPOINT).setHandshakeHandler(jettyUpgrades(true))
                .setAllowedOriginPatterns(origins).addInterceptors(handshakeInterceptors);
        registry.addEndpoint(Destinations.SOCKJS_ENDPOINT).setHandshakeHandler(jettyUpgrades(false))
                .setAllowedOriginPatterns(origins).addInterceptors(handshakeInterceptors).withSockJS();
        // A client's frames are handled in the order it sent them: a SUBSCRIBE to a snapshot that precedes
        // a SUBSCRIBE to the live topic is answered first.
        registry.setPreserveReceiveOrder(true);
        registry.setErrorHandler(new StompErrors(clock));
    }

    /**
     * Jetty's own WebSocket API rather than its Jakarta one: the Jakarta adapter's asynchronous send garbled
     * binary messages under load (Jetty 12.1), and the outboxes write through Jetty's own send anyway.
     * <p>
     * Jetty closes a connection after 30 s without traffic. On {@code /ws}, as STOMP specifies, liveness is
     * what the heart-beats a client negotiates are for, so a client that asked for none may stay quiet much
     * longer: {@code ticker.websocket.idle-timeout} (5 min), after which a connection that nobody uses is
     * closed rather than held for ever. SockJS keeps Jetty's: SockJS sends its own heart-beat every 25 s, and a
     * SockJS session writes with a blocking send, which only the idle timeout ends for a client that stopped
     * reading.
     */
    private DefaultHandshakeHandler jettyUpgrades(boolean stompIdleTimeout) {
        JettyRequestUpgradeStrategy upgrades = new JettyRequestUpgradeStrategy();
        if (stompIdleTimeout) {
            upgrades.addWebSocketConfigurer(session -> session.setIdleTimeout(properties.idleTimeout()));
        }
        return new DefaultHandshakeHandler(upgrades);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // Every instance, in every mode, fans out to its own clients. Topics have a broker of their own, built
        // for fan-out (see the delivery package); Spring's simple broker keeps the user queues.
        registry.enableSimpleBroker(Destinations.QUEUE_PREFIX)
                .setTaskScheduler(brokerScheduler)
                .setHeartbeatValue(new long[] { properties.heartbeat().send().toMillis(),
                        properties.heartbeat().receive().toMillis() });
        // Every session has user queues of its own (/queue/quotes-user{session}, ...). The broker looks the
        // subscribers of a destination up in a cache; a destination missing from it costs a scan of every
        // subscription of every session. The default of 1,024 destinations made a managed update to one of
        // 2,000 sessions such a scan: room for several queues each of tens of thousands of sessions instead.
        registry.setCacheLimit(USER_DESTINATION_CACHE_LIMIT);
        registry.setApplicationDestinationPrefixes(Destinations.APP_PREFIX);
        registry.setUserDestinationPrefix(Destinations.USER_PREFIX);
        // Messages to one session leave in the order they were sent: a snapshot before the updates after it.
        registry.setPreservePublishOrder(true);
    }

    /**
     * JSON converted once for many clients goes out as it is; everything else as before. First in the list, whatever
     * order the configurers run in: Spring Boot's adds its JSON converter, which would take the record for a bean.
     */
    @Override
    public boolean configureMessageConverters(List<MessageConverter> converters) {
        converters.add(0, new EncodedJsonMessageConverter());
        return true;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new ConnectionPrincipals(), sessionLimit,
                new DestinationGuard(errors, authorization, properties.maxSubscriptions(), receipts, topicNames,
                        resumableTopics, topicFormats), receipts);
    }

    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.addDecoratorFactory(new ClientDeadlines(properties, brokerScheduler, refusals));
        // The send limits are enforced by each session's outbox (delivery package), which never lets a send wait.
        registration.setMessageSizeLimit(bytes(properties.messageSizeLimit().toBytes()));
        registration.addDecoratorFactory(handler -> new WebSocketHandlerDecorator(handler) {
            /**
             * The largest WebSocket message Jetty accepts is twice the STOMP limit: a frame a little over the
             * limit still reaches the STOMP decoder, which answers with an ERROR frame; a message over twice
             * the limit is closed by Jetty with status 1009 (message too big). Set after Spring's STOMP
             * handler, which raises every session's text limit to 16 KB, its own default.
             */
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                super.afterConnectionEstablished(session);
                int largestMessage = bytes(2 * properties.messageSizeLimit().toBytes());
                session.setTextMessageSizeLimit(largestMessage);
                session.setBinaryMessageSizeLimit(largestMessage);
            }
        });
    }

    private static int bytes(long size) {
        return (int) Math.min(size, Integer.MAX_VALUE);
    }
}
