package com.stockticker.messaging;

import java.util.Map;

import org.springframework.lang.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;

/**
 * Other encodings of one topic message, each made once for every subscriber that asked for it with the
 * {@value #HEADER} header on its SUBSCRIBE (see {@link TopicFormat}). It travels as a header of the Spring message,
 * never on the wire: a subscriber that asked for nothing gets the message's own payload, as always.
 *
 * @param payloads the payload in each format, by the format's name
 */
public record MessageFormats(Map<String, byte[]> payloads) {

    /** SUBSCRIBE header: the format a subscriber wants the topic's messages in. */
    public static final String HEADER = "format";

    private static final String KEY = MessageFormats.class.getName();

    public MessageFormats {
        payloads = Map.copyOf(payloads);
    }

    /** The payload in {@code format}; {@code null} if the message has none in it. */
    @Nullable
    public byte[] payload(String format) {
        return payloads.get(format);
    }

    /** Marks the message being built with these formats. */
    public void addTo(SimpMessageHeaderAccessor headers) {
        headers.setHeader(KEY, this);
    }

    /** The formats a message was marked with, or {@code null}. */
    @Nullable
    public static MessageFormats of(Message<?> message) {
        return message.getHeaders().get(KEY, MessageFormats.class);
    }
}
