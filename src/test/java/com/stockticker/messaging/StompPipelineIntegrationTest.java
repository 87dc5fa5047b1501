package com.stockticker.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import com.stockticker.support.LiveServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The STOMP pipeline of a running server is the one {@link StompPipeline} states, in its order; and the threads of
 * the pipeline's own run on executor beans that Boot's executor metrics show.
 */
@LiveServerTest
class StompPipelineIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Autowired
    MeterRegistry meters;

    @Autowired
    WebSocketProperties properties;

    /** Spring's own, which each broker (the topic broker, the simple broker) and in-order receiving add, around ours. */
    @Test
    void theInboundChannelRunsTheInterceptorsInThePipelinesOrder() {
        assertThat(interceptors("clientInboundChannel")).containsExactly("UnsentDisconnectChannelInterceptor",
                "UnsentDisconnectChannelInterceptor", "CallbackTaskInterceptor", "StompAuthenticationInterceptor",
                "BrowserCsrfInterceptor", "ConnectionPrincipalInterceptor", "UserSessionLimitInterceptor",
                "DestinationGuardInterceptor", "ReceiptInterceptor", "ImmutableMessageChannelInterceptor");
    }

    @Test
    void theOutboundChannelCountsTheMessagesSentAfterSpringsOwnOrdering() {
        assertThat(interceptors("clientOutboundChannel")).containsExactly("CallbackTaskInterceptor",
                "MessagesSentInterceptor", "ImmutableMessageChannelInterceptor");
    }

    /** Outermost first: Spring's two, then the pipeline's three, then Spring's STOMP handler. */
    @Test
    void theWebSocketHandlerIsDecoratedInThePipelinesOrder() {
        AbstractUrlHandlerMapping endpoints = context.getBean("stompWebSocketHandlerMapping", AbstractUrlHandlerMapping.class);
        WebSocketHttpRequestHandler webSocket = (WebSocketHttpRequestHandler) endpoints.getHandlerMap().get(Destinations.WEBSOCKET_ENDPOINT);
        List<String> decorators = new ArrayList<>();
        for (WebSocketHandler handler = webSocket.getWebSocketHandler(); handler != null;
                handler = handler instanceof WebSocketHandlerDecorator decorator ? decorator.getDelegate() : null) {
            decorators.add(handler.getClass().getName().replaceAll(".*\\.", ""));
        }
        assertThat(decorators).containsExactly("ExceptionWebSocketHandlerDecorator", "LoggingWebSocketHandlerDecorator",
                "StompPipeline$1", "ClientDeadlinesDecoratorFactory$1", "OutboxDecoratorFactory$1", "StompConfiguration$1");
        assertThat(webSocket.getHandshakeInterceptors()).extracting(interceptor -> interceptor.getClass().getName().replaceAll(".*\\.", ""))
                .containsExactly("ClientAddress$Recorder", "SessionCsrfTokenHandshakeInterceptor", "OriginHandshakeInterceptor");
    }

    @Test
    void everyFanOutLaneAndTheOutboxesExecutorsHaveBootsExecutorMetrics() {
        int lanes = WebSocketProperties.fanOutLanes(properties.fanOutThreads());
        List<String> executors = IntStream.range(0, lanes).mapToObj(lane -> "fanOutLane" + lane).toList();
        assertThat(executors).isNotEmpty().allSatisfy(this::hasExecutorMetrics);
        List.of("outboxBlockingWrites", "outboxCloses", "managedUpdates", "stompScheduler").forEach(this::hasExecutorMetrics);
        assertThat(meters.find("executor.queue.remaining").tag("name", "fanOutLane0").gauge()).isNotNull();
    }

    private void hasExecutorMetrics(String executor) {
        assertThat(meters.find("executor.pool.size").tag("name", executor).gauge()).as(executor).isNotNull();
        assertThat(meters.find("executor.queued").tag("name", executor).gauge()).as(executor).isNotNull();
        assertThat(meters.find("executor.completed").tag("name", executor).functionCounter()).as(executor).isNotNull();
    }

    private List<String> interceptors(String channel) {
        return context.getBean(channel, ExecutorSubscribableChannel.class).getInterceptors().stream()
                .map(interceptor -> interceptor.getClass().getSimpleName()).toList();
    }
}
