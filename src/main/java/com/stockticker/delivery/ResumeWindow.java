package com.stockticker.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;

import com.stockticker.messaging.ResumableTopic;
import com.stockticker.messaging.ResumeRequest;
import com.stockticker.messaging.StreamPosition;

/**
 * The messages of one {@link ResumableTopic} published in its last {@linkplain ResumableTopic#window() window}, one
 * {@code seq} after another, for subscribers that come back. A message out of line (a gap in the sequence, another
 * market, no position at all) starts the window again from it: what the window holds is only ever a complete run.
 * The caller serializes access: the broker holds the window's lock while it keeps, looks up and fans out.
 */
final class ResumeWindow {

    private final ResumableTopic topic;
    private final Clock clock;
    private final Deque<Kept> kept = new ArrayDeque<>();
    /** The stream and seq of the last message kept; they outlive the messages themselves when no more come. */
    private String stream;
    private long lastSeq;

    ResumeWindow(ResumableTopic topic, Clock clock) {
        this.topic = topic;
        this.clock = clock;
    }

    ResumableTopic topic() {
        return topic;
    }

    void keep(Message<?> message, byte[] payload, String messageId) {
        Instant now = clock.instant();
        StreamPosition position = StreamPosition.of(message);
        if (position == null || position.stream() == null) {
            kept.clear();
            stream = null;
            return;
        }
        if (!position.stream().equals(stream) || position.seq() != lastSeq + 1) {
            kept.clear();
        }
        stream = position.stream();
        lastSeq = position.seq();
        kept.addLast(new Kept(position.seq(), message, payload, messageId, now));
        Instant oldest = now.minus(topic.window());
        while (!kept.isEmpty() && kept.getFirst().at().isBefore(oldest)) {
            kept.removeFirst();
        }
    }

    /**
     * The messages a subscriber missed: every one after {@code request.after()}, oldest first (none if it missed
     * nothing).
     *
     * @return {@code null} if the window cannot tell them all: another market, or a position it does not reach
     */
    @Nullable
    List<Kept> missedBy(ResumeRequest request) {
        if (stream == null || !stream.equals(request.market()) || request.after() > lastSeq) {
            return null;
        }
        long firstKept = kept.isEmpty() ? lastSeq + 1 : kept.getFirst().seq();
        if (request.after() < firstKept - 1) {
            return null;
        }
        return kept.stream().filter(message -> message.seq() > request.after()).toList();
    }

    /** A message as it was published, with the id it went out with, so that it goes out again byte for byte. */
    record Kept(long seq, Message<?> message, byte[] payload, String messageId, Instant at) {
    }
}
