package dev.foresight.sim.hardware;

import dev.foresight.config.sim.SimFaultKind;

/**
 * An I2C device's emulation: its chip, and the faults every chip handles the same way (NACK and
 * timeout on the bus, stuck registers, the chip's own invalid-data flag).
 */
public abstract class ChipEmulation<C extends I2cChip> implements Emulation {

  protected final C chip;

  protected ChipEmulation(C chip) {
    this.chip = chip;
  }

  @Override
  public final String name() {
    return chip.name();
  }

  @Override
  public final I2cChip chip() {
    return chip;
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    switch (kind) {
      case NACK -> chip.unplug(active);
      case TIMEOUT -> chip.hang(active);
      case STUCK -> chip.stuck(active);
      case NAN -> chip.invalid(active);
      default -> { }
    }
  }
}
