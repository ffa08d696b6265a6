package dev.foresight.sim.hardware;

import dev.foresight.config.sim.SimFaultKind;

/**
 * One configured device's emulation: how it follows the plant, how it acts on the plant, and how
 * faults change it. Built by the device type's {@link EmulationFactory}; called by
 * {@link SimHardware} on the control thread, once per plant step, without allocating.
 */
public interface Emulation {

  /** The device name. */
  String name();

  /**
   * The plant is about to step: take up what the drivers wrote (a PWM chip's output-enable line)
   * and write the plant action this device drives, if it drives one, into {@code action}. Called
   * in dependency order, so a bridge sees its PWM chip already updated.
   */
  default void actuate(PlantReadout plant, double[] action) {}

  /** The plant stepped: update what the device measures. */
  default void sense(PlantReadout plant) {}

  /** Turns a fault on or off; the config validator lets through only the faults the type declares. */
  void fault(SimFaultKind kind, boolean active);

  /** The chip behind this device, attached to its I2C bus; null for devices on GPIO lines only. */
  default I2cChip chip() {
    return null;
  }
}
