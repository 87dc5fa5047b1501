package com.stockticker.delivery;

import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.TextMessage;

/**
 * One STOMP frame, encoded once for every session it goes to. The text form costs a {@code String} (and the
 * container encodes it again per session); it is made only if some session reads text.
 */
final class EncodedFrame {

    private final byte[] bytes;
    private final BinaryMessage binary;
    private volatile TextMessage text;

    EncodedFrame(byte[] bytes) {
        this.bytes = bytes;
        this.binary = new BinaryMessage(bytes);
    }

    BinaryMessage binary() {
        return binary;
    }

    TextMessage text() {
        TextMessage message = text;
        if (message == null) {
            message = new TextMessage(bytes);
            text = message;
        }
        return message;
    }
}
