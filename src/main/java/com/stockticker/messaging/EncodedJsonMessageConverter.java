package com.stockticker.messaging;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.converter.AbstractMessageConverter;
import org.springframework.util.MimeTypeUtils;

/**
 * Sends an {@link EncodedJson} body as its bytes, with the same {@code content-type} as the JSON converter gives
 * any other object: a client cannot tell which of the two made the frame. Ahead of Spring's default converters,
 * which would otherwise write the record itself as JSON.
 */
class EncodedJsonMessageConverter extends AbstractMessageConverter {

    EncodedJsonMessageConverter() {
        super(MimeTypeUtils.APPLICATION_JSON);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == EncodedJson.class;
    }

    /** Only ever sent: nothing a client sends is read as one. */
    @Override
    protected boolean canConvertFrom(Message<?> message, Class<?> targetClass) {
        return false;
    }

    @Override
    protected Object convertToInternal(Object payload, MessageHeaders headers, Object conversionHint) {
        return ((EncodedJson) payload).bytes();
    }
}
