package com.stockticker.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;

import com.stockticker.messaging.ConnectionRefusals;

/**
 * Security's part of the STOMP pipeline: authentication and CSRF on CONNECT, and what the handshake hands them. The
 * messaging package's {@code StompPipeline} puts each where it goes.
 */
@Configuration(proxyBeanMethods = false)
class WebSocketSecurityConfig {

    @Bean
    StompAuthenticationInterceptor stompAuthenticationInterceptor(AuthenticationManager stompAuthenticationManager,
            ConnectionRefusals refusals) {
        return new StompAuthenticationInterceptor(stompAuthenticationManager, refusals);
    }

    @Bean
    BrowserCsrfInterceptor browserCsrfInterceptor(ConnectionRefusals refusals) {
        return new BrowserCsrfInterceptor(refusals);
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
