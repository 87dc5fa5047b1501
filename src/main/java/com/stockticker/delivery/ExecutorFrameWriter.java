package com.stockticker.delivery;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes with the session's own blocking {@code sendMessage} on a pool of its own: for sessions that offer
 * no asynchronous send, such as SockJS. A client stuck on one of these ties up a thread of that pool, never
 * one that serves WebSocket sessions.
 */
final class ExecutorFrameWriter implements FrameWriter {

    private final WebSocketSession session;
    private final Executor executor;

    ExecutorFrameWriter(WebSocketSession session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    @Override
    public void write(WebSocketMessage<?> message, Consumer<Throwable> done) {
        executor.execute(() -> {
            try {
                session.sendMessage(message);
                done.accept(null);
            }
            catch (IOException | RuntimeException ex) {
                done.accept(ex);
            }
        });
    }
}
