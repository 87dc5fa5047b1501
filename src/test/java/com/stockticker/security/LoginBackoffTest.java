package com.stockticker.security;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.stockticker.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

class LoginBackoffTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final LoginBackoff backoff = new LoginBackoff(
            new LoginProperties(3, Duration.ofSeconds(1), Duration.ofSeconds(10), 1, Duration.ofSeconds(2), 1000, Duration.ofSeconds(1)), clock);

    @Test
    void theFirstFailuresAreFreeThenTheWaitDoublesUpToItsMaximum() {
        for (int i = 0; i < 3; i++) {
            assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isZero();
            backoff.failed("mallory", "10.0.0.1");
        }
        assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        backoff.failed("mallory", "10.0.0.1");
        assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        backoff.failed("mallory", "10.0.0.1");
        backoff.failed("mallory", "10.0.0.1");
        assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isEqualTo(Duration.ofSeconds(8));
        backoff.failed("mallory", "10.0.0.1");
        assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isEqualTo(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(4));
        assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isEqualTo(Duration.ofSeconds(6));
        clock.advance(Duration.ofSeconds(6));
        assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isZero();
    }

    @Test
    void aUserNameIsBlockedFromEveryAddressAndAnAddressForEveryUserName() {
        for (int i = 0; i < 4; i++) {
            backoff.failed("alice", "10.0.0.1");
        }
        assertThat(backoff.waitBefore("ALICE", "10.0.0.9")).as("the same user, whatever the case, elsewhere").isPositive();
        assertThat(backoff.waitBefore("bob", "10.0.0.1")).as("another user from the same address").isPositive();
        assertThat(backoff.waitBefore("bob", "10.0.0.9")).isZero();
    }

    @Test
    void aSuccessClearsTheUserNameButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            backoff.failed("alice", "10.0.0.1");
        }
        backoff.succeeded("alice");
        assertThat(backoff.waitBefore("alice", "10.0.0.9")).isZero();
        assertThat(backoff.waitBefore("alice", "10.0.0.1")).isPositive();
    }

    @Test
    void farBeyondTheFreeFailuresTheWaitStaysAtItsMaximum() {
        for (int i = 0; i < 100; i++) {
            backoff.failed("mallory", "10.0.0.1");
        }
        assertThat(backoff.waitBefore("mallory", "10.0.0.1")).isEqualTo(Duration.ofSeconds(10));
    }
}
