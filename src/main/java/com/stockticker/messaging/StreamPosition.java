package com.stockticker.messaging;

import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

/**
 * Where a message of a {@link ResumableTopic} stands: its {@code seq} in a stream (a market) in which every
 * message is numbered one more than the one before. It travels as a header of the Spring message, never on the
 * wire, so that the frames clients get stay as they are.
 */
public record StreamPosition(String stream, long seq) {

    private static final String HEADER = StreamPosition.class.getName();

    /** Marks the message being built with this position. */
    public void addTo(SimpMessageHeaderAccessor headers) {
        headers.setHeader(HEADER, this);
    }

    /** The position a message was marked with, or {@code null}. */
    @Nullable
    public static StreamPosition of(Message<?> message) {
        return message.getHeaders().get(HEADER, StreamPosition.class);
    }
}
