package com.stockticker.messaging;

/**
 * Sent on {@code /user/queue/errors} when the server refuses a client message.
 *
 * @param destination the destination of the refused SEND or SUBSCRIBE
 */
public record ClientError(ErrorCode code, String message, String destination) {
}
