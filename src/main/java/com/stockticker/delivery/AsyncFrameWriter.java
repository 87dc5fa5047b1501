package com.stockticker.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes through the Jakarta WebSocket session's asynchronous endpoint: the container writes what the
 * socket takes at once and finishes the rest when the socket is writable again, on its own threads. Its
 * send timeout fails a write that a client does not read within the time limit.
 */
final class AsyncFrameWriter implements FrameWriter {

    private final WebSocketSession session;
    private final RemoteEndpoint.Async remote;

    AsyncFrameWriter(WebSocketSession session, jakarta.websocket.Session nativeSession, OutboxLimits limits) {
        this.session = session;
        this.remote = nativeSession.getAsyncRemote();
        this.remote.setSendTimeout(limits.timeNanos() / 1_000_000);
    }

    @Override
    public void write(WebSocketMessage<?> message, Consumer<Throwable> done) {
        SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
        try {
            if (message instanceof TextMessage text) {
                remote.sendText(text.getPayload(), handler);
            }
            else if (message instanceof BinaryMessage binary) {
                // A shared frame goes to many sessions: each write needs a position of its own.
                ByteBuffer payload = binary.getPayload().duplicate();
                remote.sendBinary(payload, handler);
            }
            else {
                session.sendMessage(message);
                done.accept(null);
            }
        }
        catch (IOException | RuntimeException ex) {
            done.accept(ex);
        }
    }
}
