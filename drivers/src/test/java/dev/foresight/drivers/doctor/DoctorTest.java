package dev.foresight.drivers.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.sim.SimFaultConfig;
import dev.foresight.config.sim.SimFaultKind;
import dev.foresight.drivers.Emulated;
import dev.foresight.drivers.Impostor;
import dev.foresight.drivers.Rigs;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DoctorTest {

  @Test
  void everyDeviceOfTheReferencePendulumIsFoundIdentifiedReadAndSafe() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM, Math.PI, 0.0)) {
      DoctorReport report = Doctor.examine(robot.config, robot.context);
      assertThat(report.ok()).as(report.toString()).isTrue();
      assertThat(report.buses()).singleElement().satisfies(b -> {
        assertThat(b.bus()).isEqualTo(1);
        assertThat(b.found()).containsExactly(0x36, 0x40, 0x41);
      });
      assertThat(report.rows()).extracting(DoctorReport.Row::verdict).containsOnly("ok");
      DoctorReport.Row pivot = report.rows().getFirst();
      assertThat(pivot.identity()).startsWith("AS5600, magnet ok");
      assertThat(pivot.sample()).startsWith("angle -3.14").endsWith(" rad");
      assertThat(pivot.latencyUs()).isNotNaN();
      assertThat(report.rows().get(1).sample()).isEqualTo("all outputs off, OE high verified");
      assertThat(report.rows().get(2).sample()).startsWith("bus +12.00 V, current +0.000 A, power +0.000 W");
      assertThat(report.rows().get(3).sample()).isEqualTo("brake verified");
      assertThat(report.notes()).isEmpty();
    }
  }

  @Test
  void anUnpluggedRequiredDeviceIsNamedAndBlocks() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM)) {
      robot.hw.inject(new SimFaultConfig(Optional.of("pivot"), SimFaultKind.NACK, 0.0, null, null));
      DoctorReport report = Doctor.examine(robot.config, robot.context);
      assertThat(report.ok()).isFalse();
      assertThat(report.blocking()).singleElement().satisfies(row -> {
        assertThat(row.name()).isEqualTo("pivot");
        assertThat(row.verdict()).isEqualTo("missing");
        assertThat(row.found()).isFalse();
        assertThat(row.message()).contains("no answer at i2c-1 0x36");
      });
      assertThat(report.buses().getFirst().found()).containsExactly(0x40, 0x41);
    }
  }

  @Test
  void aMissingOptionalDeviceIsReportedButDoesNotBlock() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM)) {
      robot.hw.chip("supply").orElseThrow().unplug(true);
      DoctorReport report = Doctor.examine(robot.config, robot.context);
      assertThat(report.ok()).isTrue();
      assertThat(report.rows().get(2).verdict()).isEqualTo("missing");
    }
  }

  @Test
  void aChipNobodyConfiguredIsANote() {
    try (Emulated robot = Emulated.of(Rigs.PENDULUM)) {
      robot.hw.bus(1).orElseThrow().attach(new Impostor(0x68, 0));
      DoctorReport report = Doctor.examine(robot.config, robot.context);
      assertThat(report.notes()).containsExactly("i2c-1 0x68 answers but no device is configured there");
    }
  }
}
