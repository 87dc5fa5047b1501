package com.stockticker.security;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.messaging.web.csrf.XorCsrfChannelInterceptor;

import com.stockticker.messaging.ConnectionRefusals;
import com.stockticker.messaging.PipelineInterceptor;

/**
 * Requires the CSRF token on a STOMP CONNECT whose user comes from the browser's HTTP session (a cookie),
 * which is the only kind of credential another site's page could make a browser send. Clients that
 * authenticate with {@code login}/{@code passcode}, and anonymous ones, send no ambient credential, so
 * there is nothing to forge and no token to ask for; the origin check keeps foreign pages out besides.
 */
class BrowserCsrfInterceptor implements PipelineInterceptor {

    private final ChannelInterceptor csrf = new XorCsrfChannelInterceptor();
    private final ConnectionRefusals refusals;

    BrowserCsrfInterceptor(ConnectionRefusals refusals) {
        this.refusals = refusals;
    }

    @Override
    public Place place() {
        return Place.BROWSER_CSRF;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        boolean sessionAuthenticated = accessor != null && StompCommand.CONNECT.equals(accessor.getCommand())
                && accessor.getLogin() == null && accessor.getUser() instanceof Authentication;
        if (!sessionAuthenticated) {
            return message;
        }
        try {
            return csrf.preSend(message, channel);
        }
        catch (AccessDeniedException ex) {
            refusals.refuse(accessor.getSessionId(), "CSRF token missing or invalid: send the page's token in the "
                    + "CONNECT header it names, or log in with login and passcode");
            return null;
        }
    }
}
