package dev.foresight.examples.missing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device type whose driver or emulation is not on the class path stops assembly with one line naming what to add. */
class MissingPartsTest {

  private static String robot(String type) {
    return """
        robot: {id: parts}
        loop: {rate_hz: 20}
        sim: {plant: pendulum}
        devices: [{name: gadget, type: %s}]
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """.formatted(type);
  }

  @Test
  void aTypeWithoutADriverNamesTheFactoryToAdd(@TempDir Path dir) {
    assertThatThrownBy(() -> Robot.assemble(TestConfigs.write(dir, robot("emulated_only")), new SteppedClock()))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("devices: no driver for emulated_only 'gadget' on the class path; add the jar with its "
            + "DriverFactory (META-INF/services/dev.foresight.drivers.DriverFactory)");
  }

  @Test
  void doctorSaysTheSameInOneLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("robot.yaml");
    java.nio.file.Files.writeString(file, robot("emulated_only"));
    CliRun.Result r = CliRun.run("doctor", "--config", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: " + file + ": devices: no driver for emulated_only 'gadget' on the class "
        + "path; add the jar with its DriverFactory (META-INF/services/dev.foresight.drivers.DriverFactory)\n");
  }

  @Test
  void aTypeWithoutAnEmulationNamesTheFactoryToAdd(@TempDir Path dir) {
    assertThatThrownBy(() -> Robot.assemble(TestConfigs.write(dir, robot("config_only")), new SteppedClock()))
        .isInstanceOf(AssemblyException.class)
        .hasMessage("sim.devices.gadget: no emulation of config_only on the class path; add the jar with its "
            + "EmulationFactory (META-INF/services/dev.foresight.sim.hardware.EmulationFactory)");
  }
}
