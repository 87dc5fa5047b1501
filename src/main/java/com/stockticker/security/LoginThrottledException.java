package com.stockticker.security;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login refused before its password was checked: the user name or the address failed too often lately, or
 * too many password checks are running already. It says when to try again, never whether the user exists.
 */
public class LoginThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    private LoginThrottledException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** The user name or the address failed too often lately, and must wait {@code wait} more. */
    static LoginThrottledException backingOff(Duration wait) {
        return new LoginThrottledException("Too many failed logins; try again later", wait);
    }

    /** No password check was free within {@code queued}. */
    static LoginThrottledException busy(Duration queued) {
        return new LoginThrottledException("Too many logins at once; try again in a moment", queued);
    }

    /** Whole seconds to wait before the next try, at least one. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
