package com.stockticker.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionConnectedEvent;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

import com.stockticker.roles.ClusterEnabled;

/**
 * Routes a user's events from the core to this edge while the edge holds a session of that user: the edge's
 * user queue is bound to {@link Backplane#USER_EXCHANGE} with the user name when the user's first session
 * connects, and unbound when the last one goes. That binding is the only thing in RabbitMQ a client ever causes,
 * and it is per user, not per session or subscription: a thousand sessions of one user are one binding.
 *
 * <p>Bindings change on a thread of their own, in the order sessions came and went, so that no client's
 * thread waits for RabbitMQ. After an outage RabbitMQ has forgotten the queue and its bindings: every held
 * user is bound again as soon as the connection is back.
 */
@Component
@ClusterEnabled
class UserRoutes {

    private static final Logger log = LoggerFactory.getLogger(UserRoutes.class);
    private static final String THREAD = "userRoutesThread";

    private final SessionCounts sessions = new SessionCounts();
    /** Per held user: done once the binding is in place. Requests for the user wait for it. */
    private final Map<String, CompletableFuture<Void>> routed = new ConcurrentHashMap<>();
    private final AmqpAdmin admin;
    private final Queue queue;
    private final DirectExchange exchange;
    private final BackplaneConnection connection;
    private final Executor thread;

    UserRoutes(AmqpAdmin admin, @Qualifier("userQueue") Queue queue, @Qualifier("userExchange") DirectExchange exchange,
            BackplaneConnection connection, @Qualifier(THREAD) Executor thread) {
        this.admin = admin;
        this.queue = queue;
        this.exchange = exchange;
        this.connection = connection;
        this.thread = thread;
        connection.onConnect(this::rebindAll);
    }

    @EventListener
    void connected(SessionConnectedEvent event) {
        String sessionId = SimpMessageHeaderAccessor.getSessionId(event.getMessage().getHeaders());
        if (event.getUser() instanceof Authentication user && user.isAuthenticated() && sessionId != null
                && sessions.connected(user.getName(), sessionId)) {
            routed.put(user.getName(), new CompletableFuture<>());
            thread.execute(() -> bind(user.getName()));
        }
    }

    @EventListener
    void disconnected(SessionDisconnectEvent event) {
        String username = sessions.disconnected(event.getSessionId());
        if (username != null) {
            thread.execute(() -> unbind(username));
        }
    }

    /** Done when events for the user reach this instance; at once for a user without a session here. */
    CompletableFuture<Void> routed(String username) {
        return routed.getOrDefault(username, CompletableFuture.completedFuture(null));
    }

    /** On the connecting thread, before anyone sees the connection: requests wait for the bindings again. */
    private void rebindAll() {
        sessions.users().forEach(username -> routed.put(username, new CompletableFuture<>()));
        thread.execute(() -> {
            try {
                admin.declareQueue(queue);
            }
            catch (AmqpException ex) {
                log.warn("Could not declare {}: {}", queue.getName(), ex.getMessage());
                return;
            }
            sessions.users().forEach(this::bind);
        });
    }

    private void bind(String username) {
        CompletableFuture<Void> done = routed.get(username);
        if (done == null || !sessions.holds(username) || !connection.isConnected()) {
            // Gone again, or RabbitMQ is away: rebindAll binds it when the connection is back.
            return;
        }
        try {
            admin.declareBinding(binding(username));
            done.complete(null);
        }
        catch (AmqpException ex) {
            log.warn("Could not route {}'s events to this instance (again when RabbitMQ is back): {}", username, ex.getMessage());
        }
    }

    private void unbind(String username) {
        if (sessions.holds(username)) {
            // A new session came meanwhile.
            return;
        }
        routed.remove(username);
        if (!connection.isConnected()) {
            return;
        }
        try {
            admin.removeBinding(binding(username));
        }
        catch (AmqpException ex) {
            log.debug("Could not unbind {}: {}", username, ex.getMessage());
        }
    }

    private Binding binding(String username) {
        return BindingBuilder.bind(queue).to(exchange).with(username);
    }

    /**
     * The thread that changes the bindings, in the order sessions came and went.
     * A bean built with Boot's builder, so that Boot's executor metrics show it.
     */
    @Bean(THREAD)
    static ThreadPoolTaskExecutor userRoutesThread(ThreadPoolTaskExecutorBuilder builder) {
        return builder.threadNamePrefix("user-routes-").corePoolSize(1).maxPoolSize(1).allowCoreThreadTimeOut(false)
                .queueCapacity(Integer.MAX_VALUE).acceptTasksAfterContextClose(true).build();
    }
}
