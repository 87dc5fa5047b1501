package com.stockticker.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.SslBundle;

import com.stockticker.support.SelfSignedCertificate;
import com.stockticker.support.ServiceInstance;
import com.stockticker.support.StompClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A certificate renewed on disk is served without a restart ({@code reload-on-update}, {@link CertificateReload}):
 * new connections get it, and a client connected before keeps streaming.
 */
class CertificateReloadIntegrationTest {

    @Test
    void newConnectionsGetTheRenewedCertificateAndOpenOnesKeepStreaming(@TempDir Path directory) throws Exception {
        SelfSignedCertificate first = SelfSignedCertificate.create(directory, "server");
        SelfSignedCertificate renewed = SelfSignedCertificate.create(Files.createDirectory(directory.resolve("renewed")), "server");
        SslBundle trustingBoth = SelfSignedCertificate.trust(Files.readString(first.certificate()) + Files.readString(renewed.certificate()));
        List<String> properties = new ArrayList<>(first.serverProperties());
        properties.add("spring.ssl.bundle.pem.web.reload-on-update=true");
        // Boot waits for the files to be quiet this long before it reloads (10 s by default).
        properties.add("spring.ssl.bundle.watch.file.quiet-period=100ms");

        try (ServiceInstance service = ServiceInstance.start(properties);
                StompClient open = StompClient.connect(HttpClient.newBuilder().sslContext(trustingBoth.createSslContext()).build(),
                        URI.create("wss://localhost:" + service.port() + "/ws"), Map.of())) {
            assertThat(servedCertificate(trustingBoth, service.port())).isEqualTo(first.x509());
            String prices = open.subscribeWithReceipt("/topic/prices");

            // As a renewal tool replaces them: each file at once, the key first.
            Files.move(renewed.privateKey(), first.privateKey(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(renewed.certificate(), first.certificate(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(Duration.ofMinutes(1)).until(() -> servedCertificate(trustingBoth, service.port()).equals(renewed.x509()));
            int before = open.messages(prices).size();
            open.awaitMessages(prices, before + 3);
        }
    }

    /** The certificate the server presents to a new connection (a new SSL context each time: no session is resumed). */
    private static X509Certificate servedCertificate(SslBundle trust, int port) throws Exception {
        try (SSLSocket socket = (SSLSocket) trust.createSslContext().getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
