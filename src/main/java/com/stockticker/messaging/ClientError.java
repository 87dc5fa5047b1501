package com.stockticker.messaging;

import org.jspecify.annotations.Nullable;

import com.stockticker.errors.ErrorCode;

/**
 * Sent on {@code /user/queue/errors} when the server refuses a client message.
 *
 * @param destination the destination of the refused SEND or SUBSCRIBE; {@code null} if it had none
 */
public record ClientError(ErrorCode code, String message, @Nullable String destination) {
}
