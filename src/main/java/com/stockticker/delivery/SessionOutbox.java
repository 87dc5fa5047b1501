package com.stockticker.delivery;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Everything sent to one WebSocket session passes through here: frames are queued and handed in order to a
 * {@link FrameWriter} that never makes the sending thread wait for the client, as many at a time as the writer
 * takes before the first is written. Whoever sends (the topic fan-out, Spring's outbound channel) only appends
 * to the queue, so a client that stops reading holds up nobody but itself. It is closed as too slow once its
 * queue passes the byte limit or the writer has finished nothing for longer than the time limit; the limits
 * bound the memory it can cost.
 *
 * <p>A resuming subscriber's replay (see {@link TopicBroker}) is written ahead of the queue, one frame at a time
 * as the socket takes them: a minute of missed messages may be more than the byte limit, but it is shared with
 * every other resuming subscriber and costs this session nothing until its next frame is written.
 */
final class SessionOutbox extends WebSocketSessionDecorator {

    private final Queue<WebSocketMessage<?>> queue = new ConcurrentLinkedQueue<>();
    private final Queue<Iterator<EncodedFrame>> replays = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Held by the one thread that hands frames to the writer, so that they reach it in order. */
    private final AtomicBoolean handing = new AtomicBoolean();
    /** Frames handed to the writer and not yet written. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FrameWriter writer;
    private final OutboxLimits limits;
    private final Closer closer;
    private final int lane;
    private final boolean binaryFrames;
    /** Since when the writer has had frames without finishing any: the oldest write's start, or the last completion. */
    private volatile long waitingSinceNanos;
    private volatile CloseStatus closeWhenDrained;

    SessionOutbox(WebSocketSession session, FrameWriter writer, OutboxLimits limits, Closer closer, int lane,
            boolean binaryFrames) {
        super(session);
        this.writer = writer;
        this.limits = limits;
        this.closer = closer;
        this.lane = lane;
        this.binaryFrames = binaryFrames;
    }

    /** The fan-out lane that delivers topic messages to this session, so they arrive in publish order. */
    int lane() {
        return lane;
    }

    /** Queues a frame encoded for many sessions, as this session's client wants it. */
    void send(EncodedFrame frame) {
        sendMessage(asWanted(frame));
    }

    private WebSocketMessage<?> asWanted(EncodedFrame frame) {
        return binaryFrames ? frame.binary() : frame.text();
    }

    /**
     * Writes frames ahead of everything queued, each taken from {@code frames} only when it is its turn. What is
     * queued already is of other subscriptions, so only this one's order matters: its next frames come after.
     */
    void sendFirst(Iterator<EncodedFrame> frames) {
        if (closed.get() || closeWhenDrained != null) {
            return;
        }
        replays.add(frames);
        flush();
    }

    /** Queues a frame and returns at once; the frame is written when the ones before it are. */
    @Override
    public void sendMessage(WebSocketMessage<?> message) {
        if (closed.get() || closeWhenDrained != null) {
            return;
        }
        if (queuedBytes.addAndGet(message.getPayloadLength()) > limits.bufferBytes() || writeOverdue()) {
            closeAsSlow();
            return;
        }
        queue.add(message);
        flush();
    }

    /**
     * Closes once what is already queued has been written (an ERROR frame before the close, for example). A
     * client that stopped reading never lets the queue drain: the closer drops it after a grace period.
     */
    @Override
    public void close(CloseStatus status) {
        boolean first = closeWhenDrained == null;
        closeWhenDrained = status;
        if (first) {
            closer.abortUnlessClosedInTime(getDelegate());
        }
        flush();
    }

    @Override
    public void close() {
        close(CloseStatus.NORMAL);
    }

    private boolean writeOverdue() {
        return inFlight.get() > 0 && System.nanoTime() - waitingSinceNanos > limits.timeNanos();
    }

    /**
     * Hands queued frames to the writer, up to its {@linkplain FrameWriter#maxInFlight() limit} of frames not
     * yet written. A writer may finish inline, inside {@code write}: its completion then finds the hand-off
     * held and returns, and the loop here carries on instead of recursing. Whoever releases the hand-off looks
     * again, so that a frame queued meanwhile by another thread is not left behind.
     */
    private void flush() {
        while (handing.compareAndSet(false, true)) {
            WebSocketMessage<?> next = null;
            while (inFlight.get() < writer.maxInFlight() && (next = next()) != null) {
                if (inFlight.getAndIncrement() == 0) {
                    waitingSinceNanos = System.nanoTime();
                }
                writer.write(next, this::written);
            }
            handing.set(false);
            boolean idle = inFlight.get() == 0;
            if (queue.isEmpty() && replays.isEmpty()) {
                if (idle) {
                    closeIfDrained();
                }
                return;
            }
            if (!idle && inFlight.get() >= writer.maxInFlight()) {
                // The writer is full: the next completion hands on.
                return;
            }
        }
    }

    /** The next frame to write: a replay's first, else the queue's. Only the thread that holds {@code handing} calls it. */
    private WebSocketMessage<?> next() {
        for (Iterator<EncodedFrame> replay = replays.peek(); replay != null; replay = replays.peek()) {
            if (replay.hasNext()) {
                return asWanted(replay.next());
            }
            replays.poll();
        }
        WebSocketMessage<?> next = queue.poll();
        if (next != null) {
            queuedBytes.addAndGet(-next.getPayloadLength());
        }
        return next;
    }

    private void written(Throwable failure) {
        if (failure != null) {
            if (closed.compareAndSet(false, true)) {
                queue.clear();
                replays.clear();
                closer.closeFailed(getDelegate(), failure);
            }
            return;
        }
        waitingSinceNanos = System.nanoTime();
        inFlight.decrementAndGet();
        flush();
    }

    private void closeIfDrained() {
        CloseStatus status = closeWhenDrained;
        if (status != null && closed.compareAndSet(false, true)) {
            closer.close(getDelegate(), status);
        }
    }

    private void closeAsSlow() {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            replays.clear();
            queuedBytes.set(0);
            closer.closeSlow(getDelegate());
        }
    }

    /** Drops the connection at once, without a closing handshake. */
    void abort() {
        writer.abort();
    }

    /** Whether the session is open and accepting frames; a closing outbox silently drops them. */
    @Override
    public boolean isOpen() {
        return !closed.get() && super.isOpen();
    }

    @Override
    public String toString() {
        return "SessionOutbox[" + getId() + ", " + queue.size() + " queued]";
    }

    /** Closing can block on a stuck socket, so it happens away from the threads that send. */
    interface Closer {

        void close(WebSocketSession session, CloseStatus status);

        void closeSlow(WebSocketSession session);

        void closeFailed(WebSocketSession session, Throwable failure);

        /** Drops the connection, without a closing handshake, if it is still open after a grace period. */
        void abortUnlessClosedInTime(WebSocketSession session);
    }
}
