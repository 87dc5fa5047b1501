package com.stockticker.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes through Jetty's asynchronous send: Jetty writes what the socket takes at once and finishes the rest
 * when the socket is writable again, on its own threads, then calls back.
 * <p>
 * Text goes out as the UTF-8 bytes it was made from. Jetty's session API takes text only as a
 * {@code String} and encodes it for every send, that is once per subscriber of a broadcast; Jetty's core
 * session, underneath it, takes the bytes that Spring's STOMP encoder and the topic fan-out already have.
 * <p>
 * Several frames may be handed over at once: Jetty queues them in order while the socket is not writable,
 * and when it is, writes up to {@value #JETTY_MAX_GATHER} of them with one gathering write. A subscriber that
 * has fallen behind then costs one write per few frames instead of one per frame (and one wake-up of a
 * selector), which is when the server most needs the time.
 */
final class JettyFrameWriter implements FrameWriter {

    /** How many queued frames Jetty's {@code FrameFlusher} writes at once (fixed in {@code WebSocketConnection}). */
    private static final int JETTY_MAX_GATHER = 8;

    private final WebSocketSession session;
    private final CoreSession jetty;

    JettyFrameWriter(WebSocketSession session, CoreSession jetty) {
        this.session = session;
        this.jetty = jetty;
    }

    @Override
    public void write(WebSocketMessage<?> message, Consumer<Throwable> done) {
        Callback callback = Callback.from(() -> done.accept(null), done);
        try {
            if (message instanceof TextMessage text) {
                jetty.sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(text.asBytes())), callback, false);
            }
            else if (message instanceof BinaryMessage binary) {
                // A shared frame goes to many sessions: each write needs a position of its own.
                jetty.sendFrame(new Frame(OpCode.BINARY).setPayload(binary.getPayload().duplicate()), callback, false);
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

    @Override
    public int maxInFlight() {
        return JETTY_MAX_GATHER;
    }

    @Override
    public void abort() {
        jetty.abort();
    }
}
