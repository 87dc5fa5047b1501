package com.stockticker.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;

/**
 * What the login form and HTTP Basic answer when a login fails: a throttled login is told so, and when to try
 * again (the form shows it; Basic gets 429 with {@code Retry-After}); any other failure is the usual one.
 */
final class LoginFailures {

    static final String REALM = "StockTicker";

    private LoginFailures() {
    }

    static AuthenticationFailureHandler formFailures() {
        SimpleUrlAuthenticationFailureHandler wrongPassword = new SimpleUrlAuthenticationFailureHandler("/login?error");
        return (request, response, failure) -> {
            if (failure instanceof LoginThrottledException throttled) {
                response.sendRedirect(request.getContextPath() + "/login?throttled=" + throttled.retryAfterSeconds());
            }
            else {
                wrongPassword.onAuthenticationFailure(request, response, failure);
            }
        };
    }

    static AuthenticationEntryPoint basicEntryPoint() {
        BasicAuthenticationEntryPoint challenge = new BasicAuthenticationEntryPoint();
        challenge.setRealmName(REALM);
        return (request, response, failure) -> {
            if (failure instanceof LoginThrottledException throttled) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(throttled.retryAfterSeconds()));
                response.sendError(HttpStatus.TOO_MANY_REQUESTS.value(), throttled.getMessage());
            }
            else {
                challenge.commence(request, response, failure);
            }
        };
    }
}
