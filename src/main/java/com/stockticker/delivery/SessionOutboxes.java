package com.stockticker.delivery;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

import com.stockticker.messaging.Destinations;
import com.stockticker.messaging.WebSocketProperties;

/**
 * Gives every WebSocket and SockJS session an {@link SessionOutbox} as it opens, before Spring's STOMP
 * handling sees it, and finds it again by session id (which is also the STOMP session id) for the topic
 * fan-out, or to close them all. Also closes sessions for the outboxes, away from the threads that send,
 * and counts the ones closed for being too slow.
 */
public class SessionOutboxes implements WebSocketHandlerDecoratorFactory, SessionOutbox.Closer, DisposableBean {

    private static final CloseStatus TOO_SLOW = CloseStatus.POLICY_VIOLATION.withReason("too slow");
    /** How long a slow client has to complete the closing handshake before its connection is dropped. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(SessionOutboxes.class);

    private final Map<String, SessionOutbox> outboxes = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final OutboxLimits limits;
    private final int lanes;
    private final ThreadPoolTaskExecutor blockingWrites = executor("ws-blocking-write-", 4);
    private final ThreadPoolTaskExecutor closes = executor("ws-close-", 2);
    private final Counter closedSlow;

    SessionOutboxes(WebSocketProperties properties, MeterRegistry registry) {
        this.limits = OutboxLimits.from(properties);
        this.lanes = properties.fanOutLanes();
        this.closedSlow = Counter.builder("ticker.stomp.sessions.closed.slow")
                .description("Sessions closed because they did not read what they were sent in time").register(registry);
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {
            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                super.afterConnectionEstablished(open(session));
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                outboxes.remove(session.getId());
                super.afterConnectionClosed(session, status);
            }
        };
    }

    /** The outbox of an open session, or {@code null}. */
    SessionOutbox get(String sessionId) {
        return outboxes.get(sessionId);
    }

    /**
     * Closes every open session with {@code status}, each once the frames already queued for it are written;
     * returns how many there were.
     */
    public int closeAll(CloseStatus status) {
        List<SessionOutbox> open = List.copyOf(outboxes.values());
        open.forEach(outbox -> outbox.close(status));
        return open.size();
    }

    int lanes() {
        return lanes;
    }

    private SessionOutbox open(WebSocketSession session) {
        int lane = Math.floorMod(opened.getAndIncrement(), lanes);
        SessionOutbox outbox = new SessionOutbox(session, writerFor(session), limits, this, lane, wantsBinaryFrames(session));
        outboxes.put(session.getId(), outbox);
        return outbox;
    }

    private static boolean wantsBinaryFrames(WebSocketSession session) {
        URI uri = session.getUri();
        String query = uri != null ? uri.getQuery() : null;
        return query != null && !(session instanceof SockJsSession)
                && Arrays.asList(query.split("&")).contains(Destinations.BINARY_FRAMES_QUERY);
    }

    private FrameWriter writerFor(WebSocketSession session) {
        // A SockJS session over WebSocket is native too, but its frames need SockJS framing: not for us to write.
        if (session instanceof NativeWebSocketSession nativeSession && !(session instanceof SockJsSession)) {
            var jetty = nativeSession.getNativeSession(org.eclipse.jetty.websocket.common.WebSocketSession.class);
            if (jetty != null) {
                return new JettyFrameWriter(session, jetty.getCoreSession());
            }
        }
        return new ExecutorFrameWriter(session, blockingWrites);
    }

    @Override
    public void close(WebSocketSession session, CloseStatus status) {
        closes.execute(() -> closeQuietly(session, status));
    }

    @Override
    public void closeSlow(WebSocketSession session) {
        closedSlow.increment();
        log.info("Closing session {}: it did not read what it was sent within the send limits", session.getId());
        close(session, TOO_SLOW);
        abortUnlessClosedInTime(session);
    }

    @Override
    public void abortUnlessClosedInTime(WebSocketSession session) {
        // A close frame waits behind the frames the client has not read, maybe for ever: still open after
        // the grace period means it never left.
        CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS, closes)
                .execute(() -> abortIfOpen(session.getId()));
    }

    private void abortIfOpen(String sessionId) {
        SessionOutbox outbox = outboxes.get(sessionId);
        if (outbox != null) {
            log.info("Dropping session {}: it did not complete the closing handshake", sessionId);
            outbox.abort();
        }
    }

    @Override
    public void closeFailed(WebSocketSession session, Throwable failure) {
        log.debug("Closing session {} after a failed write", session.getId(), failure);
        close(session, CloseStatus.SESSION_NOT_RELIABLE);
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        }
        catch (IOException | RuntimeException ex) {
            log.debug("Session {} did not close cleanly", session.getId(), ex);
        }
    }

    private static ThreadPoolTaskExecutor executor(String prefix, int threads) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix(prefix);
        executor.setCorePoolSize(threads);
        executor.setMaxPoolSize(threads);
        executor.setAllowCoreThreadTimeOut(true);
        executor.initialize();
        return executor;
    }

    @Override
    public void destroy() {
        blockingWrites.shutdown();
        closes.shutdown();
    }
}
