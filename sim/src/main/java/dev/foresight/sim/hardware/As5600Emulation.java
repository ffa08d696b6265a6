package dev.foresight.sim.hardware;

import dev.foresight.config.device.As5600Config;
import dev.foresight.config.device.Direction;
import dev.foresight.config.sim.SimFaultKind;
import dev.foresight.config.sim.SimDeviceConfig;

/**
 * An AS5600 mounted as its config says: the magnet turns with the bound plant angle, and the chip
 * reads {@code zero_offset_rad + s * angle} with {@code s = +1} when {@code direction} is
 * {@code cw} (RAW ANGLE counts clockwise), so a driver applying the same config reads the plant's
 * angle back.
 */
public final class As5600Emulation extends ChipEmulation<As5600Chip> {

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

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    switch (kind) {
      case MAGNET_MISSING -> chip.magnet(active ? As5600Chip.Magnet.MISSING : As5600Chip.Magnet.OK);
      case MAGNET_WEAK -> chip.magnet(active ? As5600Chip.Magnet.WEAK : As5600Chip.Magnet.OK);
      case MAGNET_STRONG -> chip.magnet(active ? As5600Chip.Magnet.STRONG : As5600Chip.Magnet.OK);
      default -> super.fault(kind, active);
    }
  }

  /** Emulates {@code as5600} devices, noise and bias on {@code angle} in the plant's frame. */
  public static final class Factory implements EmulationFactory<As5600Config> {

    @Override
    public Class<As5600Config> config() {
      return As5600Config.class;
    }

    @Override
    public Emulation create(As5600Config device, EmulationContext context) {
      As5600Chip chip = new As5600Chip(device.name(), context.random());
      As5600Emulation e = new As5600Emulation(device, chip, context.measures("angle"));
      SimDeviceConfig s = context.sim();
      if (s.noise().containsKey("angle")) chip.noise(s.noise().get("angle"));
      // Bias in the plant's frame becomes a bias in the sensor's frame.
      if (s.bias().containsKey("angle")) chip.bias(e.sign * s.bias().get("angle"));
      return e;
    }
  }
}
