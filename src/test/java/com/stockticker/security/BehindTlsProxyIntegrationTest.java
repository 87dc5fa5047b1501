package com.stockticker.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS ended at a reverse proxy (README.md, "TLS"): the proxy talks plain HTTP to the service and says in
 * {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} what the browser asked for. With
 * {@code server.forward-headers-strategy}, {@code native} (Jetty reads the headers) or {@code framework} (Spring's
 * {@code ForwardedHeaderFilter}), the service sees the browser's https address: the WebSocket origin check admits the
 * dashboard's own page and HSTS is sent (and with {@code native} the session cookie is Secure). Without the scheme,
 * the same page is refused.
 */
class BehindTlsProxyIntegrationTest {

    private static final String SITE = "ticker.example.com";
    private static final String PAGE_ORIGIN = "https://" + SITE;
    private static final Map<String, ServiceInstance> SERVICES = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        for (String strategy : List.of("native", "framework")) {
            SERVICES.put(strategy, ServiceInstance.start(List.of("server.forward-headers-strategy=" + strategy)));
        }
    }

    @AfterAll
    static void stop() {
        SERVICES.values().forEach(ServiceInstance::close);
    }

    @ParameterizedTest
    @ValueSource(strings = { "native", "framework" })
    void theDashboardsOwnPageConnectsThroughTheProxy(String strategy) {
        try (StompClient browser = StompClient.open(ws(strategy),
                Map.of("Origin", PAGE_ORIGIN, "X-Forwarded-Proto", "https", "X-Forwarded-Host", SITE))) {
            browser.send("CONNECT", Map.of("accept-version", "1.2", "host", SITE), "");
            browser.await(frame -> frame.command().equals("CONNECTED"));
        }
    }

    /** A proxy that passes the host but not the scheme: the service sees http://ticker.example.com, the page is https. */
    @ParameterizedTest
    @ValueSource(strings = { "native", "framework" })
    void withoutTheSchemeTheSamePageIsRefused(String strategy) {
        assertThatThrownBy(() -> StompClient.open(ws(strategy), Map.of("Origin", PAGE_ORIGIN, "X-Forwarded-Host", SITE)))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class)
                .extracting(handshake -> ((WebSocketHandshakeException) handshake).getResponse().statusCode()).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = { "native", "framework" })
    void strictTransportSecurityIsSent(String strategy) throws Exception {
        assertThat(loginPage(strategy).headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
    }

    /**
     * Jetty marks the session cookie Secure when its own request is secure: with {@code native}, not with
     * {@code framework}, whose filter changes only what Spring sees (README.md says to set
     * {@code server.servlet.session.cookie.secure=true} with it).
     */
    @ParameterizedTest
    @CsvSource({ "native, true", "framework, false" })
    void theSessionCookieIsSecureWithTheNativeStrategy(String strategy, boolean secure) throws Exception {
        assertThat(loginPage(strategy).headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement().asString().matches(cookie -> cookie.contains("; Secure") == secure);
    }

    /** The login page, where a browser's session begins (it keeps the CSRF token), as the proxy forwards it. */
    private static HttpResponse<String> loginPage(String strategy) throws Exception {
        HttpResponse<String> login = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + SERVICES.get(strategy).port() + "/login"))
                        .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", SITE).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(200);
        return login;
    }

    private static URI ws(String strategy) {
        return URI.create("ws://127.0.0.1:" + SERVICES.get(strategy).port() + "/ws");
    }
}
