package com.stockticker.messaging;

/** Thrown by a message handler to refuse a client message with a documented error code. */
public class RejectedMessageException extends RuntimeException {

    private final ErrorCode code;

    public RejectedMessageException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode getCode() {
        return code;
    }
}
