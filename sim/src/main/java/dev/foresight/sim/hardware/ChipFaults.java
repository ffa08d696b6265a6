package dev.foresight.sim.hardware;

import dev.foresight.config.sim.SimFaultKind;

/** The faults every I2C chip handles the same way. */
final class ChipFaults {

  private ChipFaults() {}

  static void apply(I2cChip chip, SimFaultKind kind, boolean active) {
    switch (kind) {
      case NACK -> chip.unplug(active);
      case TIMEOUT -> chip.hang(active);
      case STUCK -> chip.stuck(active);
      case NAN -> chip.invalid(active);
      default -> { }
    }
  }
}
