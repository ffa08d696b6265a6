package dev.foresight.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.Angles;
import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.ConfigSchema;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.runtime.io.EmulatedIo;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AS5048B and DRV8830 of docs/extending.md, added from outside the modules (test sources and
 * test resources' META-INF/services only): the config, doctor and the closed loop treat them
 * like the built-in chips.
 */
class ExampleChipsTest {

  static final Path CONFIG = Path.of("src/test/resources/examples/pendulum-example-chips.yaml");

  @Test
  void doctorChecksTheNewChipsLikeTheBuiltInOnes() {
    CliRun.Result r = CliRun.run("doctor", "--config", CONFIG.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("i2c-1: 0x40 0x60 answer")
        .containsPattern("pivot +as5048b +i2c-1 0x40 +yes +AS5048B, magnitude 4096 +angle -3\\.14\\d rad +\\d+ us +ok")
        .containsPattern("motor +drv8830 +i2c-1 0x60 +yes +DRV8830, brake +brake verified +\\d+ us +ok")
        .contains("foresight doctor: 2 devices checked, every required device ok");
  }

  @Test
  void anUnpluggedNewChipIsMissingWithTheFix() {
    CliRun.Result r = CliRun.run("doctor", "--config", CONFIG.toString(), "--unplug", "pivot");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).containsPattern("pivot +as5048b +i2c-1 0x40 +NO +- +- +- +MISSING")
        .contains("foresight doctor: 1 required device not ok: pivot (missing)");
  }

  @Test
  void thePendulumSwingsUpThroughTheNewChips() throws Exception {
    try (Robot robot = Robot.assemble(ConfigLoader.load(CONFIG), new SteppedClock())) {
      EmulatedIo io = (EmulatedIo) robot.io();
      assertThat(io.rawNames()).containsExactly("pivot.angle");
      robot.safety().arm("test");
      double[] s = new double[2];
      int upright = -1;
      double worstLast2s = 0;
      for (int tick = 1; tick <= 600; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        io.hardware().plant().state(s);
        if (upright < 0 && Math.abs(Angles.wrap(s[0])) < 0.1) upright = tick;
        if (tick > 560) worstLast2s = Math.max(worstLast2s, Math.abs(Angles.wrap(s[0])));
      }
      assertThat(upright).as("first tick within 0.1 rad of upright").isPositive();
      assertThat(worstLast2s).as("largest |angle| from upright over the last 2 s").isLessThan(0.05);
      assertThat(robot.safety().mode()).isEqualTo(Mode.ARMED);
      assertThat(robot.loop().metrics().tickErrors()).isZero();
    }
  }

  @Test
  void aNewTypesCheckIsOneLineLikeAnyOther(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("robot.yaml");
    Files.writeString(file, Files.readString(CONFIG).replace("address: 0x40", "address: 0x44"));
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":17:5: devices[0].address: 0x44 is not an AS5048B address (0x40..0x43)");
    Files.writeString(file, Files.readString(CONFIG).replace("address: 0x60", "address: 0x70"));
    assertThatThrownBy(() -> ConfigLoader.load(file))
        .isInstanceOf(ConfigException.class)
        .hasMessage(file + ":20:5: devices[1].address: 0x70 is not a DRV8830 address (0x60..0x68)");
  }

  @Test
  void anUnknownTypeListsTheNewOnesWithTheBuiltIn() {
    assertThatThrownBy(() -> ConfigLoader.parse(yaml("as5084b"), Path.of("robot.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("devices[0].type: unknown type 'as5084b' (did you mean 'as5048b'?); known types: ")
        .hasMessageContaining("as5048b, drv8830").hasMessageContaining("as5600, mpu6050");
  }

  @Test
  void aSchemaGeneratedWithTheNewTypesOnTheClassPathHasThem() {
    assertThat(ConfigSchema.generate()).contains("\"const\" : \"as5048b\"", "\"const\" : \"drv8830\"",
        "\"const\" : \"as5600\"", "\"flywheel\"");
  }

  private static String yaml(String type) {
    return """
        robot: {id: t}
        sim: {plant: pendulum}
        devices: [{name: pivot, type: %s}]
        state: [{name: theta, source: plant.theta}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup, rate: theta}
        """.formatted(type);
  }
}
