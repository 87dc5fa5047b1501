package com.stockticker.security;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The one password check behind the login form, HTTP Basic and STOMP CONNECT, with two limits in front of it.
 * A user name or remote address that failed too often waits ({@link LoginBackoff}), refused at once without
 * a password check; and only {@code concurrentChecks} password checks run at a time, so that a crowd of
 * logins, good or bad, cannot take every processor from the clients that are streaming.
 */
class ThrottledAuthentication implements AuthenticationProvider {

    /** Outcomes, as the {@code outcome} tag of {@code ticker_logins_total}. */
    enum Outcome {
        SUCCESS, FAILED, THROTTLED, BUSY
    }

    private final AuthenticationProvider passwords;
    private final LoginBackoff backoff;
    private final Semaphore checks;
    private final LoginProperties limits;
    private final MeterRegistry meters;

    ThrottledAuthentication(AuthenticationProvider passwords, LoginBackoff backoff, LoginProperties limits, MeterRegistry meters) {
        this.passwords = passwords;
        this.backoff = backoff;
        this.checks = new Semaphore(limits.checkPermits(), true);
        this.limits = limits;
        this.meters = meters;
    }

    @Override
    public Authentication authenticate(Authentication login) throws AuthenticationException {
        String username = login.getName();
        String address = address(login.getDetails());
        refuseWhileBackingOff(username, address);
        if (!acquireCheck()) {
            count(Outcome.BUSY);
            throw LoginThrottledException.busy(limits.checkQueueTime());
        }
        try {
            // Again: logins that queued for a check together would otherwise all be checked, however many of
            // those before them failed meanwhile. With one check at a time, exactly freeFailures are checked.
            refuseWhileBackingOff(username, address);
            Authentication user = passwords.authenticate(login);
            backoff.succeeded(username);
            count(Outcome.SUCCESS);
            return user;
        }
        catch (BadCredentialsException ex) {
            backoff.failed(username, address);
            count(Outcome.FAILED);
            throw ex;
        }
        finally {
            checks.release();
        }
    }

    private void refuseWhileBackingOff(String username, String address) {
        Duration wait = backoff.waitBefore(username, address);
        if (wait.compareTo(Duration.ZERO) > 0) {
            count(Outcome.THROTTLED);
            throw LoginThrottledException.backingOff(wait);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    private boolean acquireCheck() {
        try {
            return checks.tryAcquire(limits.checkQueueTime().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Where the login came from: the HTTP request's address, or the WebSocket's for STOMP CONNECT. */
    private static String address(Object details) {
        if (details instanceof WebAuthenticationDetails web) {
            return web.getRemoteAddress();
        }
        if (details instanceof ClientAddress client) {
            return client.value();
        }
        return "unknown";
    }

    private void count(Outcome outcome) {
        count(meters, outcome);
    }

    /** Counts a login's outcome in {@code ticker_logins_total}, wherever it was decided. */
    static void count(MeterRegistry meters, Outcome outcome) {
        meters.counter("ticker.logins", "outcome", outcome.name()).increment();
    }
}
