package com.stockticker.security;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How logins are throttled ({@code ticker.login.*}): the login form, HTTP Basic and STOMP CONNECT all go
 * through one check, so an attacker meets the same limits on every door.
 *
 * @param freeFailures failed logins of a user name, or from a remote address, after which it must wait
 * @param firstBackoff the wait after the {@code freeFailures}-th failure; it doubles with every further failure
 * @param maxBackoff the longest wait; failures are forgotten once a user name or address has been quiet for
 *     twice this long
 * @param concurrentChecks password checks (bcrypt, about 70 ms of CPU each) that may run at once; 0 for
 *     half the processors, at least one. The rest of the server keeps the other processors whatever arrives
 * @param checkQueueTime how long a login may wait for a password check before it is refused as busy
 * @param trackedKeys user names and addresses whose failures are remembered, at most; the least recently
 *     seen are forgotten first, so a flood of made-up names costs bounded memory
 * @param refusalDelay how long an HTTP login that must wait is kept waiting for its refusal (at most the wait that
 *     remains; 0 to answer at once), without a thread held: each of a guessing client's connections makes one
 *     guess this often at most
 */
@ConfigurationProperties("ticker.login")
@Validated
public record LoginProperties(
        @DefaultValue("5") @Positive int freeFailures,
        @DefaultValue("1s") @NotNull Duration firstBackoff,
        @DefaultValue("5m") @NotNull Duration maxBackoff,
        @DefaultValue("0") @PositiveOrZero int concurrentChecks,
        @DefaultValue("2s") @NotNull Duration checkQueueTime,
        @DefaultValue("100000") @Positive int trackedKeys,
        @DefaultValue("1s") @NotNull Duration refusalDelay) {

    @AssertTrue(message = "ticker.login.first-backoff must be positive and at most ticker.login.max-backoff")
    public boolean isBackoffInRange() {
        return firstBackoff == null || maxBackoff == null
                || (firstBackoff.compareTo(Duration.ZERO) > 0 && firstBackoff.compareTo(maxBackoff) <= 0);
    }

    @AssertTrue(message = "ticker.login.check-queue-time must not be negative")
    public boolean isCheckQueueTimeValid() {
        return checkQueueTime == null || !checkQueueTime.isNegative();
    }

    @AssertTrue(message = "ticker.login.refusal-delay must not be negative")
    public boolean isRefusalDelayValid() {
        return refusalDelay == null || !refusalDelay.isNegative();
    }

    /** The number of password checks allowed at once. */
    public int checkPermits() {
        return concurrentChecks > 0 ? concurrentChecks : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}
