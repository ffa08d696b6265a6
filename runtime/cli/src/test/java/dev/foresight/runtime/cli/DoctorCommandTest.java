package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DoctorCommandTest {

  static final String SIM = TestConfigs.ROOT.resolve("config/examples/pendulum-sim.yaml").toString();

  @Test
  void referencePendulumOnSimulatedHardwareIsAllGreen() {
    CliRun.Result r = CliRun.run("doctor", "--config", SIM);
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("simulated hardware, seed 7")
        .contains("i2c-1: 0x36 0x40 0x41 answer")
        .containsPattern("DEVICE +TYPE +BUS/ADDRESS OR PINS +FOUND +IDENTITY +SAMPLE +LATENCY +VERDICT")
        .containsPattern("pivot +as5600 +i2c-1 0x36 +yes +AS5600, magnet ok, AGC 64 +angle -3\\.14\\d rad +\\d+ us +ok")
        .containsPattern("motor +hbridge .+ yes +H-bridge, volts on 12.0 V, brake +brake verified +\\d+ us +ok")
        .containsPattern("estop_button +gpio_input +GPIO 17 .+ inactive .+ ok")
        .contains("foresight doctor: 5 devices checked, every required device ok");
  }

  @Test
  void anUnpluggedDeviceIsNamedWithTheFixAndExits1() {
    CliRun.Result r = CliRun.run("doctor", "--config", SIM, "--unplug", "pivot");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("i2c-1: 0x40 0x41 answer")
        .containsPattern("pivot +as5600 +i2c-1 0x36 +NO +- +- +- +MISSING")
        .contains("pivot: no answer at i2c-1 0x36", "check VCC, GND, SDA and SCL, and that i2cdetect -y 1 shows it")
        .contains("foresight doctor: 1 required device not ok: pivot (missing)");
  }

  @Test
  void anOptionalDeviceMissingDoesNotFail() {
    CliRun.Result r = CliRun.run("doctor", "--config", SIM, "--unplug", "supply");
    assertThat(r.code()).isZero();
    assertThat(r.out()).containsPattern("supply +ina219 .+ missing \\(optional\\)")
        .contains("every required device ok (1 optional not ok)");
  }

  @Test
  void jsonHasEveryDeviceWithItsVerdictAndLatency() {
    CliRun.Result r = CliRun.run("doctor", "--config", SIM, "--json", "--unplug", "pivot");
    assertThat(r.code()).isEqualTo(1);
    JsonNode root = JsonMapper.builder().build().readTree(r.out());
    assertThat(root.get("ok").asBoolean()).isFalse();
    assertThat(root.get("buses").get(0).get("found").toString()).isEqualTo("[\"0x40\",\"0x41\"]");
    assertThat(root.get("devices")).hasSize(5);
    assertThat(root.get("devices").get(0).get("verdict").asString()).isEqualTo("missing");
    assertThat(root.get("devices").get(1).get("latency_us").isNumber()).isTrue();
  }

  @Test
  void unplugMistakesAreOneLineUsageErrors() {
    CliRun.Result r = CliRun.run("doctor", "--config", SIM, "--unplug", "pivto");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("foresight: --unplug pivto: no device named 'pivto'; devices are pivot, motor_pwm, "
        + "supply, motor, estop_button\n");
    r = CliRun.run("doctor", "--config", SIM, "--unplug", "motor");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("foresight: --unplug motor: only I2C devices can be unplugged");
  }

  @Test
  void aConfigWithoutDevicesHasNothingToCheck() {
    CliRun.Result r = CliRun.run("doctor", "--config", TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("declares no devices");
  }

  @Test
  void onAMachineWithoutTheRaspberryPisBusesEveryDeviceIsMissingWithTheFix() {
    CliRun.Result r = CliRun.run("doctor", "--config", TestConfigs.ROOT.resolve("config/examples/pendulum-pi.yaml").toString());
    if (Files.exists(Path.of("/dev/i2c-1"))) return;   // a real Pi: its own devices decide
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("Raspberry Pi").contains("i2c-1: cannot scan")
        .contains("enable I2C (sudo raspi-config nonint do_i2c 0) and add the user to the i2c group");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void runRefusesToStartWhenARequiredDeviceIsMissing(@TempDir Path dir) throws Exception {
    String text = Files.readString(Path.of(SIM)).replace("  supply: {voltage_v: 12.0, internal_resistance_ohm: 0.05}",
        "  supply: {voltage_v: 12.0, internal_resistance_ohm: 0.05}\n  faults: [{device: pivot, kind: nack}]");
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, text);
    CliRun.Result r = CliRun.run("run", "--config", config.toString(), "--duration", "1s");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("a required device failed its start-up check; the robot does not run")
        .containsPattern("pivot +as5600 +MISSING +i2c-1 0x36")
        .contains("foresight doctor --config");
  }
}
