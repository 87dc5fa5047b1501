package com.stockticker.cluster;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.AmqpReplyTimeoutException;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

/**
 * How an edge reads the core's answer: the answer itself, or the core's refusal as the
 * {@link RejectedMessageException} the core's code threw, so that the STOMP and REST error handlers see it as if
 * it had been thrown here. Every failure to get an answer (no RabbitMQ, no core, no answer in time) is
 * {@link ErrorCode#SERVICE_UNAVAILABLE}, which clients may retry.
 */
final class Replies {

    private Replies() {
    }

    static <T> T answer(Message reply, Function<Message, T> read) {
        String code = BackplaneMessages.header(reply, Backplane.ERROR_CODE);
        if (code != null) {
            throw new RejectedMessageException(errorCode(code), BackplaneMessages.header(reply, Backplane.ERROR_MESSAGE));
        }
        return read.apply(reply);
    }

    static RejectedMessageException failure(Throwable failure, Duration timeout) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RejectedMessageException rejected) {
            return rejected;
        }
        if (cause instanceof AmqpReplyTimeoutException || cause instanceof TimeoutException) {
            return unavailable("did not answer within " + timeout.toMillis() + " ms");
        }
        return unavailable("cannot be reached while RabbitMQ is unavailable");
    }

    static RejectedMessageException unavailable(String why) {
        return new RejectedMessageException(ErrorCode.SERVICE_UNAVAILABLE, "The trading core " + why + "; try again in a moment");
    }

    /** A code this edge does not know (a newer core) is still a refusal, not a failure to read it. */
    private static ErrorCode errorCode(String code) {
        try {
            return ErrorCode.valueOf(code);
        }
        catch (IllegalArgumentException ex) {
            return ErrorCode.INTERNAL_ERROR;
        }
    }
}
