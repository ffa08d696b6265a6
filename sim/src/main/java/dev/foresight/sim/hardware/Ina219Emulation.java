package dev.foresight.sim.hardware;


import dev.foresight.config.device.Ina219Config;
import dev.foresight.config.sim.SimDeviceConfig;
/**
 * An INA219 on the motor supply: it measures the supply's terminal voltage and the current the
 * emulated bridges draw, unless its channels are bound to plant variables (a plant with its own
 * battery model, like the rover: {@code measures: {bus_voltage: battery_voltage, current:
 * battery_current}}).
 */
public final class Ina219Emulation extends ChipEmulation<Ina219Chip> {

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

  /** Emulates {@code ina219} devices on the motor supply, or on the plant variables they are bound to. */
  public static final class Factory implements EmulationFactory<Ina219Config> {

    @Override
    public Class<Ina219Config> config() {
      return Ina219Config.class;
    }

    @Override
    public Emulation create(Ina219Config device, EmulationContext context) {
      Ina219Chip chip = new Ina219Chip(device.name(), device.address(), device.shuntOhms(), context.random());
      SimDeviceConfig s = context.sim();
      chip.noise(s.noise().getOrDefault("bus_voltage", 0.0), s.noise().getOrDefault("current", 0.0));
      chip.bias(s.bias().getOrDefault("bus_voltage", 0.0), s.bias().getOrDefault("current", 0.0));
      return new Ina219Emulation(chip, context.supply(), context.measures("bus_voltage"), context.measures("current"));
    }
  }
}
