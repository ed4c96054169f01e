package org.dustwatch.connectors.influxdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** TLS that trusts the certificate authorities of one PEM file instead of the JVM's defaults. */
record Tls(SSLContext context, X509TrustManager trustManager) {

    static Tls trusting(String pemFile) {
        try (InputStream in = Files.newInputStream(Path.of(pemFile))) {
            Collection<? extends Certificate> cas =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (cas.isEmpty()) {
                throw new IllegalArgumentException("no certificate in CA file " + pemFile);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate ca : cas) {
                store.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory tmf =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
            return new Tls(ctx, tm);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read CA file " + pemFile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "CA file " + pemFile + " holds no usable certificate: " + e.getMessage(), e);
        }
    }
}
