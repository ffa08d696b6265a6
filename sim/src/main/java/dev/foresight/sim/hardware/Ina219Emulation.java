package dev.foresight.sim.hardware;

import dev.foresight.config.sim.SimFaultKind;

/** An INA219 on the motor supply: it measures the supply's terminal voltage and the current the bridges draw. */
final class Ina219Emulation implements Emulation {

  private final String name;
  private final Ina219Chip chip;
  private final Supply supply;

  Ina219Emulation(String name, Ina219Chip chip, Supply supply) {
    this.name = name;
    this.chip = chip;
    this.supply = supply;
    chip.load(supply.voltage(), 0.0);
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
    chip.load(supply.voltage(), supply.current());
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    ChipFaults.apply(chip, kind, active);
  }
}
