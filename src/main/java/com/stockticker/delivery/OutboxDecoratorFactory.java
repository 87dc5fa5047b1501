package com.stockticker.delivery;

import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;
import org.springframework.web.socket.sockjs.transport.SockJsSession;

import com.stockticker.messaging.Destinations;

/**
 * Gives every WebSocket and SockJS session a {@link SessionOutbox} as it opens, before Spring's STOMP handling sees
 * it, so that every frame to the session goes through the outbox; and keeps it in {@link SessionOutboxes} while the
 * session is open. Each session gets a fan-out lane, in turn, and a writer that suits it.
 */
class OutboxDecoratorFactory implements WebSocketHandlerDecoratorFactory {

    private final SessionOutboxes outboxes;
    private final OutboxLimits limits;
    private final SessionOutbox.Closer closer;
    private final Executor blockingWrites;
    private final int lanes;
    private final AtomicInteger opened = new AtomicInteger();

    /**
     * @param blockingWrites where sessions without an asynchronous send (SockJS) write
     * @param lanes the number of fan-out lanes
     */
    OutboxDecoratorFactory(SessionOutboxes outboxes, OutboxLimits limits, SessionOutbox.Closer closer,
            Executor blockingWrites, int lanes) {
        this.outboxes = outboxes;
        this.limits = limits;
        this.closer = closer;
        this.blockingWrites = blockingWrites;
        this.lanes = lanes;
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
                outboxes.closed(session.getId());
                super.afterConnectionClosed(session, status);
            }
        };
    }

    private SessionOutbox open(WebSocketSession session) {
        int lane = Math.floorMod(opened.getAndIncrement(), lanes);
        SessionOutbox outbox = new SessionOutbox(session, writerFor(session), limits, closer, lane, wantsBinaryFrames(session));
        outboxes.opened(outbox);
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
}
