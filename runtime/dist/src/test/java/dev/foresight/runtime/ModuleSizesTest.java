package dev.foresight.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No Maven module grows into the place where everything lands: each holds at most 30% of the main
 * Java lines (issue 11; a module past it is a room to split along its seams).
 */
class ModuleSizesTest {

  static final double MAX_SHARE = 0.30;

  @Test
  void noModuleHoldsMoreThan30PercentOfTheMainJavaLines() throws IOException {
    Map<String, Long> lines = new TreeMap<>();
    try (Stream<Path> poms = Files.walk(TestConfigs.ROOT, 3)) {
      for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
        Path main = pom.resolveSibling("src/main/java");
        if (Files.isDirectory(main)) lines.put(TestConfigs.ROOT.relativize(pom.getParent()).toString(), count(main));
      }
    }
    long total = lines.values().stream().mapToLong(Long::longValue).sum();
    assertThat(lines).containsKeys("config", "drivers", "models", "sim", "runtime/core", "runtime/cli");
    lines.forEach((module, n) -> assertThat((double) n / total)
        .as("%s: %d of %d main lines", module, n, total).isLessThanOrEqualTo(MAX_SHARE));
  }

  private static long count(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).mapToLong(p -> {
        try (Stream<String> l = Files.lines(p)) {
          return l.count();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
