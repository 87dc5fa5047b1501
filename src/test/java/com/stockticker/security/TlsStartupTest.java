package com.stockticker.security;

import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import com.stockticker.StockTickerApplication;
import com.stockticker.support.SelfSignedCertificate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A certificate the server cannot use stops the start-up, with a message that names the file or the bundle. */
class TlsStartupTest {

    private static SelfSignedCertificate server;
    private static SelfSignedCertificate other;

    @BeforeAll
    static void makeCertificates(@TempDir Path directory) throws Exception {
        server = SelfSignedCertificate.create(directory, "server");
        other = SelfSignedCertificate.create(directory, "other");
    }

    @Test
    void aMissingCertificateFile() {
        Path missing = server.certificate().resolveSibling("missing.crt");

        assertThatThrownBy(() -> start("--spring.ssl.bundle.pem.web.keystore.certificate=" + missing,
                "--spring.ssl.bundle.pem.web.keystore.private-key=" + server.privateKey(), "--server.ssl.bundle=web"))
                .hasStackTraceContaining("Error reading certificate or key from file '" + missing + "'")
                .rootCause().isInstanceOf(FileNotFoundException.class).hasMessage(missing.toString());
    }

    @Test
    void aPrivateKeyThatIsNotAKey() {
        assertThatThrownBy(() -> start("--spring.ssl.bundle.pem.web.keystore.certificate=" + server.certificate(),
                "--spring.ssl.bundle.pem.web.keystore.private-key=" + server.certificate(), "--server.ssl.bundle=web"))
                .hasStackTraceContaining("Unable to register SSL bundle 'web'")
                .hasStackTraceContaining("Missing private key or unrecognized format");
    }

    /** Spring Boot alone would start, and fail every handshake: TlsEnvironment has it check the pair. */
    @Test
    void aPrivateKeyOfAnotherCertificate() {
        assertThatThrownBy(() -> start("--spring.ssl.bundle.pem.web.keystore.certificate=" + server.certificate(),
                "--spring.ssl.bundle.pem.web.keystore.private-key=" + other.privateKey(), "--server.ssl.bundle=web"))
                .hasStackTraceContaining("Unable to register SSL bundle 'web'")
                .hasStackTraceContaining("Private key in keystore matches none of the certificates in the chain");
    }

    @Test
    void aBundleThatDoesNotExist() {
        assertThatThrownBy(() -> start("--spring.ssl.bundle.pem.web.keystore.certificate=" + server.certificate(),
                "--spring.ssl.bundle.pem.web.keystore.private-key=" + server.privateKey(), "--server.ssl.bundle=wbe"))
                .hasStackTraceContaining("SSL bundle name 'wbe' cannot be found");
    }

    /** The container's environment variables, as README.md spells them, reach the same checks. */
    @Test
    void theContainersEnvironmentVariables() {
        Map<String, Object> variables = new LinkedHashMap<>(System.getenv());
        variables.put("SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_CERTIFICATE", server.certificate().toString());
        variables.put("SPRING_SSL_BUNDLE_PEM_WEB_KEYSTORE_PRIVATEKEY", other.privateKey().toString());
        variables.put("SERVER_SSL_BUNDLE", "web");
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));

        assertThatThrownBy(() -> new SpringApplicationBuilder(StockTickerApplication.class).profiles("test").environment(environment)
                .run("--server.port=0").close())
                .hasStackTraceContaining("Unable to register SSL bundle 'web'")
                .hasStackTraceContaining("Private key in keystore matches none of the certificates in the chain");
    }

    private static void start(String... arguments) {
        String[] all = new String[arguments.length + 1];
        all[0] = "--server.port=0";
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        new SpringApplicationBuilder(StockTickerApplication.class).profiles("test").run(all).close();
    }
}
