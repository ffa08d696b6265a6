package dev.foresight.sim.hardware;

/**
 * An MPU-6050 whose channels follow plant variables: {@code accel_x..z} (m/s^2, specific force),
 * {@code gyro_x..z} (rad/s), {@code temperature} (degC). Unbound channels read the chip at rest,
 * flat: 0, 0, +g, no rotation, 25 degC.
 */
final class Mpu6050Emulation extends ChipEmulation<Mpu6050Chip> {

  /** Plant reference per chip channel, or Integer.MIN_VALUE when unbound. */
  private final int[] references;

  Mpu6050Emulation(Mpu6050Chip chip, int[] references) {
    super(chip);
    this.references = references.clone();
  }

  @Override
  public void sense(PlantReadout plant) {
    for (int c = 0; c < references.length; c++) {
      if (references[c] != Integer.MIN_VALUE) chip.input(c, plant.value(references[c]));
    }
  }
}
