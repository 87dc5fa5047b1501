package com.stockticker.delivery;

import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Everything sent to one WebSocket session passes through here: frames are queued and written one at a
 * time by a {@link FrameWriter} that never makes the sending thread wait for the client. Whoever sends (the
 * topic fan-out, Spring's outbound channel) only appends to the queue, so a client that stops reading holds
 * up nobody but itself. It is closed as too slow once its queue passes the byte limit or one write has been
 * pending longer than the time limit; the limits bound the memory it can cost.
 *
 * <p>A resuming subscriber's replay (see {@link TopicBroker}) is written ahead of the queue, one frame at a time
 * as the socket takes them: a minute of missed messages may be more than the byte limit, but it is shared with
 * every other resuming subscriber and costs this session nothing until its next frame is written.
 */
final class SessionOutbox extends WebSocketSessionDecorator {

    private final Queue<WebSocketMessage<?>> queue = new ConcurrentLinkedQueue<>();
    private final Queue<Iterator<EncodedFrame>> replays = new ConcurrentLinkedQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final FrameWriter writer;
    private final OutboxLimits limits;
    private final Closer closer;
    private final int lane;
    private final boolean binaryFrames;
    private volatile long writeStartedNanos;
    /** The thread inside {@code writer.write}, so that a completion on that same thread is known as inline. */
    private final AtomicReference<Thread> writingThread = new AtomicReference<>();
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
        return writing.get() && System.nanoTime() - writeStartedNanos > limits.timeNanos();
    }

    /**
     * Starts the next write unless one is in flight. A writer may finish inline, inside {@code write}; the
     * loop then carries on here instead of recursing from the completion callback.
     */
    private void flush() {
        while (writing.compareAndSet(false, true)) {
            WebSocketMessage<?> next = next();
            if (next == null) {
                writing.set(false);
                if (queue.isEmpty() && replays.isEmpty()) {
                    closeIfDrained();
                    return;
                }
                continue;
            }
            writeStartedNanos = System.nanoTime();
            Thread current = Thread.currentThread();
            writingThread.set(current);
            writer.write(next, this::written);
            // Another thread may have started the next write meanwhile: its mark stays.
            writingThread.compareAndSet(current, null);
            if (writing.get()) {
                return;
            }
        }
    }

    /** The next frame to write: a replay's first, else the queue's. Only the thread that holds {@code writing} calls it. */
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
        writing.set(false);
        if (writingThread.get() != Thread.currentThread()) {
            flush();
        }
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
