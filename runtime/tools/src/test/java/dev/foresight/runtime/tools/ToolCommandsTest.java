package dev.foresight.runtime.tools;

import static dev.foresight.runtime.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.cli.CliRun.Result;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The tools plugin's commands are found and take their place in the command tree. */
class ToolCommandsTest {

  @Test
  void everyToolCommandHasHelp() {
    for (String[] command : new String[][] {{"sim"}, {"sim", "rollout"}, {"sim", "collect"}, {"sim", "eval"},
        {"model", "train"}, {"model", "eval"}, {"log", "plot"}, {"log", "replay"}, {"log", "compare"}}) {
      String[] args = Stream.concat(Stream.of(command), Stream.of("--help")).toArray(String[]::new);
      Result r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isZero();
      assertThat(r.out()).as(String.join(" ", args)).contains("Usage: foresight " + String.join(" ", command));
    }
  }

  @Test
  void theCommandListNamesThePluginsCommandsBesideTheRobotsOwn() {
    Result top = run("--help");
    assertThat(top.out()).contains("  sim ", "  run ", "  model ");
    Result model = run("model", "--help");
    assertThat(model.out()).contains("  train ", "  eval ", "  inspect ");
    Result log = run("log", "--help");
    assertThat(log.out()).contains("  info ", "  export ", "  plot ", "  replay ", "  compare ");
  }

  @Test
  void inheritedOptionsReachThePluginsCommands() {
    Result r = run("sim", "rollout", "--plant", "pendulum", "--input", "/nonexistent.jsonl", "--debug");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("foresight: ");
  }
}
