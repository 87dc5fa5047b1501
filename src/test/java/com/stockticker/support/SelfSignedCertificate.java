package com.stockticker.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} and its private key, in two PEM files as
 * an operator mounts them ({@code NAME.crt}, {@code NAME.key}). The JDK's own {@code keytool} makes the key pair
 * (no library needed); the files are written from its keystore.
 */
public record SelfSignedCertificate(Path certificate, Path privateKey, X509Certificate x509) {

    private static final char[] STORE_PASSWORD = "transient".toCharArray();
    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    public static SelfSignedCertificate create(Path directory, String name) throws IOException, InterruptedException {
        Path keystore = directory.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "tls", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", new String(STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(1, TimeUnit.MINUTES) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        try {
            KeyStore store = KeyStore.getInstance(keystore.toFile(), STORE_PASSWORD);
            X509Certificate x509 = (X509Certificate) store.getCertificate("tls");
            Path certificate = Files.writeString(directory.resolve(name + ".crt"), pem("CERTIFICATE", x509.getEncoded()));
            // PKCS#8, "BEGIN PRIVATE KEY": what openssl writes today, and what Spring Boot and Node read.
            Path privateKey = Files.writeString(directory.resolve(name + ".key"),
                    pem("PRIVATE KEY", store.getKey("tls", STORE_PASSWORD).getEncoded()));
            return new SelfSignedCertificate(certificate, privateKey, x509);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
        finally {
            Files.delete(keystore);
        }
    }

    /** The settings that serve HTTPS with this certificate, as README.md, "TLS", shows them. */
    public List<String> serverProperties() {
        return List.of("spring.ssl.bundle.pem.web.keystore.certificate=" + certificate,
                "spring.ssl.bundle.pem.web.keystore.private-key=" + privateKey, "server.ssl.bundle=web");
    }

    /** Trust in this certificate alone, as a client that was given the PEM file has it. */
    public SslBundle trust() throws IOException {
        return trust(Files.readString(certificate));
    }

    /** Trust in every certificate of some PEM text. */
    public static SslBundle trust(String pemCertificates) {
        return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificates(pemCertificates)));
    }

    /** The base64 SHA-256 of the certificate's public key (its SubjectPublicKeyInfo), as Chromium pins keys. */
    public String publicKeyPin() throws GeneralSecurityException {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(x509.getPublicKey().getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
