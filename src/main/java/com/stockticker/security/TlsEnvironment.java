package com.stockticker.security;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A private key that does not belong to the server's certificate stops the start-up, as a missing file does.
 * <p>
 * HTTPS is Spring Boot's own: {@code server.ssl.bundle} names an SSL bundle, here usually a PEM one
 * ({@code spring.ssl.bundle.pem.NAME.keystore.certificate} and {@code .private-key}). Boot checks that the key
 * matches the certificate only when the bundle says {@code keystore.verify-keys=true}; without it a mismatched
 * pair starts a server whose every handshake fails ("bad signature"), while readiness says UP. So for the bundle
 * the server uses, this makes {@code verify-keys} default to {@code true}, with the lowest precedence: an
 * explicit setting still wins. Boot then reads both files at start-up and names the bundle in any failure.
 */
class TlsEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        if (!binder.bind("server.ssl.enabled", Boolean.class).orElse(true)) {
            return;
        }
        binder.bind("server.ssl.bundle", String.class).ifBound(bundle -> {
            String keystore = "spring.ssl.bundle.pem." + bundle + ".keystore";
            // Only a PEM bundle has the setting: a key under spring.ssl.bundle.pem.NAME would otherwise create a
            // second bundle of that name next to a JKS one.
            if (binder.bind(keystore + ".certificate", String.class).isBound()) {
                environment.getPropertySources().addLast(
                        new MapPropertySource("tickerTls", Map.of(keystore + ".verify-keys", "true")));
            }
        });
    }
}
