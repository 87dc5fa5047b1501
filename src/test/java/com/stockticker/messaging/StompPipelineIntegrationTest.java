package com.stockticker.messaging;

import java.util.List;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.support.ExecutorSubscribableChannel;

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

    @Test
    void theInboundChannelRunsTheInterceptorsInThePipelinesOrder() {
        assertThat(interceptors("clientInboundChannel")).containsExactly("StompAuthenticationInterceptor",
                "BrowserCsrfInterceptor", "ConnectionPrincipalInterceptor", "UserSessionLimitInterceptor",
                "DestinationGuardInterceptor", "ReceiptInterceptor");
    }

    @Test
    void theOutboundChannelCountsTheMessagesSentAfterSpringsOwnOrdering() {
        assertThat(interceptors("clientOutboundChannel")).containsExactly("CallbackInterceptor", "MessagesSentInterceptor");
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
