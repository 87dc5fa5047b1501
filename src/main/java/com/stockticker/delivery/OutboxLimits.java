package com.stockticker.delivery;

import com.stockticker.messaging.WebSocketProperties;

/**
 * When a session is too slow to keep: more than {@code bufferBytes} waiting for it, or one write pending
 * for more than {@code timeNanos}.
 */
record OutboxLimits(long bufferBytes, long timeNanos) {

    static OutboxLimits from(WebSocketProperties properties) {
        return new OutboxLimits(properties.sendBufferSizeLimit().toBytes(), properties.sendTimeLimit().toNanos());
    }
}
