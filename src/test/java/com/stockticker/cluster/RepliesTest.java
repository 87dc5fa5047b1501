package com.stockticker.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.core.AmqpReplyTimeoutException;

import com.stockticker.errors.ErrorCode;
import com.stockticker.errors.RejectedMessageException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How an edge reads the core's answer, and what the client hears when there is none. */
class RepliesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final BackplaneMessages messages = new BackplaneMessages(JsonMapper.builder().build());

    @Test
    void anAnswerIsItsBody() {
        JsonNode answer = Replies.answer(messages.write(Map.of("seq", 7), Map.of()), reply -> messages.read(reply, JsonNode.class));
        assertThat(answer.get("seq").asLong()).isEqualTo(7);
        JsonNode nothing = Replies.answer(messages.write(null, Map.of()), reply -> messages.read(reply, JsonNode.class));
        assertThat(nothing).isNull();
    }

    @Test
    void aRefusalIsThrownAsTheCoreThrewIt() {
        assertThatThrownBy(() -> Replies.answer(messages.write(null, Map.of(Backplane.ERROR_CODE, "ORDER_NOT_OPEN",
                Backplane.ERROR_MESSAGE, "Order O-1 is FILLED")), reply -> "ignored"))
                .isInstanceOfSatisfying(RejectedMessageException.class, refusal -> {
                    assertThat(refusal.getCode()).isEqualTo(ErrorCode.ORDER_NOT_OPEN);
                    assertThat(refusal.getMessage()).isEqualTo("Order O-1 is FILLED");
                });
        // A code this edge does not know yet, from a newer core.
        assertThatThrownBy(() -> Replies.answer(messages.write(null, Map.of(Backplane.ERROR_CODE, "SOMETHING_NEW",
                Backplane.ERROR_MESSAGE, "new")), reply -> "ignored"))
                .isInstanceOfSatisfying(RejectedMessageException.class, refusal -> assertThat(refusal.getCode()).isEqualTo(ErrorCode.INTERNAL_ERROR));
    }

    @Test
    void noAnswerInTimeIsServiceUnavailable() {
        for (Throwable timeout : new Throwable[] { new AmqpReplyTimeoutException("late", null),
                new CompletionException(new TimeoutException()), new ExecutionException(new AmqpReplyTimeoutException("late", null)) }) {
            RejectedMessageException refusal = Replies.failure(timeout, TIMEOUT);
            assertThat(refusal.getCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(refusal.getMessage()).contains("did not answer within 5000 ms");
        }
    }

    @Test
    void noRabbitMqIsServiceUnavailable() {
        RejectedMessageException refusal = Replies.failure(new CompletionException(new AmqpConnectException(new java.net.ConnectException())), TIMEOUT);
        assertThat(refusal.getCode()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(refusal.getMessage()).contains("RabbitMQ is unavailable");
    }

    @Test
    void aRefusalThatFailedTheFutureStaysItself() {
        RejectedMessageException original = new RejectedMessageException(ErrorCode.RATE_LIMITED, "slow down");
        assertThat(Replies.failure(new CompletionException(original), TIMEOUT)).isSameAs(original);
    }
}
