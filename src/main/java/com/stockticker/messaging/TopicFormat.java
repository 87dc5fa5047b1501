package com.stockticker.messaging;

import com.stockticker.errors.ErrorCode;

/**
 * A format, other than the default, that a topic's messages come in for subscribers that ask for it with
 * {@code format:{name}} on their SUBSCRIBE; the publisher makes it once per message (see {@link MessageFormats}).
 * A SUBSCRIBE that asks for a format its destination has not is refused with {@link ErrorCode#INVALID_HEADER}.
 * The feature that makes the format declares it as a bean.
 *
 * @param destination the topic
 * @param name the value of the {@value MessageFormats#HEADER} header that asks for it
 */
public record TopicFormat(String destination, String name) {
}
