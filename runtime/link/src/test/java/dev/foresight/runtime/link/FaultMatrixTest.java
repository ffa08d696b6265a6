package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.FaultClass;
import dev.foresight.runtime.FaultCell;
import dev.foresight.runtime.TestConfigs;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fault matrix of docs/safety.md is generated from the {@link FaultCell}s on the tests of the
 * core and the link (this module's class path holds both): every cell names the test that proves it.
 * The published table must be what the tests say, and every fault class must have a cell. To update
 * the table after changing a cell: {@code ./mvnw -B -o -q verify -pl runtime/link -am
 * -Dtest=FaultMatrixTest -Dsurefire.failIfNoSpecifiedTests=false -Dforesight.faultmatrix.update=true}.
 */
class FaultMatrixTest {

  static final Path SAFETY_MD = TestConfigs.ROOT.resolve("docs/safety.md");
  static final String BEGIN = "<!-- fault-matrix: generated from @FaultCell by FaultMatrixTest; do not edit by hand -->";
  static final String END = "<!-- fault-matrix: end -->";

  record Cell(String fault, String reaction, String ticks, String test) {}

  @Test
  void theFaultMatrixInSafetyMdIsWhatTheTestsProve() throws Exception {
    List<Cell> cells = cells();
    String table = table(cells);
    String doc = Files.readString(SAFETY_MD, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/safety.md has the fault-matrix markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String published = doc.substring(begin + BEGIN.length(), end);
    if (Boolean.getBoolean("foresight.faultmatrix.update")) {
      Files.writeString(SAFETY_MD, doc.substring(0, begin + BEGIN.length()) + table + doc.substring(end),
          StandardCharsets.UTF_8);
      published = table;
    }
    assertThat(published).as("docs/safety.md's fault matrix is stale; regenerate it with -Dtest=FaultMatrixTest "
        + "-Dforesight.faultmatrix.update=true (runtime/link)").isEqualTo(table);
  }

  @Test
  void everyFaultClassHasATestedReaction() throws Exception {
    List<String> proven = cells().stream().map(Cell::fault).distinct().toList();
    for (FaultClass c : FaultClass.values()) {
      assertThat(proven).as("fault class %s has no @FaultCell test: the fault matrix would have an empty row",
          c.id()).contains(c.id());
    }
  }

  /** Rows in fault-class order, then the other causes by name; within a fault, by test name. */
  static String table(List<Cell> cells) {
    List<String> classes = Arrays.stream(FaultClass.values()).map(FaultClass::id).toList();
    Comparator<Cell> order = Comparator.comparingInt((Cell c) -> classes.contains(c.fault())
            ? classes.indexOf(c.fault()) : classes.size())
        .thenComparing(Cell::fault).thenComparing(Cell::test).thenComparing(Cell::reaction);
    StringBuilder b = new StringBuilder("\n| fault | reaction | ticks (10 ms unless stated) | test |\n|---|---|---|---|\n");
    cells.stream().sorted(order).forEach(c -> b.append("| `").append(c.fault()).append("` | ").append(c.reaction())
        .append(" | ").append(c.ticks()).append(" | `").append(c.test()).append("` |\n"));
    return b.toString();
  }

  /** Every {@link FaultCell} on a test class of {@code dev.foresight.runtime} on the class path. */
  static List<Cell> cells() throws IOException, ClassNotFoundException {
    List<Cell> cells = new ArrayList<>();
    for (String name : testClassNames()) {
      Class<?> type = Class.forName(name, false, FaultMatrixTest.class.getClassLoader());
      for (Method m : type.getDeclaredMethods()) {
        for (FaultCell c : m.getAnnotationsByType(FaultCell.class)) {
          cells.add(new Cell(c.fault(), c.reaction(), c.ticks(), type.getSimpleName() + "." + m.getName()));
        }
      }
    }
    return cells;
  }

  private static List<String> testClassNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      boolean testClasses = p.endsWith("test-classes") || p.getFileName().toString().endsWith("-tests.jar");
      if (!testClasses || !Files.exists(p)) continue;
      if (Files.isDirectory(p)) {
        try (Stream<Path> files = Files.walk(p)) {
          files.map(f -> p.relativize(f).toString()).filter(FaultMatrixTest::isTestClass)
              .forEach(f -> names.add(className(f)));
        }
      } else {
        try (JarFile jar = new JarFile(p.toFile())) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            String f = e.nextElement().getName();
            if (isTestClass(f)) names.add(className(f));
          }
        }
      }
    }
    return names.stream().distinct().sorted().toList();
  }

  private static boolean isTestClass(String file) {
    String f = file.replace(File.separatorChar, '/');
    return f.startsWith("dev/foresight/runtime/") && f.endsWith("Test.class") && !f.contains("$");
  }

  private static String className(String file) {
    return file.replace(File.separatorChar, '/').replace('/', '.').substring(0, file.length() - ".class".length());
  }
}
