package dev.foresight.sim.hardware;

import dev.foresight.config.sim.SimFaultKind;

/** One configured device's emulation: how it follows the plant, and how faults change it. */
interface Emulation {

  /** The device name. */
  String name();

  /** The plant stepped: update what the device measures. */
  default void sense(PlantReadout plant) {}

  /** Turns a fault on or off; the validator only lets through faults that apply. */
  void fault(SimFaultKind kind, boolean active);

  /** The chip behind this device, or null for GPIO-only devices. */
  default I2cChip chip() {
    return null;
  }
}
