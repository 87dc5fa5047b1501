package com.stockticker.messaging;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.BufferingStompDecoder;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.handler.WebSocketHandlerDecoratorFactory;

/**
 * Deadlines Spring's STOMP handler does not keep, so that a connection cannot be held for free: a WebSocket
 * must send its CONNECT within {@code ticker.websocket.connect-timeout}, and a frame it has begun (a frame
 * may span WebSocket messages, and one without its NUL, or shorter than its {@code content-length}, waits
 * for the rest) must be finished within {@code ticker.websocket.frame-timeout}. A frame whose
 * {@code content-length} is not a whole number of at least 0 is refused at once (Spring would ignore it and
 * read up to the NUL). Each refusal is an ERROR frame and a close, as for any broken frame.
 *
 * <p>To know where frames end, the messages are read a second time here, by a decoder of the connection's
 * own; clients send small frames (at most {@code message-size-limit}), so this costs little.
 */
class ClientDeadlinesDecoratorFactory implements WebSocketHandlerDecoratorFactory {

    private final WebSocketProperties limits;
    private final TaskScheduler scheduler;
    private final ConnectionRefusals refusals;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    ClientDeadlinesDecoratorFactory(WebSocketProperties limits, TaskScheduler scheduler, ConnectionRefusals refusals) {
        this.limits = limits;
        this.scheduler = scheduler;
        this.refusals = refusals;
    }

    @Override
    public WebSocketHandler decorate(WebSocketHandler handler) {
        return new WebSocketHandlerDecorator(handler) {

            @Override
            public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                Client client = new Client(session.getId());
                clients.put(session.getId(), client);
                client.expectConnect();
                super.afterConnectionEstablished(session);
            }

            @Override
            public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) throws Exception {
                Client client = clients.get(session.getId());
                String refusal = client != null ? client.read(message) : null;
                if (refusal != null) {
                    refusals.refuse(session.getId(), refusal);
                    return;
                }
                super.handleMessage(session, message);
            }

            @Override
            public void afterConnectionClosed(WebSocketSession session, CloseStatus closeStatus) throws Exception {
                Client client = clients.remove(session.getId());
                if (client != null) {
                    client.forget();
                }
                super.afterConnectionClosed(session, closeStatus);
            }
        };
    }

    /** What one connection has sent so far, as far as its deadlines go. Jetty hands it one message at a time. */
    private final class Client {

        private final String sessionId;
        private final BufferingStompDecoder frames = new BufferingStompDecoder(new StompDecoder(),
                (int) Math.min(limits.messageSizeLimit().toBytes(), Integer.MAX_VALUE));
        private boolean connected;
        private boolean broken;
        /**
         * Whether a deadline has refused the connection already: a client that sent part of its CONNECT misses both
         * deadlines, and hears one ERROR, not two.
         */
        private boolean refused;
        private ScheduledFuture<?> connectDeadline;
        private ScheduledFuture<?> frameDeadline;

        Client(String sessionId) {
            this.sessionId = sessionId;
        }

        synchronized void expectConnect() {
            connectDeadline = scheduler.schedule(this::connectTimedOut, Instant.now().plus(limits.connectTimeout()));
        }

        /** Takes in a message; returns why the connection must be refused, or {@code null}. */
        synchronized String read(WebSocketMessage<?> message) {
            if (broken) {
                return null;
            }
            ByteBuffer bytes = message instanceof TextMessage text ? ByteBuffer.wrap(text.asBytes())
                    : message instanceof BinaryMessage binary ? binary.getPayload().duplicate() : null;
            if (bytes == null) {
                return null;
            }
            List<Message<byte[]>> decoded;
            try {
                decoded = frames.decode(bytes);
            }
            catch (RuntimeException ex) {
                // Spring's decoder sees the same bytes, fails the same way and answers with an ERROR.
                broken = true;
                return null;
            }
            for (Message<byte[]> frame : decoded) {
                StompHeaderAccessor headers = MessageHeaderAccessor.getAccessor(frame, StompHeaderAccessor.class);
                if (headers == null || headers.getCommand() == null) {
                    continue;
                }
                String contentLength = headers.getFirstNativeHeader(StompHeaderAccessor.STOMP_CONTENT_LENGTH_HEADER);
                if (contentLength != null && !contentLength.matches("\\d{1,9}")) {
                    return "content-length must be a whole number of bytes, at least 0, not '" + contentLength + "'";
                }
                if (headers.getCommand() == StompCommand.CONNECT || headers.getCommand() == StompCommand.STOMP) {
                    connected = true;
                    cancel(connectDeadline);
                }
            }
            if (frames.getBufferSize() == 0) {
                cancel(frameDeadline);
                frameDeadline = null;
            }
            else if (frameDeadline == null) {
                frameDeadline = scheduler.schedule(this::frameTimedOut, Instant.now().plus(limits.frameTimeout()));
            }
            return null;
        }

        synchronized void forget() {
            cancel(connectDeadline);
            cancel(frameDeadline);
        }

        private void connectTimedOut() {
            synchronized (this) {
                if (refused || connected || clients.get(sessionId) != this) {
                    return;
                }
                refused = true;
            }
            refusals.refuse(sessionId, "No CONNECT frame within " + limits.connectTimeout().toMillis() + " ms of opening the WebSocket");
        }

        private void frameTimedOut() {
            synchronized (this) {
                if (refused || frames.getBufferSize() == 0 || clients.get(sessionId) != this) {
                    return;
                }
                refused = true;
            }
            refusals.refuse(sessionId, "A frame was begun and not finished within " + limits.frameTimeout().toMillis() + " ms");
        }

        private static void cancel(ScheduledFuture<?> deadline) {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }
}
