package dev.foresight.runtime.link;

import dev.foresight.runtime.AssemblyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the TLS socket factory from PEM files: the CA to trust (absent: the system's trust
 * store) and, for certificate authentication, the client certificate and its PKCS#8 key. Problems
 * are one line naming the file and the fix.
 */
final class TlsFiles {

  private TlsFiles() {}

  static SSLSocketFactory socketFactory(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile)
      throws AssemblyException {
    try {
      TrustManagerFactory trust = null;
      if (caFile.isPresent()) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (Certificate c : certificates(caFile.get(), "telemetry.tls.ca_file")) store.setCertificateEntry("ca" + i++, c);
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
      }
      KeyManagerFactory keys = null;
      if (certFile.isPresent() && keyFile.isPresent()) {
        List<Certificate> chain = certificates(certFile.get(), "telemetry.tls.cert_file");
        PrivateKey key = privateKey(keyFile.get());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] none = new char[0];
        store.setKeyEntry("client", key, none, chain.toArray(Certificate[]::new));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, none);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys != null ? keys.getKeyManagers() : null, trust != null ? trust.getTrustManagers() : null, null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new AssemblyException("telemetry.tls: cannot set up TLS: " + e.getMessage());
    }
  }

  private static List<Certificate> certificates(Path file, String key) throws AssemblyException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) throw new AssemblyException(key + ": " + file + " holds no PEM certificate");
      return new ArrayList<>(certs);
    } catch (IOException e) {
      throw new AssemblyException(key + ": cannot read " + file + ": " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new AssemblyException(key + ": " + file + " is not a PEM certificate: " + e.getMessage());
    }
  }

  private static PrivateKey privateKey(Path file) throws AssemblyException {
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException e) {
      throw new AssemblyException("telemetry.tls.key_file: cannot read " + file + ": " + e.getMessage());
    }
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new AssemblyException("telemetry.tls.key_file: " + file + " is a traditional (PKCS#1/SEC1) key; "
          + "convert it to PKCS#8: openssl pkcs8 -topk8 -nocrypt -in " + file.getFileName() + " -out client.pk8.pem");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new AssemblyException("telemetry.tls.key_file: " + file + " holds no unencrypted PKCS#8 key "
          + "(-----BEGIN PRIVATE KEY-----)");
    }
    byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + 27, end));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new AssemblyException("telemetry.tls.key_file: " + file + " is not an RSA, EC or Ed25519 key");
  }
}
