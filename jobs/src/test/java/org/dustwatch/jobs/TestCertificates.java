package org.dustwatch.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A private certificate authority and a server certificate for 127.0.0.1 that it signed, made with
 * the JDK's keytool, as PEM files for influxd, a Kafka listener and the clients that trust the CA.
 */
record TestCertificates(Path caPem, Path serverCertificate, Path serverKey) {
    private static final String PASS = "test-only";

    static TestCertificates create(Path dir) throws Exception {
        Path ca = dir.resolve("ca.p12");
        Path server = dir.resolve("server.p12");
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "ca",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=dustwatch test CA",
                "-ext",
                "bc:c",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASS);
        keytool(
                dir,
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                server.toString(),
                "-storepass",
                PASS);
        keytool(
                dir,
                "-certreq",
                "-alias",
                "server",
                "-keystore",
                server.toString(),
                "-storepass",
                PASS,
                "-file",
                dir.resolve("server.csr").toString());
        Path serverPem = dir.resolve("server.pem");
        keytool(
                dir,
                "-gencert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASS,
                "-infile",
                dir.resolve("server.csr").toString(),
                "-outfile",
                serverPem.toString(),
                "-rfc",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2");
        Path caPem = dir.resolve("ca.pem");
        keytool(
                dir,
                "-exportcert",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-storepass",
                PASS,
                "-rfc",
                "-file",
                caPem.toString());

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(server)) {
            store.load(in, PASS.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", PASS.toCharArray());
        Path keyPem = dir.resolve("server.key");
        Files.writeString(
                keyPem,
                "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes())
                                .encodeToString(key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n");
        return new TestCertificates(caPem, serverPem, keyPem);
    }

    /**
     * The server's private key and certificate chain in one PEM file, the form a Kafka listener
     * takes with {@code ssl.keystore.type=PEM}.
     */
    Path keyStorePem() throws IOException {
        Path file = serverKey.resolveSibling("server-keystore.pem");
        Files.writeString(
                file,
                Files.readString(serverKey)
                        + Files.readString(serverCertificate)
                        + Files.readString(caPem));
        return file;
    }

    /** A TLS context that trusts only this CA. */
    SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
            trust.setCertificateEntry("ca", ca);
        }
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p =
                new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + out);
        }
    }
}
