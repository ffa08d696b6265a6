package dev.foresight.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleBoundariesTest {

  private static JavaClasses production;

  @BeforeAll
  static void importProductionClasses() {
    // The other modules are on the class path as jars or reactor folders; both are imported.
    production = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.foresight");
  }

  @Test
  void everyModuleIsImported() {
    for (String pkg : List.of("config", "models", "sim", "runtime")) {
      assertThat(production.containPackage("dev.foresight." + pkg)).as(pkg).isTrue();
    }
  }

  @Test
  void productionCodeKeepsTheModuleRules() {
    for (ArchRule rule : ModuleBoundaries.ALL) {
      EvaluationResult result = rule.evaluate(production);
      assertThat(result.hasViolation()).as(result.getFailureReport().toString()).isFalse();
    }
  }

  /** A models class that imports the simulator must break the build. */
  @Test
  void aForbiddenImportFailsTheRules(@TempDir Path dir) throws IOException {
    JavaClasses bad = compile(dir, "dev/foresight/models/bad/UsesSimulator.java", """
        package dev.foresight.models.bad;
        public class UsesSimulator {
          public double reward() {
            return new dev.foresight.sim.plants.Pendulum().step(new double[] {1.0});
          }
        }
        """);
    EvaluationResult result = ModuleBoundaries.MODELS_USE_CONFIG_ONLY.evaluate(bad);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("dev.foresight.models.bad.UsesSimulator",
        "dev.foresight.sim.plants.Pendulum");
  }

  @Test
  void readingTheSystemClockInTickCodeFailsTheRules(@TempDir Path dir) throws IOException {
    JavaClasses bad = compile(dir, "dev/foresight/runtime/loop/bad/ReadsClock.java", """
        package dev.foresight.runtime.loop.bad;
        public class ReadsClock {
          public long now() { return System.nanoTime(); }
        }
        """);
    assertThat(ModuleBoundaries.TICK_CODE_TAKES_TIME_FROM_THE_CLOCK.evaluate(bad).hasViolation()).isTrue();
  }

  private static JavaClasses compile(Path dir, String relative, String source) throws IOException {
    Path file = dir.resolve("src").resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, source);
    Path classes = Files.createDirectories(dir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int code = javac.run(null, null, null, "-d", classes.toString(),
        "-cp", System.getProperty("java.class.path"), file.toString());
    assertThat(code).as("test source compiles").isZero();
    return new ClassFileImporter().importPath(classes);
  }
}
