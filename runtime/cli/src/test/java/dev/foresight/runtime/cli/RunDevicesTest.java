package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDevicesTest {

  /**
   * {@code foresight run} on the reference pendulum's emulated chips: the closed loop reads the
   * AS5600's registers, writes the PCA9685's and the TB6612's pins, swings the pendulum up and
   * holds it (unpaced, so 20 simulated seconds take well under a second).
   */
  @Test
  void runClosesTheLoopThroughTheEmulatedRegistersAndDrivers(@TempDir Path dir) throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml"))
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n");
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, text);
    CliRun.Result r = CliRun.run("run", "--config", config.toString(), "--duration", "20s", "--quiet");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("controller swingup, armed")
        .contains("devices: pivot ok, motor_pwm ok, supply ok, motor ok, estop_button ok")
        .contains("400 ticks (20.0 s at 20 Hz), mode armed")
        .contains("tick errors 0");
    // Upright and still for the second half: Pendulum-v1's cost per tick is near zero there.
    String cost = r.out().replaceAll("(?s).*cost: mean ([0-9.]+) per tick.*", "$1");
    assertThat(Double.parseDouble(cost)).isLessThan(2.0);
  }
}
