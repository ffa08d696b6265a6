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
        .withImportOption(location -> !location.contains("-tests.jar"))   // the modules' shared test fixtures
        .importPackages("dev.foresight");
  }

  @Test
  void everyModuleIsImported() {
    for (String pkg : List.of("config", "drivers", "models", "sim", "runtime", "runtime.mcap", "runtime.record",
        "runtime.link", "runtime.cli", "runtime.broker", "runtime.tools", "runtime.learn", "runtime.report")) {
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

  /** The core must not reach up into recording (or any room above it). */
  @Test
  void aCoreClassImportingTheRecorderFailsTheRules(@TempDir Path dir) throws IOException {
    JavaClasses bad = compile(dir, "dev/foresight/runtime/loop/bad/Records.java", """
        package dev.foresight.runtime.loop.bad;
        public class Records {
          public Class<?> recorder() { return dev.foresight.runtime.record.Recorder.class; }
        }
        """);
    EvaluationResult result = ModuleBoundaries.CORE_KNOWS_ONLY_ITSELF.evaluate(bad);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("dev.foresight.runtime.record.Recorder");
  }

  /** A robot module that names a plugin class would put the plugin on the robot's class path. */
  @Test
  void theCliNamingTheEmbeddedBrokerFailsTheRules(@TempDir Path dir) throws IOException {
    JavaClasses bad = compile(dir, "dev/foresight/runtime/cli/bad/StartsBroker.java", """
        package dev.foresight.runtime.cli.bad;
        public class StartsBroker {
          public Object start() throws Exception { return dev.foresight.runtime.broker.EmbeddedBroker.start(1); }
        }
        """);
    assertThat(ModuleBoundaries.ROBOT_REACHES_PLUGINS_ONLY_BY_SERVICE_LOADER.evaluate(bad).hasViolation()).isTrue();
  }

  @Test
  void anMcapClassUsingAForesightTypeFailsTheRules(@TempDir Path dir) throws IOException {
    JavaClasses bad = compile(dir, "dev/foresight/runtime/mcap/bad/KnowsConfig.java", """
        package dev.foresight.runtime.mcap.bad;
        public class KnowsConfig {
          public Object config() { return dev.foresight.config.Platform.SIM; }
        }
        """);
    assertThat(ModuleBoundaries.MCAP_KNOWS_NO_FORESIGHT_TYPE.evaluate(bad).hasViolation()).isTrue();
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

  /** The link reading the system clock instead of its cycle's nowNs (as it did before it was an agent). */
  @Test
  void aLinkClassReadingTheSystemClockFailsTheRules(@TempDir Path dir) throws IOException {
    JavaClasses bad = compile(dir, "dev/foresight/runtime/link/bad/Cycle.java", """
        package dev.foresight.runtime.link.bad;
        public class Cycle {
          public long now() { return System.nanoTime(); }
        }
        """);
    assertThat(ModuleBoundaries.BACKGROUND_WORK_TAKES_TIME_FROM_ITS_RUNNER.evaluate(bad).hasViolation()).isTrue();
  }

  /** A recorder with its own wait loop instead of an idle strategy. */
  @Test
  void aRecorderClassParkingItselfFailsTheRules(@TempDir Path dir) throws IOException {
    JavaClasses bad = compile(dir, "dev/foresight/runtime/record/bad/Waits.java", """
        package dev.foresight.runtime.record.bad;
        public class Waits {
          public void idle() { java.util.concurrent.locks.LockSupport.parkNanos(this, 2_000_000L); }
        }
        """);
    assertThat(ModuleBoundaries.ONLY_IDLE_STRATEGIES_PARK.evaluate(bad).hasViolation()).isTrue();
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
