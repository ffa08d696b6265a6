package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import org.junit.jupiter.api.Test;

/** The link's command-line surface: monitor, --broker. */
class LinkCommandsTest {

  @Test
  void monitorHasHelp() {
    CliRun.Result r = CliRun.run("monitor", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: foresight monitor", "ROBOT-ID", "--broker", "e sends it an e-stop");
  }

  @Test
  void monitorJsonNeedsADuration() {
    CliRun.Result r = CliRun.run("monitor", "--json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: --json needs --duration, e.g. --duration 5s" + System.lineSeparator());
  }

  @Test
  void aBadBrokerUrlIsAOneLineUsageError() {
    CliRun.Result r = CliRun.run("run", "--config",
        TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml").toString(), "--duration", "1s", "--broker",
        "http://example:1883");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: --broker: 'http://example:1883' has scheme "
        + "'http'; use tcp://, mqtt://, ssl:// or mqtts://" + System.lineSeparator());
    CliRun.Result m = CliRun.run("monitor", "--broker", "localhost");
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err()).startsWith("foresight: --broker: 'localhost' has scheme ''");
  }
}
