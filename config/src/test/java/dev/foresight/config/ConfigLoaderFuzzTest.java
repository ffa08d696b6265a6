package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Malformed YAML, random bytes and mutated example configs: the loader returns a config or throws a
 * {@link ConfigException} whose problems are each one line; never another exception type.
 */
class ConfigLoaderFuzzTest {

  private static final Path EXAMPLE = Path.of("examples/cartpole-sim.yaml");

  private static void parseChecked(String text) {
    try {
      ConfigLoader.parse(text, Path.of("fuzz.yaml"));
    } catch (ConfigException e) {
      assertOneLine(e);
    }
  }

  private static void assertOneLine(ConfigException e) {
    assertThat(e.problems()).isNotEmpty();
    for (ConfigProblem p : e.problems()) {
      assertThat(p.toString()).isNotBlank().doesNotContain("\n").doesNotContain("\tat ");
    }
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings().withChars("{}[]:,-&*!|>'\"#%@` \n\tabc01.?").ofMaxLength(200);
  }

  @Property(tries = 300, seed = "13")
  void yamlPunctuationGivesConfigOrConfigException(@ForAll("yamlish") String text) {
    parseChecked(text);
  }

  @Property(tries = 200, seed = "13")
  void anyStringGivesConfigOrConfigException(@ForAll @Size(max = 300) String text) {
    parseChecked(text);
  }

  /** Random bytes through {@link ConfigLoader#load}, which also decodes UTF-8. */
  @Property(tries = 200, seed = "13")
  void randomBytesGiveConfigOrConfigException(@ForAll @Size(max = 300) byte[] bytes) throws IOException {
    Path file = Files.createTempFile("fuzz", ".yaml");
    try {
      Files.write(file, bytes);
      ConfigLoader.load(file);
    } catch (ConfigException e) {
      assertOneLine(e);
    } finally {
      Files.delete(file);
    }
  }

  /** A real example config with one span replaced by YAML punctuation or a hostile value. */
  @Property(tries = 300, seed = "13")
  void mutatedExampleGivesConfigOrConfigException(@ForAll("positions") int at, @ForAll("positions") int cut,
      @ForAll("replacements") String with) throws IOException {
    String text = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
    int start = at % text.length();
    int end = Math.min(text.length(), start + cut % 12);
    parseChecked(text.substring(0, start) + with + text.substring(end));
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE);
  }

  @Provide
  Arbitrary<String> replacements() {
    return Arbitraries.oneOf(
        Arbitraries.of("", ":", "- ", "{", "]", "&a", "*a", "!!binary", "!!java.io.File", "~", "null", "-1",
            "1e400", "9223372036854775808", "-9223372036854775809", "NaN", ".inf", "\t", "\n  ", "'", "\"",
            "<<: *x", "? ", "%YAML 1.1\n", "---\n", "...\n", "0x7fffffff", "[]", "{}", "1_000", "yes"),
        yamlish());
  }

  @Test
  void deepNestingIsAConfigException() {
    parseChecked("[".repeat(20_000));
    parseChecked("a: ".repeat(5_000));
    parseChecked("- ".repeat(5_000));
  }

  @Test
  void aliasBombIsAConfigException() {
    StringBuilder b = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 10; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [");
      for (int j = 0; j < 10; j++) b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
      b.append("]\n");
    }
    parseChecked(b.toString());
  }
}
