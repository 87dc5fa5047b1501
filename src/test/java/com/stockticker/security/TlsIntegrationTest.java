package com.stockticker.security;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.stockticker.support.DashboardPage;
import com.stockticker.support.HeadlessChromium;
import com.stockticker.support.NodeExample;
import com.stockticker.support.NodeExample.Result;
import com.stockticker.support.SelfSignedCertificate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service on HTTPS with a certificate made for the test, as README.md, "TLS", configures it: a PEM certificate
 * and key through a Spring Boot SSL bundle, and the actuator on a management port of its own in plain HTTP, as the
 * container's health check needs it (Spring Boot would otherwise serve TLS there too). Clients trust that certificate and nothing else: the Node example, the JDK's HTTP client and
 * Chromium. Plain HTTP and {@code ws://} on the TLS port get nothing but a TLS alert.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.server.port=0", "management.server.ssl.enabled=false" })
@ActiveProfiles("test")
// No other class shares this server: close it afterwards rather than keep its market ticking through the suite.
@DirtiesContext
class TlsIntegrationTest {

    private static SelfSignedCertificate certificate;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @BeforeAll
    static void makeTheCertificate(@TempDir Path directory) throws Exception {
        certificate = SelfSignedCertificate.create(directory, "server");
    }

    @DynamicPropertySource
    static void serveHttps(DynamicPropertyRegistry registry) {
        for (String property : certificate.serverProperties()) {
            String[] keyAndValue = property.split("=", 2);
            registry.add(keyAndValue[0], () -> keyAndValue[1]);
        }
    }

    @Test
    void theNodeExampleStreamsOverWssTrustingTheCertificate() throws Exception {
        NodeExample.install();
        String url = "wss://127.0.0.1:" + port + "/ws";

        Result result = NodeExample.node(Map.of("NODE_EXTRA_CA_CERTS", certificate.certificate().toString()), "quotes.mjs", url, "3");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("connected to " + url);
        assertThat(result.output()).containsPattern("snapshot seq \\d+ \\S+: 20 quotes");
        assertThat(result.output().lines().filter(line -> line.startsWith("tick "))).hasSize(3);
    }

    /**
     * No STOMP connection without trust in the certificate, and none in plain {@code ws://} on the TLS port: the
     * answer to its HTTP request is a TLS alert, which is no HTTP at all.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "wss | self-signed certificate", "ws | Parse Error: Expected HTTP/" })
    void theNodeExampleGetsNoConnection(String scheme, String because) throws Exception {
        NodeExample.install();
        String url = scheme + "://127.0.0.1:" + port + "/ws";

        Result result = NodeExample.node(Map.of(), "quotes.mjs", url, "1");

        assertThat(result.exitCode()).as(result.output()).isEqualTo(1);
        assertThat(result.output()).contains("error: cannot connect to " + url + ": " + because).doesNotContain("connected to");
    }

    /**
     * What a plain-text client gets on the TLS port, byte for byte: Jetty answers with a single TLS record, a fatal
     * alert, and closes the connection. No HTTP status line, so no 200 and no WebSocket upgrade.
     */
    @ParameterizedTest
    @ValueSource(strings = {
            "GET /api/quotes/AAPL HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: v12.stomp\r\n\r\n" })
    void plainHttpOnTheTlsPortGetsATlsAlertAndAClose(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // A bound on a failure only: the server answers and closes at once.
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));

            byte[] answer = socket.getInputStream().readAllBytes();

            assertThat(answer).as("one TLS record: content type alert (21), TLS 1.x, length 2, level fatal (2), a description")
                    .hasSize(7);
            assertThat(new byte[] { answer[0], answer[1], answer[3], answer[4], answer[5] }).containsExactly(21, 3, 0, 2, 2);
        }
    }

    @Test
    void restAnswersOverHttpsWithStrictTransportSecurity() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(certificate.trust().createSslContext()).build();

        HttpResponse<String> quote = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/quotes/AAPL")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(quote.statusCode()).isEqualTo(200);
        assertThat(quote.body()).contains("\"symbol\":\"AAPL\"");
        // Spring Security's default on a secure request: browsers that trusted the certificate then use https for this host.
        assertThat(quote.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000 ; includeSubDomains");
    }

    @Test
    void theSessionCookieIsSecure() throws Exception {
        HttpClient https = HttpClient.newBuilder().sslContext(certificate.trust().createSslContext()).build();

        // The login page keeps its CSRF token in the session, so it is where a browser's session begins.
        HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().allValues("Set-Cookie")).filteredOn(cookie -> cookie.startsWith("JSESSIONID="))
                .singleElement().asString().contains("; Secure").contains("; HttpOnly").contains("; SameSite=Lax");
    }

    /**
     * The container's HEALTHCHECK speaks plain HTTP: with TLS on the main port it asks the management port, which the
     * image keeps in plain HTTP ({@code MANAGEMENT_SERVER_SSL_ENABLED=false}).
     */
    @Test
    void theManagementPortStaysPlainHttp() throws Exception {
        HttpResponse<String> readiness = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
    }

    /**
     * The dashboard served over https streams and trades over wss (its script takes the page's scheme). Chromium trusts
     * exactly this certificate's key ({@code --ignore-certificate-errors-spki-list}), not any certificate.
     */
    @Test
    void theDashboardStreamsAndTradesOverWss() throws Exception {
        try (HeadlessChromium chromium = HeadlessChromium.start(1440, 1000, HeadlessChromium.ENGLISH,
                List.of("--ignore-certificate-errors-spki-list=" + certificate.publicKeyPin()))) {
            WebDriverWait wait = chromium.waiting(Duration.ofSeconds(15));
            String base = "https://localhost:" + port;
            // WebSocket only: a SockJS fallback must not hide a failed wss:// connection.
            chromium.load(base + "/?transport=websocket", wait);

            DashboardPage dashboard = new DashboardPage(chromium, wait, base);
            dashboard.awaitLive();
            var page = chromium.driver();
            assertThat(page.findElement(By.id("status")).getDomAttribute("data-transport")).isEqualTo("WebSocket");
            long seq = Long.parseLong(page.findElement(By.id("board")).getDomAttribute("data-seq"));
            wait.until(driver -> Long.parseLong(driver.findElement(By.id("board")).getDomAttribute("data-seq")) > seq + 3);

            // Logged in through the form (a Secure session cookie), the page's trading session connects with its CSRF token.
            dashboard.logIn("alice", "alice-demo");
            dashboard.awaitLive();
            assertThat(page.findElement(By.id("user-name")).getText()).isEqualTo("alice");
            dashboard.placeOrder("AAPL", "5");
            wait.until(driver -> chromium.text("#positions tbody tr[data-symbol=AAPL]"));
            assertThat(page.executeScript("return location.protocol")).isEqualTo("https:");
            chromium.screenshot("tls-dashboard");
        }
    }
}
