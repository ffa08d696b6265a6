package dev.foresight.sim.hardware;

import dev.foresight.config.sim.SimFaultKind;

/**
 * An MPU-6050 whose channels follow plant variables: {@code accel_x..z} (m/s^2, specific force),
 * {@code gyro_x..z} (rad/s), {@code temperature} (degC). Unbound channels read the chip at rest,
 * flat: 0, 0, +g, no rotation, 25 degC.
 */
final class Mpu6050Emulation implements Emulation {

  private final String name;
  private final Mpu6050Chip chip;
  /** Plant reference per chip channel, or Integer.MIN_VALUE when unbound. */
  private final int[] references;

  Mpu6050Emulation(String name, Mpu6050Chip chip, int[] references) {
    this.name = name;
    this.chip = chip;
    this.references = references.clone();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public I2cChip chip() {
    return chip;
  }

  @Override
  public void sense(PlantReadout plant) {
    for (int c = 0; c < references.length; c++) {
      if (references[c] != Integer.MIN_VALUE) chip.input(c, plant.value(references[c]));
    }
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    ChipFaults.apply(chip, kind, active);
  }
}
