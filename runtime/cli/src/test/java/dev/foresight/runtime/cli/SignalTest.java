package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A real {@code foresight run} process, stopped with SIGTERM as a service manager would. */
class SignalTest {

  @Test
  void sigtermMakesOutputsSafeStopsTheLoopAndPrintsTheSummary() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path config = TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), Main.class.getName(), "run", "--quiet", "--config", config.toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
        if (line.startsWith("foresight: pendulum-gym from")) break;
      }
      Thread.sleep(500);
      p.toHandle().destroy();   // SIGTERM (Process.destroy would also close our end of the pipes)
      while ((line = out.readLine()) != null) lines.add(line);
    }
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String all = String.join("\n", lines);
    assertThat(p.exitValue()).as(all).isEqualTo(143);   // 128 + SIGTERM, after the shutdown hook ran
    assertThat(all).contains("shutting down; outputs safe (signal (Ctrl-C or SIGTERM))")
        .containsPattern("foresight: \\d+ ticks \\(.*\\), mode safe_stop \\(shutdown: signal \\(Ctrl-C or SIGTERM\\)\\)")
        .doesNotContain("Exception");
  }
}
