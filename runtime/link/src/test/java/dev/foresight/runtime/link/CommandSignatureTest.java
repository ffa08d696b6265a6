package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.OperatorKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The wire form of a command signature (docs/security.md): what other signers (a browser, openssl) produce verifies here. */
class CommandSignatureTest {

  /** Made outside Java: openssl dgst -sha256 -sign, its DER (r, s) rewritten as P1363 r||s, base64url. */
  static final String OPENSSL_PUB = """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE325VcCXjwPgVeYGIEE9zUevfVFnN
      9S/H4gIeNEOZqwoR4ESqoXCMBOn0mujRrlUKUgopzsqPCWrJg2HlZAxEhA==
      -----END PUBLIC KEY-----
      """;
  static final String OPENSSL_SIG = "mkiEFh-nwuvx75PHth2qEE-Ifyn3VHIJ3CINvj7QvSDey4OJh5DcjjG5B2mEXB-GXoo14U7vkWqGEfIcpFchsw";
  static final String TOPIC = "foresight/r1/cmd/arm";
  static final byte[] PAYLOAD = "{\"id\":\"v1\",\"expires_at\":1767225600000}".getBytes(StandardCharsets.UTF_8);

  @Test
  void signedBytesAreTheDomainTopicAndPayload() {
    assertThat(new String(CommandSignature.signedBytes(TOPIC, PAYLOAD), StandardCharsets.UTF_8))
        .isEqualTo("foresight-cmd-v1\nforesight/r1/cmd/arm\n{\"id\":\"v1\",\"expires_at\":1767225600000}");
  }

  @Test
  void verifiesASignatureMadeByOpenssl() throws Exception {
    PublicKey key = OperatorKeys.parsePublic(OPENSSL_PUB);
    assertThat(CommandSignature.verify(key, TOPIC, PAYLOAD, OPENSSL_SIG)).isTrue();
    assertThat(CommandSignature.verify(key, TOPIC, PAYLOAD, OPENSSL_SIG + "==")).as("padding tolerated").isTrue();
    assertThat(CommandSignature.verify(key, "foresight/r2/cmd/arm", PAYLOAD, OPENSSL_SIG)).isFalse();
    byte[] changed = PAYLOAD.clone();
    changed[changed.length - 2]++;
    assertThat(CommandSignature.verify(key, TOPIC, changed, OPENSSL_SIG)).isFalse();
  }

  @Test
  void signsInP1363FormOf64BytesWithoutPadding() {
    KeyPair pair = CommandSignature.generate();
    String sig = CommandSignature.sign(pair.getPrivate(), TOPIC, PAYLOAD);
    assertThat(sig).doesNotContain("=", "+", "/");
    assertThat(Base64.getUrlDecoder().decode(sig)).hasSize(64);
    assertThat(CommandSignature.verify(pair.getPublic(), TOPIC, PAYLOAD, sig)).isTrue();
    assertThat(CommandSignature.verify(CommandSignature.generate().getPublic(), TOPIC, PAYLOAD, sig)).isFalse();
  }

  @Test
  void malformedSignaturesAreFalseNotErrors() throws Exception {
    PublicKey key = OperatorKeys.parsePublic(OPENSSL_PUB);
    for (String bad : new String[] {"", "*", "AAAA", "A".repeat(86), "A".repeat(200), OPENSSL_SIG.substring(1)}) {
      assertThat(CommandSignature.verify(key, TOPIC, PAYLOAD, bad)).as(bad).isFalse();
    }
    // r = 0, s = 0 and r, s = the group order: never valid.
    assertThat(CommandSignature.verify(key, TOPIC, PAYLOAD, Base64.getUrlEncoder().withoutPadding()
        .encodeToString(new byte[64]))).isFalse();
  }
}
