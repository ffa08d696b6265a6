package dev.foresight.sim.hardware;

/** An INA219 on the motor supply: it measures the supply's terminal voltage and the current the bridges draw. */
final class Ina219Emulation extends ChipEmulation<Ina219Chip> {

  private final Supply supply;

  Ina219Emulation(Ina219Chip chip, Supply supply) {
    super(chip);
    this.supply = supply;
    chip.load(supply.voltage(), 0.0);
  }

  @Override
  public void sense(PlantReadout plant) {
    chip.load(supply.voltage(), supply.current());
  }
}
