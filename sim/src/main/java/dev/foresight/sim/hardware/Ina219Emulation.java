package dev.foresight.sim.hardware;

/**
 * An INA219 on the motor supply: it measures the supply's terminal voltage and the current the
 * emulated bridges draw, unless its channels are bound to plant variables (a plant with its own
 * battery model, like the rover: {@code measures: {bus_voltage: battery_voltage, current:
 * battery_current}}).
 */
final class Ina219Emulation extends ChipEmulation<Ina219Chip> {

  private final Supply supply;
  private final int voltageReference;
  private final int currentReference;

  /** References are plant references, or Integer.MIN_VALUE to measure the emulated supply. */
  Ina219Emulation(Ina219Chip chip, Supply supply, int voltageReference, int currentReference) {
    super(chip);
    this.supply = supply;
    this.voltageReference = voltageReference;
    this.currentReference = currentReference;
    chip.load(supply.voltage(), 0.0);
  }

  @Override
  public void sense(PlantReadout plant) {
    double volts = voltageReference == Integer.MIN_VALUE ? supply.voltage() : plant.value(voltageReference);
    double amps = currentReference == Integer.MIN_VALUE ? supply.current() : plant.value(currentReference);
    chip.load(volts, amps);
  }
}
