package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.KeyPair;
import java.util.Base64;

/**
 * Coverage-guided fuzzing (Jazzer) of the signature verifier with {@code fs-sig} values of any shape:
 * false, never an exception, and never true for what alice did not sign.
 *
 * <p>Plain {@code mvn verify} runs the committed inputs in {@code src/test/resources/dev/foresight/
 * runtime/link/SignatureFuzzTestInputs/signaturesOfAnyShapeAreFalseNotErrors/}
 * (regression mode). With {@code JAZZER_FUZZ=1} and {@code -Dtest=SignatureFuzzTest} it fuzzes for {@code maxDuration}
 * (Jazzer fuzzes one test per JVM, hence one per class); a finding is written to that folder: fix the code and commit the input with it.
 */
class SignatureFuzzTest {

  static final String ROOT = "foresight/r/cmd/";
  /** A fresh key pair per run: no input can hold its signature. */
  static final KeyPair ALICE = CommandSignature.generate();

  @FuzzTest(maxDuration = "15s")
  void signaturesOfAnyShapeAreFalseNotErrors(FuzzedDataProvider data) {
    boolean fromGenuine = data.consumeBoolean();
    int flip = data.consumeInt(0, 63);
    String sig = fromGenuine ? "" : data.consumeString(200);
    byte[] payload = data.consumeRemainingAsBytes();
    if (fromGenuine) {
      // A genuine signature with one byte changed.
      byte[] raw = Base64.getUrlDecoder().decode(CommandSignature.sign(ALICE.getPrivate(), ROOT + "arm", payload));
      raw[flip] ^= (byte) (1 + flip);
      sig = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
    assertThat(CommandSignature.verify(ALICE.getPublic(), ROOT + "arm", payload, sig))
        .as("nothing but alice's own signature verifies").isFalse();
  }
}
