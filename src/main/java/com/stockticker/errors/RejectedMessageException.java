package com.stockticker.errors;

/**
 * Thrown to refuse a client's message with one of the {@link ErrorCode#errors() error codes}: the STOMP side answers
 * it on {@code /user/queue/errors}, the REST API with a problem detail.
 */
public class RejectedMessageException extends RuntimeException {

    private final ErrorCode code;

    public RejectedMessageException(ErrorCode code, String message) {
        super(message);
        if (!code.isError()) {
            throw new IllegalArgumentException(code + " is an order's reject reason, not an error code");
        }
        this.code = code;
    }

    public ErrorCode getCode() {
        return code;
    }
}
