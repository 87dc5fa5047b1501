package com.stockticker.security;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationConverter;
import org.springframework.web.filter.OncePerRequestFilter;

import com.stockticker.security.ThrottledAuthentication.Outcome;

/**
 * Refuses an HTTP login that is backing off before Spring Security's filters see it, and late: after the wait
 * that remains, at most {@code ticker.login.refusal-delay}, without a thread held meanwhile. During a
 * password-guessing attack what slowed everyone else's logins was not the password checks (the back-off already
 * bounds them) but the flood of refused guesses, hundreds a second, each a trip through the HTTP stack and the
 * security filters. Answered late, each of the attacker's connections makes one guess a second at most.
 *
 * <p>{@link ThrottledAuthentication} still decides every login that gets through; this refuses earlier only what
 * it would refuse, with the same answer (429 with {@code Retry-After} for HTTP Basic, including a WebSocket
 * handshake, the {@code /login?throttled=} redirect for the form).
 */
final class ThrottledLoginFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ThrottledLoginFilter.class);

    private final LoginBackoff backoff;
    private final Duration refusalDelay;
    private final MeterRegistry meters;
    private final BasicAuthenticationConverter basic = new BasicAuthenticationConverter();
    private final AuthenticationEntryPoint basicRefusal = LoginFailures.basicEntryPoint();
    private final AuthenticationFailureHandler formRefusal = LoginFailures.formFailures();
    private final TaskScheduler refusals;

    /** @param refusals where the late answers to refused logins wait, without a thread held */
    ThrottledLoginFilter(LoginBackoff backoff, LoginProperties limits, MeterRegistry meters, TaskScheduler refusals) {
        this.backoff = backoff;
        this.refusalDelay = limits.refusalDelay();
        this.meters = meters;
        this.refusals = refusals;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Login login = login(request);
        Duration wait = login != null ? backoff.waitBefore(login.username(), request.getRemoteAddr()) : Duration.ZERO;
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        ThrottledAuthentication.count(meters, Outcome.THROTTLED);
        LoginThrottledException refusal = LoginThrottledException.backingOff(wait);
        Duration late = wait.compareTo(refusalDelay) < 0 ? wait : refusalDelay;
        if (late.isZero() || !request.isAsyncSupported()) {
            refuse(login, request, response, refusal);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        refusals.schedule(() -> {
            try {
                refuse(login, request, response, refusal);
            }
            catch (IOException | ServletException | RuntimeException ex) {
                log.debug("Could not answer a throttled login: {}", ex.toString());
            }
            finally {
                async.complete();
            }
        }, Instant.now().plus(late));
    }

    private void refuse(Login login, HttpServletRequest request, HttpServletResponse response, AuthenticationException refusal)
            throws IOException, ServletException {
        if (login.form()) {
            formRefusal.onAuthenticationFailure(request, response, refusal);
        }
        else {
            basicRefusal.commence(request, response, refusal);
        }
    }

    /** The user name a request logs in with: HTTP Basic anywhere, or the login form's POST; null for no login. */
    private Login login(HttpServletRequest request) {
        if (HttpMethod.POST.matches(request.getMethod()) && SecurityConfig.LOGIN_PAGE.equals(request.getServletPath())) {
            String username = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
            return new Login(username != null ? username : "", true);
        }
        try {
            UsernamePasswordAuthenticationToken credentials = basic.convert(request);
            return credentials != null ? new Login(credentials.getName(), false) : null;
        }
        catch (AuthenticationException malformed) {
            // A header that is not Basic credentials: Spring Security answers it as it always has.
            return null;
        }
    }

    private record Login(String username, boolean form) {
    }
}
