package com.stockticker.messaging;

/**
 * A format, other than the default, that a topic's messages come in for subscribers that ask for it with
 * {@code format:{name}} on their SUBSCRIBE; the publisher makes it once per message (see {@link MessageFormats}).
 * A SUBSCRIBE that asks for a format its destination has not is refused with {@link ErrorCode#INVALID_HEADER}.
 */
public interface TopicFormat {

    String destination();

    /** The value of the {@value MessageFormats#HEADER} header that asks for it. */
    String name();
}
