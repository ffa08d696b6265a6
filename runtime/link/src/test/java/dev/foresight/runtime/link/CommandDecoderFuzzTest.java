package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.StateVariable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based fuzzing of the command decoder: whatever arrives, it either returns a command
 * that is safe to execute or rejects with a reason; it never throws anything else and never lets
 * an out-of-range or expired value through.
 */
class CommandDecoderFuzzTest {

  static final long NOW = CommandDecoderTest.NOW;
  static final List<String> NAMES = List.of("arm", "disarm", "estop", "reset", "mode", "setpoint", "param", "nope", "");

  static boolean safe(Command c) {
    // The default clock_skew_ms (1000) lets an expires_at up to 1 s past through.
    if (c.expiresAtMs() < NOW - 1_000 || c.expiresAtMs() > NOW + CommandDecoder.MAX_AHEAD_MS) return false;
    if (!c.id().matches("[A-Za-z0-9._:-]{1,64}")) return false;
    if (c instanceof Command.Setpoint sp) {
      List<StateVariable> state = CommandDecoderTest.CARTPOLE.config().state();
      for (int i = 0; i < sp.indices().length; i++) {
        StateVariable v = state.get(sp.indices()[i]);
        double x = sp.values()[i];
        if (!Double.isFinite(x) || x < v.min() || x > v.max() || (v.wrap() && Math.abs(x) > Math.PI)) return false;
      }
    }
    return !(c instanceof Command.Param);   // lqr has no parameters
  }

  /** Decodes and checks: returns true when accepted. */
  static boolean check(String name, byte[] payload) {
    try {
      Command c = CommandDecoderTest.LQR.decode(name, payload, NOW, CommandDecoderTest.REPLY);
      assertThat(safe(c)).as("accepted only safe commands: %s", new String(payload, StandardCharsets.UTF_8)).isTrue();
      assertThat(c.kind().id()).isEqualTo(name);
      return true;
    } catch (CommandDecoder.Rejected r) {
      assertThat(r.getMessage()).isNotBlank();
      return false;
    }
  }

  @Property(tries = 2000, seed = "8")
  void arbitraryBytesAreRejectedWithAReason(@ForAll("names") String name, @ForAll byte[] payload) {
    check(name, payload);
  }

  @Property(tries = 2000, seed = "8")
  void arbitraryTextIsRejectedWithAReason(@ForAll("names") String name, @ForAll String text) {
    check(name, text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 3000, seed = "8")
  void plausibleCommandsAreAcceptedOnlyWhenSafe(@ForAll("names") String name, @ForAll("objects") String json) {
    Statistics.collect(check(name, json.getBytes(StandardCharsets.UTF_8)) ? "accepted" : "rejected");
    // The generator must reach acceptance now and then, or this property proves nothing.
    Statistics.coverage(c -> c.check("accepted").count(n -> n > 0));
  }

  @Property(tries = 1000, seed = "8")
  void setpointsOutsideTheStateRangeNeverPass(@ForAll("outOfRange") double x) {
    String json = "{\"id\":\"s\",\"expires_at\":" + (NOW + 1000) + ",\"values\":{\"x\":" + x + "}}";
    assertThat(check("setpoint", json.getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(NAMES);
  }

  @Provide
  Arbitrary<Double> outOfRange() {
    return Arbitraries.oneOf(Arbitraries.doubles().between(2.4001, 1e12).ofScale(4),
        Arbitraries.doubles().between(-1e12, -2.4001).ofScale(4), Arbitraries.of(1e300, -1e300, 2.4000000001));
  }

  /** JSON objects built from the right vocabulary with wrong types, wrong values and extra fields mixed in. */
  @Provide
  Arbitrary<String> objects() {
    Arbitrary<String> key = Arbitraries.of("id", "expires_at", "mode", "values", "name", "value", "reason", "extra", "x");
    Arbitrary<String> scalar = Arbitraries.oneOf(
        Arbitraries.of("\"c1\"", "\"armed\"", "\"disarmed\"", "\"estop\"", "\"safe_stop\"", "\"\"", "null", "true",
            "[]", "{}", "\"x y\"", "\"" + "a".repeat(70) + "\""),
        Arbitraries.longs().between(NOW - 10_000, NOW + 600_000).map(l -> Long.toString(l)),
        Arbitraries.doubles().between(-10, 10).map(d -> String.format(Locale.ROOT, "%.3f", d)),
        Arbitraries.of("1e999", "-0", "NaN", "0x10", "1.0e3"));
    Arbitrary<String> values = Combinators.combine(Arbitraries.of("x", "x_dot", "theta", "theta_dot", "q"), scalar)
        .as((k, v) -> "{\"" + k + "\":" + v + "}");
    Arbitrary<String> field = Combinators.combine(key, Arbitraries.oneOf(scalar, values)).as((k, v) -> "\"" + k + "\":" + v);
    // Half start from a valid id and expiry, so the later checks (types, ranges) get exercised too.
    Arbitrary<String> valid = Arbitraries.longs().between(NOW - 100, NOW + 400_000)
        .map(at -> "\"id\":\"f1\",\"expires_at\":" + at);
    return Combinators.combine(Arbitraries.oneOf(valid, Arbitraries.just("")), field.list().ofMaxSize(4))
        .as((head, fields) -> {
          List<String> all = new java.util.ArrayList<>(fields);
          if (!head.isEmpty()) all.addFirst(head);
          return "{" + String.join(",", all) + "}";
        });
  }
}
