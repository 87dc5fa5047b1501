package com.stockticker.messaging;

import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConverter;

/**
 * A message body converted to JSON already, to be sent as it is: what many clients are sent alike is converted
 * once, not once for each of them (see {@link EncodedJsonMessageConverter}).
 *
 * @param bytes the UTF-8 JSON; never changed once made
 */
public record EncodedJson(byte[] bytes) {

    /** {@code body} as JSON, converted by {@code converter} (the application's) as any other message body is. */
    public static EncodedJson of(MessageConverter converter, Object body) {
        Message<?> message = converter.toMessage(body, null);
        if (message == null || !(message.getPayload() instanceof byte[] json)) {
            throw new IllegalStateException("No conversion to JSON bytes for " + body);
        }
        return new EncodedJson(json);
    }
}
