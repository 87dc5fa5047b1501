package com.stockticker.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import com.stockticker.messaging.ConnectionRefusals;

/**
 * Puts authentication in front of the STOMP inbound channel. Ordered before the messaging configuration,
 * so that its interceptors run first: the principal is settled before anything else looks at it.
 */
@Configuration(proxyBeanMethods = false)
@Order(Ordered.HIGHEST_PRECEDENCE + 99)
class WebSocketSecurityConfig implements WebSocketMessageBrokerConfigurer {

    private final AuthenticationManager stompAuthenticationManager;
    private final ConnectionRefusals refusals;

    WebSocketSecurityConfig(AuthenticationManager stompAuthenticationManager, @Lazy ConnectionRefusals refusals) {
        this.stompAuthenticationManager = stompAuthenticationManager;
        this.refusals = refusals;
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(new StompAuthentication(stompAuthenticationManager, refusals),
                new BrowserCsrfInterceptor(refusals));
    }

    @Bean
    ClientAddress.Recorder clientAddressHandshakeInterceptor() {
        return new ClientAddress.Recorder();
    }

    @Bean
    SessionCsrfTokenHandshakeInterceptor csrfTokenHandshakeInterceptor() {
        return new SessionCsrfTokenHandshakeInterceptor();
    }
}
