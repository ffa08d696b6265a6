package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Coverage-guided fuzzing (Jazzer) of a command as it arrives: topic name, payload and MQTT 5 user
 * properties through the signature check and the strict decoder. Property: a clean result or a
 * one-line reason, never another exception; nothing unsigned or wrongly signed passes, a genuine
 * signature always does; nothing expired or out of range becomes a command.
 *
 * <p>Plain {@code mvn verify} runs the committed inputs in {@code src/test/resources/dev/foresight/
 * runtime/link/CommandInputFuzzTestInputs/commandsAreCheckedThenDecodedOrRefusedWithAReason/}
 * (regression mode). With {@code JAZZER_FUZZ=1} and {@code -Dtest=CommandInputFuzzTest} it fuzzes for {@code maxDuration}
 * (Jazzer fuzzes one test per JVM, hence one per class); a finding is written to that folder: fix the code and commit the input with it.
 */
class CommandInputFuzzTest {

  static final long NOW = CommandDecoderTest.NOW;
  static final String ROOT = "foresight/r/cmd/";
  /** A fresh key pair per run; the fuzzer's genuine case signs whatever payload it made with it. */
  static final KeyPair ALICE = CommandSignature.generate();
  static final List<String> NAMES = List.of("arm", "disarm", "estop", "reset", "mode", "setpoint", "param");
  static final CommandAuth AUTH = new CommandAuth(Map.of("alice", ALICE.getPublic()), true, Optional.empty(), 4096);

  @FuzzTest(maxDuration = "30s")
  void commandsAreCheckedThenDecodedOrRefusedWithAReason(FuzzedDataProvider data) {
    String name = data.consumeBoolean() ? NAMES.get(data.consumeInt(0, NAMES.size() - 1)) : data.consumeString(16);
    String topic = ROOT + name;
    int mode = data.consumeInt(0, 3);
    List<MqttTransport.Property> properties = new ArrayList<>();
    for (int i = data.consumeInt(0, 3); i > 0; i--) {
      properties.add(new MqttTransport.Property(data.consumeBoolean() ? "fs-key" : data.consumeString(8),
          data.consumeString(100)));
    }
    byte[] payload = data.consumeRemainingAsBytes();
    boolean genuine = mode == 0;
    if (genuine) properties = CommandSignature.properties("alice", ALICE.getPrivate(), topic, payload);

    CommandAuth.Verdict v = AUTH.check(topic, payload, properties);
    if (v.refusal() != null) {
      assertThat(genuine).as("a genuine signature is never refused").isFalse();
      oneLine(v.refusal());
      return;
    }
    assertThat(v.keyId()).as("only alice's signature passes").isEqualTo("alice");
    try {
      Command c = CommandDecoderTest.LQR.decode(name, payload, NOW, CommandDecoderTest.REPLY);
      assertThat(CommandDecoderFuzzTest.safe(c)).as("accepted only safe commands").isTrue();
      assertThat(c.kind().id()).isEqualTo(name);
    } catch (CommandDecoder.Rejected r) {
      oneLine(r.getMessage());
    }
  }

  static void oneLine(String reason) {
    assertThat(reason).isNotBlank().doesNotContain("\n", "Exception", "dev.foresight");
    assertThat(reason.length()).isLessThan(400);
  }
}
