package dev.foresight.config;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads operators' public keys: X.509 SubjectPublicKeyInfo PEM of an ECDSA P-256 key, the one
 * algorithm signed commands use (the browser's WebCrypto has it too). Used by config validation
 * and by the link that verifies the signatures.
 *
 * <pre>{@code
 * PublicKey alice = OperatorKeys.parsePublic(Files.readString(Path.of("alice.pub")));   // or throws
 * }</pre>
 */
public final class OperatorKeys {

  /** The order of the P-256 group: tells P-256 from every other curve. */
  private static final BigInteger P256_ORDER =
      new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";

  private OperatorKeys() {}

  /** Why a text is not an operator's public key; the message is one line ending in the fix. */
  public static final class NotAKey extends Exception {
    private static final long serialVersionUID = 1L;

    NotAKey(String message) {
      super(message, null, false, false);
    }
  }

  /** The P-256 public key in {@code pem}. */
  public static PublicKey parsePublic(String pem) throws NotAKey {
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      if (pem.contains("PRIVATE KEY")) {
        throw new NotAKey("is a private key; give the public key (foresight keys generate writes NAME.pub)");
      }
      throw new NotAKey("holds no public key (-----BEGIN PUBLIC KEY-----); write one with foresight keys generate "
          + "or openssl ec -in KEY -pubout");
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(pem.substring(begin + BEGIN.length(), end).replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new NotAKey("is not valid PEM (bad base64)");
    }
    PublicKey key;
    try {
      key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new NotAKey("is not an ECDSA P-256 public key; signed commands use P-256 (foresight keys generate)");
    }
    if (!(key instanceof ECPublicKey ec) || !ec.getParams().getOrder().equals(P256_ORDER)) {
      throw new NotAKey("is an EC key on another curve; signed commands use P-256 (foresight keys generate)");
    }
    return key;
  }

  /** The PEM text of a public key (X.509 SubjectPublicKeyInfo). */
  public static String pem(PublicKey key) {
    return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n" + END
        + "\n";
  }
}
