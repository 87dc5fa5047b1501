package com.stockticker.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

import com.stockticker.cluster.InternalMessages.Operation;
import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.ErrorCode;
import com.stockticker.messaging.RejectedMessageException;

/**
 * An edge's requests to the core, through RabbitMQ: each goes to {@link Destinations#CORE_REQUESTS} with the
 * user it is made for, and the answer comes back on this instance's own reply topic. A request that the core
 * does not answer within {@code ticker.broker.relay.request-timeout}, or that cannot be sent because RabbitMQ
 * is down, fails with {@link ErrorCode#SERVICE_UNAVAILABLE}.
 */
@Component
@EdgeRole
class CoreClient implements InternalListener {

    private static final Logger log = LoggerFactory.getLogger(CoreClient.class);

    private final String replies = Destinations.instanceReplies(UUID.randomUUID().toString());
    private final Map<String, CompletableFuture<Message<?>>> pending = new ConcurrentHashMap<>();
    private final InternalMessages messages;
    private final Duration timeout;

    CoreClient(InternalMessages messages, ClusterProperties properties) {
        this.messages = messages;
        this.timeout = properties.broker().relay().requestTimeout();
    }

    @Override
    public String destination() {
        return replies;
    }

    /**
     * Asks the core and reads its answer as {@code type}. The future fails with the core's refusal, as a
     * {@link RejectedMessageException}, itself rather than wrapped, so that the STOMP and REST error handlers
     * see it as if the core's code had thrown it here.
     */
    <T> CompletableFuture<T> request(Operation operation, String username, Object body, TypeReference<T> type) {
        String correlation = UUID.randomUUID().toString();
        CompletableFuture<Message<?>> reply = new CompletableFuture<>();
        pending.put(correlation, reply);
        CompletableFuture<T> answer = new CompletableFuture<>();
        reply.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((message, failure) -> {
            pending.remove(correlation);
            if (failure != null) {
                answer.completeExceptionally(unavailable(failure instanceof TimeoutException
                        ? "did not answer within " + timeout.toMillis() + " ms" : "cannot be reached while RabbitMQ is unavailable"));
                return;
            }
            String code = InternalMessages.header(message, InternalMessages.ERROR_CODE);
            if (code != null) {
                answer.completeExceptionally(new RejectedMessageException(ErrorCode.valueOf(code),
                        InternalMessages.header(message, InternalMessages.ERROR_MESSAGE)));
                return;
            }
            try {
                answer.complete(messages.read(message, type));
            }
            catch (RuntimeException ex) {
                answer.completeExceptionally(ex);
            }
        });
        Map<String, String> headers = headers(operation, username);
        headers.put(InternalMessages.CORRELATION, correlation);
        headers.put(InternalMessages.REPLY_TO, replies);
        if (!messages.send(Destinations.CORE_REQUESTS, headers, body)) {
            reply.completeExceptionally(new IllegalStateException("RabbitMQ unavailable"));
        }
        return answer;
    }

    /** Tells the core something that needs no answer; dropped while RabbitMQ is unavailable. */
    void tell(Operation operation, String username, Object body) {
        messages.send(Destinations.CORE_REQUESTS, headers(operation, username), body);
    }

    /** @param username {@code null} for a request about no user */
    private static Map<String, String> headers(Operation operation, String username) {
        Map<String, String> headers = new HashMap<>();
        headers.put(InternalMessages.OPERATION, operation.name());
        if (username != null) {
            headers.put(InternalMessages.USER, username);
        }
        return headers;
    }

    @Override
    public void handleMessage(Message<?> message) {
        String correlation = InternalMessages.header(message, InternalMessages.CORRELATION);
        CompletableFuture<Message<?>> reply = correlation != null ? pending.get(correlation) : null;
        if (reply != null) {
            reply.complete(message);
        }
        else {
            log.debug("A reply from the core came after its request had timed out: {}", correlation);
        }
    }

    private static RejectedMessageException unavailable(String why) {
        return new RejectedMessageException(ErrorCode.SERVICE_UNAVAILABLE,
                "The trading core " + why + "; try again in a moment");
    }
}
