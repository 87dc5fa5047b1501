package com.stockticker.delivery;

import java.io.IOException;
import java.util.function.Consumer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes through Jetty's own asynchronous send: Jetty writes what the socket takes at once and finishes the
 * rest when the socket is writable again, on its own threads, then calls back.
 */
final class JettyFrameWriter implements FrameWriter {

    private final WebSocketSession session;
    private final Session jetty;

    JettyFrameWriter(WebSocketSession session, Session jetty) {
        this.session = session;
        this.jetty = jetty;
    }

    @Override
    public void write(WebSocketMessage<?> message, Consumer<Throwable> done) {
        Callback callback = Callback.from(() -> done.accept(null), done);
        try {
            if (message instanceof TextMessage text) {
                jetty.sendText(text.getPayload(), callback);
            }
            else if (message instanceof BinaryMessage binary) {
                // A shared frame goes to many sessions: each write needs a position of its own.
                jetty.sendBinary(binary.getPayload().duplicate(), callback);
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
