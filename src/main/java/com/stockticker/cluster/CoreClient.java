package com.stockticker.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.type.TypeReference;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.AsyncRabbitTemplate;
import org.springframework.stereotype.Component;

import com.stockticker.cluster.Backplane.Operation;
import com.stockticker.errors.ErrorCode;
import com.stockticker.roles.ClusterEnabled;

/**
 * An edge's requests to the core, with Spring AMQP's request/reply ({@link AsyncRabbitTemplate} on RabbitMQ's
 * direct reply-to: no reply queue, no correlation of our own). Each request carries the user it is made for and
 * this instance's RabbitMQ user as its AMQP {@code user_id}, which RabbitMQ checks and the core trusts. A request
 * the core does not answer within {@code ticker.cluster.request-timeout}, or that cannot be sent because RabbitMQ
 * is away, fails with {@link ErrorCode#SERVICE_UNAVAILABLE} at once rather than waiting for a connection.
 *
 * <p>A request for a user waits until this instance's user queue is bound for that user (see {@link UserRoutes}),
 * so that the events the request causes reach the user's sessions here.
 */
@Component
@ClusterEnabled
class CoreClient {

    private final AsyncRabbitTemplate template;
    private final BackplaneMessages messages;
    private final BackplaneConnection connection;
    private final UserRoutes routes;
    private final String instanceUser;
    private final Duration timeout;

    CoreClient(AsyncRabbitTemplate template, BackplaneMessages messages, BackplaneConnection connection, UserRoutes routes,
            ClusterProperties properties) {
        this.template = template;
        this.messages = messages;
        this.connection = connection;
        this.routes = routes;
        this.instanceUser = template.getConnectionFactory().getUsername();
        this.timeout = properties.cluster().requestTimeout();
    }

    /** @param username {@code null} for a request about no user (the market's state) */
    <T> CompletableFuture<T> request(Operation operation, String username, Object body, TypeReference<T> type) {
        if (!connection.isConnected()) {
            return CompletableFuture.failedFuture(Replies.unavailable("cannot be reached while RabbitMQ is unavailable"));
        }
        Map<String, String> headers = new HashMap<>();
        headers.put(Backplane.OPERATION, operation.name());
        if (username != null) {
            headers.put(Backplane.USER, username);
        }
        Message request = messages.write(body, headers);
        request.getMessageProperties().setUserId(instanceUser);
        CompletableFuture<Void> routed = username != null ? routes.routed(username) : CompletableFuture.completedFuture(null);
        // The future fails with the refusal itself, not wrapped, so that the STOMP and REST error handlers see it
        // as if the core's code had thrown it here.
        CompletableFuture<T> answer = new CompletableFuture<>();
        routed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(ready -> send(request))
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        answer.completeExceptionally(Replies.failure(failure, timeout));
                        return;
                    }
                    try {
                        answer.complete(Replies.answer(reply, message -> messages.read(message, type)));
                    }
                    catch (RuntimeException ex) {
                        answer.completeExceptionally(ex);
                    }
                });
        return answer;
    }

    private CompletableFuture<Message> send(Message request) {
        try {
            return template.sendAndReceive(Backplane.REQUEST_EXCHANGE, Backplane.CORE, request);
        }
        catch (AmqpException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }
}
