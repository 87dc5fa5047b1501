package com.stockticker.security;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;

import com.stockticker.messaging.ConnectionRefusals;
import com.stockticker.messaging.PipelineInterceptor;

/**
 * Authenticates a STOMP CONNECT that carries the standard {@code login} and {@code passcode} headers, the
 * way non-browser clients log in. A failure is an ERROR frame saying only "authentication failed" and a
 * close: whether the user exists is nobody's business. A CONNECT without {@code login} keeps the principal
 * of its HTTP session, if any, or becomes anonymous. A login refused by the throttle (see
 * {@link ThrottledAuthentication}) is told when it may try again.
 */
class StompAuthenticationInterceptor implements PipelineInterceptor {

    static final String FAILED = "authentication failed";
    /** Followed by the seconds to wait. */
    static final String THROTTLED = "login throttled (too many failed or concurrent logins); retry after ";

    private final AuthenticationManager authentication;
    private final ConnectionRefusals refusals;

    StompAuthenticationInterceptor(AuthenticationManager authentication, ConnectionRefusals refusals) {
        this.authentication = authentication;
        this.refusals = refusals;
    }

    @Override
    public Place place() {
        return Place.LOGIN;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (accessor == null || !StompCommand.CONNECT.equals(accessor.getCommand()) || accessor.getLogin() == null) {
            return message;
        }
        String passcode = accessor.getPasscode();
        try {
            UsernamePasswordAuthenticationToken login =
                    UsernamePasswordAuthenticationToken.unauthenticated(accessor.getLogin(), passcode != null ? passcode : "");
            login.setDetails(ClientAddress.of(accessor.getSessionAttributes()));
            accessor.setUser(authentication.authenticate(login));
            return message;
        }
        catch (LoginThrottledException ex) {
            refusals.refuse(accessor.getSessionId(), THROTTLED + ex.retryAfterSeconds() + " s");
            return null;
        }
        catch (AuthenticationException ex) {
            refusals.refuse(accessor.getSessionId(), FAILED);
            return null;
        }
    }
}
