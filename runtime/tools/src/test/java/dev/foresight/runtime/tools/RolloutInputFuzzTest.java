package dev.foresight.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.plants.Pendulum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * {@code sim rollout} JSON Lines input: good lines then one fuzzed line. The input parses, or the
 * usage error is one line naming the fuzzed line's number; never another exception type.
 */
class RolloutInputFuzzTest {

  private static final PlantSpec SPEC = new Pendulum().spec();
  private static final String GOOD = "{\"state\": [0.1, 0], \"actions\": [[1.0], [-0.5]]}";

  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> punctuation = Arbitraries.strings().withChars("{}[]:,\"-.0123456789eE+ NaIinfty\\u").ofMaxLength(80);
    Arbitrary<String> mutated = Arbitraries.integers().between(0, GOOD.length()).flatMap(at ->
        Arbitraries.of("", "\"", "]", "[", "{", "}", ",", "1e400", "-1e400", "NaN", "Infinity", "null", "true",
            "\"x\"", "[[]]", "9".repeat(2000), "[".repeat(2000), "\"stat\"", "\u0000", "\uFFFF")
            .flatMap(with -> Arbitraries.integers().between(0, 6)
                .map(cut -> GOOD.substring(0, at) + with + GOOD.substring(Math.min(GOOD.length(), at + cut)))));
    return Arbitraries.oneOf(punctuation, mutated, Arbitraries.strings().ofMaxLength(80));
  }

  @Property(tries = 500, seed = "13")
  void badLineIsAOneLineUsageErrorNamingIt(@ForAll @IntRange(min = 0, max = 3) int good, @ForAll("lines") String line) {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < good; i++) input.add(GOOD);
    input.add(line);
    try {
      List<RolloutInput.Line> parsed = RolloutInput.parse("runs.jsonl", input, SPEC);
      assertThat(parsed.size()).isBetween(good, good + 1);
    } catch (UserException e) {
      assertThat(e.getMessage()).doesNotContain("\n", "\r", "Exception");
      if (good == 0 && line.isBlank()) {
        assertThat(e.getMessage()).startsWith("runs.jsonl: has no trajectories");
      } else {
        assertThat(e.getMessage()).startsWith("runs.jsonl:" + (good + 1) + ":");
      }
    }
  }

  /** Through the whole command: parse, roll out on the plant, write; exit 0 or a one-line usage error (exit 2). */
  @Property(tries = 30, seed = "13")
  void commandExitsCleanOrWithOneLineUsageError(@ForAll("lines") String line) throws IOException {
    Path dir = Files.createTempDirectory("rollout-fuzz");
    Path input = dir.resolve("in.jsonl");
    Path out = dir.resolve("out.jsonl");
    try {
      Files.writeString(input, GOOD + "\n" + line + "\n");
      CliRun.Result r = CliRun.run("sim", "rollout", "--plant", "pendulum", "--input", input.toString(),
          "--out", out.toString());
      if (r.code() != 0) {
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("foresight: " + input + ":2:").doesNotContain("Exception", "\tat ");
      }
    } finally {
      Files.deleteIfExists(out);
      Files.delete(input);
      Files.delete(dir);
    }
  }

  @Test
  void deepNestingAndHugeNumbersNameTheLine() {
    for (String bad : List.of("[".repeat(5000), "{\"state\": [" + "9".repeat(5000) + ", 0], \"actions\": []}",
        "{\"state\": [1e400, 0], \"actions\": []}")) {
      try {
        RolloutInput.parse("runs.jsonl", List.of(GOOD, bad), SPEC);
        throw new AssertionError("accepted " + bad.substring(0, 20));
      } catch (UserException e) {
        assertThat(e.getMessage()).startsWith("runs.jsonl:2").doesNotContain("\n");
      }
    }
  }
}
