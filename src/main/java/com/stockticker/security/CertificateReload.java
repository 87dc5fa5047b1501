package com.stockticker.security;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslStoreBundle;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A renewed certificate is served without a restart. With {@code spring.ssl.bundle.pem.NAME.reload-on-update=true}
 * Spring Boot watches the bundle's files and reloads the bundle when they change, and hands the new one to Tomcat and
 * Netty, but not to Jetty: Boot 4.1 registers no update handler for Jetty, and only logs "SSL bundle 'NAME' has been
 * updated but may be in use by a technology that doesn't support SSL reloading". This registers one for the server's
 * bundle, which hands the new key and certificate to Jetty's own {@link SslContextFactory#reload}: new connections get
 * the new certificate, open ones keep theirs, as Boot does for Tomcat. Remove it once Boot does this for Jetty.
 */
@Configuration(proxyBeanMethods = false)
class CertificateReload {

    private static final Log log = LogFactory.getLog(CertificateReload.class);

    @Bean
    WebServerFactoryCustomizer<JettyServletWebServerFactory> jettyCertificateReload(SslBundles bundles) {
        // A server customizer runs once the connectors exist, and so after Boot has made the TLS one.
        return factory -> factory.addServerCustomizers(server -> {
            Ssl ssl = factory.getSsl();
            if (!Ssl.isEnabled(ssl) || ssl.getBundle() == null) {
                return;
            }
            for (Connector connector : server.getConnectors()) {
                SslConnectionFactory tls = connector.getConnectionFactory(SslConnectionFactory.class);
                if (tls != null) {
                    bundles.addBundleUpdateHandler(ssl.getBundle(), bundle -> reload(ssl.getBundle(), tls.getSslContextFactory(), bundle));
                }
            }
        });
    }

    private static void reload(String name, SslContextFactory.Server jetty, SslBundle bundle) {
        try {
            // Read before Jetty lets its current key go: files that cannot be read leave the served certificate as it is.
            SslStoreBundle stores = bundle.getStores();
            KeyStore keyStore = stores.getKeyStore();
            KeyStore trustStore = stores.getTrustStore();
            jetty.reload(factory -> {
                factory.setKeyStore(keyStore);
                factory.setTrustStore(trustStore);
                if (stores.getKeyStorePassword() != null) {
                    factory.setKeyStorePassword(stores.getKeyStorePassword());
                }
                if (bundle.getKey().getPassword() != null) {
                    factory.setKeyManagerPassword(bundle.getKey().getPassword());
                }
            });
            log.info("TLS: new connections get the renewed certificate of SSL bundle '" + name + "': " + describe(keyStore));
        }
        catch (Exception ex) {
            log.error("TLS: could not take the renewed certificate of SSL bundle '" + name
                    + "'; new connections get the previous one, or none if Jetty had let it go", ex);
        }
    }

    private static String describe(KeyStore keyStore) throws GeneralSecurityException {
        for (String alias : Collections.list(keyStore.aliases())) {
            if (keyStore.getCertificate(alias) instanceof X509Certificate certificate) {
                return certificate.getSubjectX500Principal().getName() + ", valid until " + certificate.getNotAfter().toInstant();
            }
        }
        return "no certificate";
    }
}
