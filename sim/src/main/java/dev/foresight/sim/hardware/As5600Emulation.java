package dev.foresight.sim.hardware;

import dev.foresight.config.device.As5600Config;
import dev.foresight.config.device.Direction;
import dev.foresight.config.sim.SimFaultKind;

/**
 * An AS5600 mounted as its config says: the magnet turns with the bound plant angle, and the chip
 * reads {@code zero_offset_rad + s * angle} with {@code s = +1} when {@code direction} is
 * {@code cw} (RAW ANGLE counts clockwise), so a driver applying the same config reads the plant's
 * angle back.
 */
final class As5600Emulation extends ChipEmulation<As5600Chip> {

  private final As5600Config config;
  private final int angleReference;
  private final double sign;

  As5600Emulation(As5600Config config, As5600Chip chip, int angleReference) {
    super(chip);
    this.config = config;
    this.angleReference = angleReference;
    this.sign = config.direction() == Direction.CW ? 1.0 : -1.0;
  }

  @Override
  public void sense(PlantReadout plant) {
    double angle = angleReference == Integer.MIN_VALUE ? 0.0 : plant.value(angleReference);
    chip.angle(config.zeroOffsetRad() + sign * angle);
  }

  /** Bias in the plant's frame becomes a bias in the sensor's frame. */
  double sign() {
    return sign;
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    switch (kind) {
      case MAGNET_MISSING -> chip.magnet(active ? As5600Chip.Magnet.MISSING : As5600Chip.Magnet.OK);
      case MAGNET_WEAK -> chip.magnet(active ? As5600Chip.Magnet.WEAK : As5600Chip.Magnet.OK);
      case MAGNET_STRONG -> chip.magnet(active ? As5600Chip.Magnet.STRONG : As5600Chip.Magnet.OK);
      default -> super.fault(kind, active);
    }
  }
}
