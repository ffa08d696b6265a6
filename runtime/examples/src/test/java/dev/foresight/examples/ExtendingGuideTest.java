package dev.foresight.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/extending.md shows code from the sources, never a copy that can drift: every code block
 * preceded by {@code <!-- source: PATH -->} must be found in that file, line for line, where a
 * line {@code // ...} (or {@code # ...}) in the block stands for lines left out.
 */
class ExtendingGuideTest {

  static final Path GUIDE = TestConfigs.ROOT.resolve("docs/extending.md");
  private static final Pattern SOURCE = Pattern.compile("^<!-- source: (\\S+) -->$");

  record Snippet(String path, int line, List<String> lines) {}

  @Test
  void everySnippetIsInItsSourceFile() throws IOException {
    List<String> guide = Files.readAllLines(GUIDE);
    assertThat(snippets(guide)).as("snippets with a source in docs/extending.md").hasSizeGreaterThanOrEqualTo(10);
    assertThat(drift(guide)).isEmpty();
  }

  @Test
  void aSnippetThatNoLongerMatchesItsSourceIsReported() throws IOException {
    List<String> guide = new ArrayList<>(Files.readAllLines(GUIDE));
    int line = guide.indexOf("  public static final class Factory implements DriverFactory<As5048bConfig> {");
    assertThat(line).as("the AS5048B's driver factory is shown").isPositive();
    guide.set(line, "  public static final class Factory implements DriverFactory<As5600Config> {");
    assertThat(drift(guide)).singleElement().asString().contains("As5048b.java", "DriverFactory<As5600Config>");
  }

  /** One message per snippet that is not in its source file. */
  static List<String> drift(List<String> guide) throws IOException {
    List<String> problems = new ArrayList<>();
    for (Snippet s : snippets(guide)) {
      Path file = TestConfigs.ROOT.resolve(s.path());
      if (!Files.isRegularFile(file)) {
        problems.add("docs/extending.md:" + s.line() + ": no file " + s.path());
        continue;
      }
      List<String> source = Files.readAllLines(file);
      int from = 0;
      for (List<String> chunk : chunks(s.lines())) {
        int at = indexOf(source, chunk, from);
        if (at < 0) {
          problems.add("docs/extending.md:" + s.line() + ": not in " + s.path() + " (after line " + from + "):\n"
              + String.join("\n", chunk));
          break;
        }
        from = at + chunk.size();
      }
    }
    return problems;
  }

  @Test
  void everyGuideShowsItsExample() throws IOException {
    List<String> paths = snippets(Files.readAllLines(GUIDE)).stream().map(Snippet::path).toList();
    String examples = "runtime/examples/src/test/java/dev/foresight/examples/";
    assertThat(paths).contains(
        examples + "as5048b/As5048bConfig.java", examples + "as5048b/driver/As5048b.java",
        examples + "as5048b/sim/As5048bEmulation.java", examples + "drv8830/driver/Drv8830.java",
        examples + "drv8830/sim/Drv8830Emulation.java", examples + "flywheel/sim/Flywheel.java",
        examples + "flywheel/control/SpeedController.java", examples + "FlywheelTest.java",
        "models/src/main/java/dev/foresight/models/plan/CostTerms.java");
  }

  static List<Snippet> snippets(List<String> guide) {
    List<Snippet> out = new ArrayList<>();
    for (int i = 0; i < guide.size(); i++) {
      Matcher m = SOURCE.matcher(guide.get(i).trim());
      if (!m.matches()) continue;
      assertThat(guide.get(i + 1)).as("docs/extending.md:%d: a code block follows a source line", i + 2).startsWith("```");
      List<String> lines = new ArrayList<>();
      int j = i + 2;
      for (; !guide.get(j).startsWith("```"); j++) lines.add(guide.get(j));
      out.add(new Snippet(m.group(1), i + 1, lines));
      i = j;
    }
    return out;
  }

  /** The block's runs of lines between elisions ({@code // ...}, {@code # ...}). */
  private static List<List<String>> chunks(List<String> lines) {
    List<List<String>> chunks = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : lines) {
      String t = line.trim();
      if (t.equals("// ...") || t.equals("# ...")) {
        if (!current.isEmpty()) chunks.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    if (!current.isEmpty()) chunks.add(current);
    return chunks;
  }

  private static int indexOf(List<String> source, List<String> chunk, int from) {
    for (int i = from; i + chunk.size() <= source.size(); i++) {
      if (source.subList(i, i + chunk.size()).equals(chunk)) return i;
    }
    return -1;
  }
}
