package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.LoadedConfig;
import dev.foresight.models.control.Controllers;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.safety.Mode;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandDecoderTest {

  static final long NOW = 1_800_000_000_000L;
  static final Command.Reply REPLY = new Command.Reply("foresight/r/cmd/ack", null);
  static final LoadedConfig CARTPOLE = TestConfigs.example("cartpole-sim.yaml");
  static final CommandDecoder LQR = new CommandDecoder(CARTPOLE.config(),
      Controllers.create(CARTPOLE.config(), 0.02));

  static Command decode(String name, String json) throws CommandDecoder.Rejected {
    return LQR.decode(name, json.getBytes(StandardCharsets.UTF_8), NOW, REPLY);
  }

  static String valid(String fields) {
    return "{\"id\":\"c1\",\"expires_at\":" + (NOW + 1000) + (fields.isEmpty() ? "" : "," + fields) + "}";
  }

  @Test
  void decodesEachCommand() throws Exception {
    long at = NOW + 1000;
    assertThat(decode("arm", valid(""))).isEqualTo(new Command.Arm("c1", at, REPLY));
    assertThat(decode("arm", valid("")).kind()).isEqualTo(Command.Kind.ARM);
    assertThat(decode("disarm", valid(""))).isEqualTo(new Command.Disarm("c1", at, REPLY));
    assertThat(decode("reset", valid(""))).isEqualTo(new Command.Reset("c1", at, REPLY));
    assertThat(decode("estop", valid("\"reason\":\"hand in the way\"")))
        .isEqualTo(new Command.Estop("c1", at, "hand in the way", REPLY));
    assertThat(decode("estop", valid(""))).isEqualTo(new Command.Estop("c1", at, "", REPLY));
    assertThat(decode("mode", valid("\"mode\":\"disarmed\""))).isEqualTo(new Command.SetMode("c1", at, Mode.DISARMED, REPLY));
    Command sp = decode("setpoint", valid("\"values\":{\"x\":-1.5,\"theta\":0.2}"));
    assertThat(sp).isEqualTo(new Command.Setpoint("c1", at, new int[] {0, 2}, new double[] {-1.5, 0.2}, REPLY));
    assertThat(sp).isInstanceOfSatisfying(Command.Setpoint.class, s -> {
      assertThat(s.indices()).containsExactly(0, 2);
      assertThat(s.values()).containsExactly(-1.5, 0.2);
    });
  }

  static Stream<Arguments> rejections() {
    String ok = valid("");
    return Stream.of(
        Arguments.of("arm", "not json", "payload is not valid JSON"),
        Arguments.of("arm", "", "payload is empty; send a JSON object with id and expires_at"),
        Arguments.of("arm", "[1,2]", "payload must be a JSON object"),
        Arguments.of("arm", "{\"expires_at\":" + (NOW + 1000) + "}", "missing field 'id'"),
        Arguments.of("arm", "{\"id\":7,\"expires_at\":" + (NOW + 1000) + "}", "id must be a string of 1 to 64"),
        Arguments.of("arm", "{\"id\":\"a b\",\"expires_at\":" + (NOW + 1000) + "}", "id must be a string"),
        Arguments.of("arm", "{\"id\":\"c1\"}", "missing field 'expires_at'"),
        Arguments.of("arm", "{\"id\":\"c1\",\"expires_at\":\"soon\"}", "expires_at must be an integer"),
        Arguments.of("arm", "{\"id\":\"c1\",\"expires_at\":1.5e12}", "expires_at must be an integer"),
        Arguments.of("arm", "{\"id\":\"c1\",\"expires_at\":" + (NOW - 1001) + "}", "expired 1001 ms ago"),
        Arguments.of("arm", "{\"id\":\"c1\",\"expires_at\":" + (NOW + 3_600_000) + "}", "3600 s ahead"),
        Arguments.of("arm", valid("\"force\":1"), "unknown field 'force' for arm (fields: id, expires_at)"),
        Arguments.of("arm", ok + " {}", "payload is not valid JSON"),
        Arguments.of("arm", "{\"id\":\"c1\",\"id\":\"c2\",\"expires_at\":" + (NOW + 1000) + "}", "Duplicate Object property \"id\""),
        Arguments.of("jump", ok, "unknown command 'jump' (commands: arm, disarm, estop, reset, mode, setpoint, param)"),
        Arguments.of("mode", valid("\"mode\":3"), "mode must be a string"),
        Arguments.of("mode", valid("\"mode\":\"turbo\""), "unknown mode 'turbo'"),
        Arguments.of("mode", valid(""), "missing field 'mode'"),
        Arguments.of("setpoint", valid(""), "missing field 'values'"),
        Arguments.of("setpoint", valid("\"values\":{}"), "values must be a non-empty object"),
        Arguments.of("setpoint", valid("\"values\":{\"x\":\"1\"}"), "values.x must be a number"),
        Arguments.of("setpoint", valid("\"values\":{\"x\":1e999}"), "values.x must be a finite number"),
        Arguments.of("setpoint", valid("\"values\":{\"x\":2.5}"), "values.x: 2.5 is out of range [-2.4, 2.4]"),
        Arguments.of("setpoint", valid("\"values\":{\"theta\":4}"), "values.theta: 4.0 is out of range"),
        Arguments.of("setpoint", valid("\"values\":{\"z\":0}"), "values.z: no such state variable (state: x, x_dot, theta, theta_dot)"),
        Arguments.of("param", valid("\"name\":\"k\",\"value\":1"), "controller lqr has no parameter 'k' (it has none)"),
        Arguments.of("estop", valid("\"reason\":5"), "reason must be text"));
  }

  @ParameterizedTest
  @MethodSource("rejections")
  void rejectsWithAReason(String name, String json, String reason) {
    assertThatThrownBy(() -> decode(name, json)).isInstanceOf(CommandDecoder.Rejected.class).hasMessageContaining(reason);
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] bad = valid("\"reason\":\"xx\"").getBytes(StandardCharsets.UTF_8);
    int at = new String(bad, StandardCharsets.UTF_8).indexOf("xx");
    bad[at] = (byte) 0xC3;   // a lead byte followed by ASCII
    assertThatThrownBy(() -> LQR.decode("estop", bad, NOW, REPLY)).hasMessage("payload is not valid UTF-8");
  }

  @Test
  void rejectsOversizePayloadsBeforeReadingThem() {
    byte[] big = new byte[CommandDecoder.MAX_PAYLOAD_BYTES + 1];
    assertThatThrownBy(() -> LQR.decode("arm", big, NOW, REPLY)).hasMessage("payload is 4097 bytes; commands are at most 4096");
  }

  @Test
  void keepsTheIdOfARejectedCommandForItsAcknowledgement() {
    assertThatThrownBy(() -> decode("arm", valid("\"x\":1")))
        .isInstanceOfSatisfying(CommandDecoder.Rejected.class, r -> assertThat(r.id()).isEqualTo("c1"));
  }
}
