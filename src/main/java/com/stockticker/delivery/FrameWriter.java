package com.stockticker.delivery;

import java.util.function.Consumer;

import org.springframework.web.socket.WebSocketMessage;

/** Writes one frame to one session without making the caller wait for the client to read it. */
interface FrameWriter {

    /**
     * Starts writing {@code message}. {@code done} is called once, with {@code null} when the frame has been
     * written or with the failure; possibly before this method returns.
     */
    void write(WebSocketMessage<?> message, Consumer<Throwable> done);

    /**
     * How many frames may be handed over before the first of them is written: frames reach the client in the
     * order they were handed over however many there are.
     */
    default int maxInFlight() {
        return 1;
    }

    /**
     * Drops the connection without a closing handshake, for a client that does not read: a close frame
     * queued behind what it has not read would never leave.
     */
    default void abort() {
    }
}
