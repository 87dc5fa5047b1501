package com.stockticker.messaging;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.jetty.JettyRequestUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import com.stockticker.messaging.PipelineInterceptor.Place;

/**
 * The STOMP pipeline, all of it, in order: the one {@link WebSocketMessageBrokerConfigurer} of the application. A
 * frame from a client passes the handshake (once per connection), the WebSocket handler's decorators, Spring's STOMP
 * decoding, the inbound channel's interceptors, then the inbound channel's handlers (the annotated controllers, the
 * topic broker of the delivery package, Spring's simple broker for {@code /queue/**} and the user destinations). A
 * frame to a client passes the outbound channel's interceptors, Spring's STOMP encoding and the session's outbox.
 * Each method below lists its part in the order it runs, one line on each element's job.
 *
 * <p>Features other than messaging contribute some elements as beans: security's handshake and channel interceptors,
 * ops' counter, the delivery package's outboxes (see {@link PipelineInterceptor}); where each goes is said here.
 * Nothing here holds a bean that Spring's STOMP configuration makes (channels, brokers, templates): this class is
 * part of that configuration, and the elements that send to clients do it through events ({@link ServerFrames},
 * {@link ClientErrors}).
 */
@Configuration(proxyBeanMethods = false)
class StompPipeline implements WebSocketMessageBrokerConfigurer {

    private static final int USER_DESTINATION_CACHE_LIMIT = 100_000;

    private final WebSocketProperties properties;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final HandshakeInterceptor[] handshakeInterceptors;
    private final WebSocketHandlerDecoratorFactory outboxes;
    private final Map<Place, PipelineInterceptor> contributed = new EnumMap<>(Place.class);
    private final ConnectionRefusals refusals;
    private final UserSessionLimitInterceptor sessionLimit;
    private final DestinationGuardInterceptor guard;
    private final ReceiptInterceptor receipts;

    /**
     * @param scheduler heart-beats and client deadlines: {@code stompScheduler}
     * @param handshakeInterceptors every handshake interceptor bean (security's)
     * @param outboxes the delivery package's: makes every session its outbox
     * @param contributed the interceptors other features put in their places
     * @param authorization which frames need an authenticated user (security's)
     * @param topicNames what the features that publish topics say about their names
     * @param resumableTopics the topics a subscriber may resume after a reconnect
     * @param topicFormats the formats other than the default that topics come in
     */
    StompPipeline(WebSocketProperties properties, Clock clock, @Qualifier(Scheduling.BEAN) TaskScheduler scheduler,
            List<HandshakeInterceptor> handshakeInterceptors, WebSocketHandlerDecoratorFactory outboxes,
            List<PipelineInterceptor> contributed, ConnectionRefusals refusals, UserSessionLimitInterceptor sessionLimit,
            ReceiptInterceptor receipts, ApplicationEventPublisher events, AuthorizationManager<Message<?>> authorization,
            List<TopicNames> topicNames, List<ResumableTopic> resumableTopics, List<TopicFormat> topicFormats) {
        this.properties = properties;
        this.clock = clock;
        this.scheduler = scheduler;
        this.handshakeInterceptors = handshakeInterceptors.toArray(HandshakeInterceptor[]::new);
        this.outboxes = outboxes;
        for (PipelineInterceptor interceptor : contributed) {
            if (this.contributed.put(interceptor.place(), interceptor) != null) {
                throw new IllegalStateException("Two interceptors for the STOMP pipeline's place " + interceptor.place());
            }
        }
        this.refusals = refusals;
        this.sessionLimit = sessionLimit;
        this.receipts = receipts;
        this.guard = new DestinationGuardInterceptor(events, authorization, properties.maxSubscriptions(), receipts,
                topicNames, resumableTopics, topicFormats);
    }

    /**
     * The endpoints, and the handshake that opens a connection: security's handshake interceptors, which only copy
     * from the HTTP request into the session (the client's address, for login throttling; the HTTP session's CSRF
     * token, which {@code BrowserCsrfInterceptor} checks), then Spring's origin check
     * ({@code ticker.websocket.allowed-origins}), which Spring puts last. Frames that Spring's STOMP decoding refuses,
     * and failures of a client's frame, get their ERROR from {@link StompErrorHandler}.
     */
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
        registry.setErrorHandler(new StompErrorHandler(clock));
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

    /**
     * The brokers, which are the last handlers of the inbound channel: the topic broker of the delivery package takes
     * {@code /topic/**} (it is a bean of its own, on the same channels); Spring's simple broker the rest.
     */
    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // Every instance, in every mode, fans out to its own clients. Topics have a broker of their own, built
        // for fan-out (see the delivery package); Spring's simple broker keeps the user queues.
        registry.enableSimpleBroker(Destinations.QUEUE_PREFIX)
                .setTaskScheduler(scheduler)
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

    /**
     * The WebSocket handler's decorators, which see every WebSocket message (and the opening and closing of every
     * connection) before Spring's STOMP handler does. Each decorates the one before it, so the last is the outermost:
     * a message from a client passes them from the last to the first, after Spring's own two (which turn exceptions
     * into a close, and log).
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        // The send limits are enforced by each session's outbox (delivery package), which never lets a send wait.
        registration.setMessageSizeLimit(bytes(properties.messageSizeLimit().toBytes()));
        // 1. delivery: every session becomes its outbox, the only way frames reach its socket
        registration.addDecoratorFactory(outboxes);
        // 2. a WebSocket must send its CONNECT, and finish a frame it began, in time; or ERROR and close
        registration.addDecoratorFactory(new ClientDeadlinesDecoratorFactory(properties, scheduler, refusals));
        // 3. Jetty closes a WebSocket message over twice the frame limit with 1009
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

    /**
     * A client's frames, once decoded, in order. An interceptor that refuses a frame drops it (the ones after it never
     * see it) and tells the client: a refused CONNECT gets an ERROR frame and a close ({@link ConnectionRefusals}), any
     * other refused frame an error on {@code /user/queue/errors} and the connection stays. Spring adds its own around
     * these: before them, each broker's (a DISCONNECT that is not sent still reaches it) and in-order receiving's;
     * after them, one that makes the message's headers immutable.
     */
    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(
                // 1. security: a CONNECT's login and passcode become the session's user; wrong ones, ERROR and close
                contributed(Place.LOGIN),
                // 2. security: a CONNECT whose user is the browser's HTTP session's carries the page's CSRF token
                contributed(Place.BROWSER_CSRF),
                // 3. a CONNECT still without a user gets an anonymous one, named after its session
                new ConnectionPrincipalInterceptor(),
                // 4. a logged-in user's CONNECT beyond ticker.websocket.max-sessions-per-user: ERROR and close
                sessionLimit,
                // 5. SEND and SUBSCRIBE only where clients may, as the user may, within the subscription limit
                guard,
                // 6. a RECEIPT for a frame that asks for one, once every handler has had it (or the guard refused it)
                receipts);
    }

    /** The frames to clients, in order, before Spring's STOMP encoding and the session's outbox. */
    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        // Ahead of these, Spring's own for preservePublishOrder (a session's next message waits for this one); after
        // them, the one that makes the headers immutable.
        registration.interceptors(
                // 1. ops: counts the MESSAGE frames sent to clients (the topic broker counts the ones it fans out)
                contributed(Place.MESSAGES_SENT));
    }

    private ChannelInterceptor contributed(Place place) {
        ChannelInterceptor interceptor = contributed.get(place);
        if (interceptor == null) {
            throw new IllegalStateException("No interceptor for the STOMP pipeline's place " + place);
        }
        return interceptor;
    }

    private static int bytes(long size) {
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    /** The scheduler of the STOMP heart-beats and the client deadlines, built with Boot's builder so that it has metrics. */
    @Configuration(proxyBeanMethods = false)
    static class Scheduling {

        static final String BEAN = "stompScheduler";

        @Bean(BEAN)
        ThreadPoolTaskScheduler stompScheduler(ThreadPoolTaskSchedulerBuilder builder) {
            // As many threads as Spring's own broker scheduler would have, which does these jobs without this one.
            ThreadPoolTaskScheduler scheduler = builder.threadNamePrefix("stomp-scheduler-")
                    .poolSize(Runtime.getRuntime().availableProcessors()).build();
            // Deadlines are cancelled far more often than they expire: a cancelled one leaves the queue at once.
            scheduler.setRemoveOnCancelPolicy(true);
            return scheduler;
        }
    }
}
