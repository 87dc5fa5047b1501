package com.stockticker.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Remembers failed logins per user name and per remote address and says how long either must wait before
 * its next try: nothing until it has failed {@code freeFailures} times, then {@code firstBackoff}, doubling with
 * each further failure up to {@code maxBackoff}. A success clears the user name's failures, not the address's:
 * otherwise an attacker with one account of its own could clear its address between guesses at others.
 */
final class LoginBackoff {

    private final LoginProperties limits;
    private final Clock clock;
    private final Cache<String, Failures> byUser;
    private final Cache<String, Failures> byAddress;

    LoginBackoff(LoginProperties limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.byUser = failures(limits);
        this.byAddress = failures(limits);
    }

    private static Cache<String, Failures> failures(LoginProperties limits) {
        return Caffeine.newBuilder().maximumSize(limits.trackedKeys())
                .expireAfterAccess(limits.maxBackoff().multipliedBy(2)).build();
    }

    /** How long a login of {@code username} from {@code address} must still wait; zero if it may try now. */
    Duration waitBefore(String username, String address) {
        Instant now = clock.instant();
        return longer(remaining(byUser.getIfPresent(key(username)), now), remaining(byAddress.getIfPresent(address), now));
    }

    void failed(String username, String address) {
        Instant now = clock.instant();
        byUser.asMap().merge(key(username), Failures.first(now, limits), (old, ignored) -> old.next(now, limits));
        byAddress.asMap().merge(address, Failures.first(now, limits), (old, ignored) -> old.next(now, limits));
    }

    void succeeded(String username) {
        byUser.invalidate(key(username));
    }

    /** Spring's in-memory users are found whatever the case of the name: so are their failures. */
    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }

    private static Duration remaining(Failures failures, Instant now) {
        return failures == null || !failures.blockedUntil().isAfter(now) ? Duration.ZERO : Duration.between(now, failures.blockedUntil());
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** @param blockedUntil no login before this instant */
    private record Failures(int count, Instant blockedUntil) {

        static Failures first(Instant now, LoginProperties limits) {
            return new Failures(0, now).next(now, limits);
        }

        Failures next(Instant now, LoginProperties limits) {
            int failures = count + 1;
            int doublings = failures - limits.freeFailures();
            if (doublings < 0) {
                return new Failures(failures, blockedUntil);
            }
            // 2^doublings first back-offs, without overflowing once far beyond the maximum.
            Duration backoff = doublings > 30 ? limits.maxBackoff() : limits.firstBackoff().multipliedBy(1L << doublings);
            if (backoff.compareTo(limits.maxBackoff()) > 0) {
                backoff = limits.maxBackoff();
            }
            return new Failures(failures, now.plus(backoff));
        }
    }
}
