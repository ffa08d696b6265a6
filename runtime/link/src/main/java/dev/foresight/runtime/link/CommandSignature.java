package dev.foresight.runtime.link;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;

/**
 * The signature of an operator command (the shared wire form of robots, {@code foresight monitor}
 * and the dashboard): ECDSA P-256 with SHA-256 in IEEE P1363 form ({@code r||s}, 64 bytes, what
 * the browser's WebCrypto produces), base64url without padding, over the UTF-8 bytes of
 * {@code "foresight-cmd-v1\n" + topic + "\n" + payload}. It travels as the MQTT 5 user properties
 * {@code fs-key} (the key's id) and {@code fs-sig}. The payload's own {@code id} and
 * {@code expires_at} are inside the signed bytes, so neither can be changed without the key.
 *
 * <pre>{@code
 * String sig = CommandSignature.sign(privateKey, "foresight/r1/cmd/arm", payload);
 * boolean ok = CommandSignature.verify(publicKey, "foresight/r1/cmd/arm", payload, sig);
 * }</pre>
 */
public final class CommandSignature {

  /** The user property naming the operator key. */
  public static final String KEY_PROPERTY = "fs-key";
  /** The user property holding the signature. */
  public static final String SIG_PROPERTY = "fs-sig";
  /** The JDK's name for ECDSA P-256 / SHA-256 with P1363 (r||s) signatures. */
  static final String ALGORITHM = "SHA256withECDSAinP1363Format";
  /** P1363 signature length for P-256: r and s, 32 bytes each. */
  static final int SIGNATURE_BYTES = 64;

  private static final byte[] DOMAIN = "foresight-cmd-v1\n".getBytes(StandardCharsets.UTF_8);

  private CommandSignature() {}

  /** The bytes a signature covers. */
  public static byte[] signedBytes(String topic, byte[] payload) {
    byte[] t = topic.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[DOMAIN.length + t.length + 1 + payload.length];
    System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
    System.arraycopy(t, 0, out, DOMAIN.length, t.length);
    out[DOMAIN.length + t.length] = '\n';
    System.arraycopy(payload, 0, out, DOMAIN.length + t.length + 1, payload.length);
    return out;
  }

  /** The {@code fs-sig} value for a message on {@code topic} with {@code payload}. */
  public static String sign(PrivateKey key, String topic, byte[] payload) {
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initSign(key);
      s.update(signedBytes(topic, payload));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot sign with this key (an ECDSA P-256 private key is needed): "
          + e.getMessage(), e);
    }
  }

  /** The user properties of a signed message: {@code fs-key} and {@code fs-sig}. */
  public static List<MqttTransport.Property> properties(String keyId, PrivateKey key, String topic, byte[] payload) {
    return List.of(new MqttTransport.Property(KEY_PROPERTY, keyId),
        new MqttTransport.Property(SIG_PROPERTY, sign(key, topic, payload)));
  }

  /**
   * Whether {@code signature} (base64url P1363) is {@code key}'s over {@code topic} and {@code payload}.
   * Anything malformed is simply false.
   */
  public static boolean verify(PublicKey key, String topic, byte[] payload, String signature) {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (raw.length != SIGNATURE_BYTES) return false;
    try {
      Signature s = Signature.getInstance(ALGORITHM);
      s.initVerify(key);
      s.update(signedBytes(topic, payload));
      return s.verify(raw);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** The PKCS#8 PEM text of a private key ({@code -----BEGIN PRIVATE KEY-----}). */
  public static String pem(PrivateKey key) {
    return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
        .encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n";
  }

  /**
   * The P-256 private key in PKCS#8 PEM text; a wrong file is an {@link IllegalArgumentException}
   * whose message says what it is instead and the fix.
   */
  public static PrivateKey privateKey(String pem) {
    if (pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException("is a traditional (SEC1) EC key; convert it to PKCS#8: openssl pkcs8 -topk8 "
          + "-nocrypt -in KEY -out KEY.pk8");
    }
    if (pem.contains("BEGIN PUBLIC KEY")) {
      throw new IllegalArgumentException("is a public key; --key takes the private key (NAME.key)");
    }
    int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = pem.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("holds no unencrypted PKCS#8 key (-----BEGIN PRIVATE KEY-----); make one "
          + "with foresight keys generate");
    }
    try {
      byte[] der = Base64.getDecoder().decode(pem.substring(begin + 27, end).replaceAll("\\s", ""));
      PrivateKey key = java.security.KeyFactory.getInstance("EC")
          .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
      if (!(key instanceof java.security.interfaces.ECPrivateKey ec) || ec.getParams().getCurve().getField()
          .getFieldSize() != 256) {
        throw new IllegalArgumentException("is not a P-256 key; signed commands use P-256 (foresight keys generate)");
      }
      return key;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("is not a P-256")) throw (IllegalArgumentException) e;
      throw new IllegalArgumentException("is not an ECDSA P-256 private key; signed commands use P-256 (foresight "
          + "keys generate)");
    }
  }

  /** A new P-256 key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no ECDSA P-256", e);
    }
  }
}
