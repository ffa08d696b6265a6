package dev.foresight.sim.hardware;

import dev.foresight.config.device.Ads1115Config;
import dev.foresight.config.sim.SimDeviceConfig;

/**
 * An ADS1115 whose inputs follow plant variables through the config's scale and offset read
 * backwards ({@code volts = (value - offset) / scale}), e.g. a potentiometer on a joint.
 */
public final class Ads1115Emulation extends ChipEmulation<Ads1115Chip> {

  private final Ads1115Config config;
  private final int[] references;

  Ads1115Emulation(Ads1115Config config, Ads1115Chip chip, int[] references) {
    super(chip);
    this.config = config;
    this.references = references.clone();
  }

  @Override
  public void sense(PlantReadout plant) {
    for (int c = 0; c < references.length; c++) {
      if (references[c] != Integer.MIN_VALUE) chip.input(c, (plant.value(references[c]) - config.offset()) / config.scale());
    }
  }

  /** Emulates {@code ads1115} devices; noise and bias are in the scaled unit, as the config writes them. */
  public static final class Factory implements EmulationFactory<Ads1115Config> {

    @Override
    public Class<Ads1115Config> config() {
      return Ads1115Config.class;
    }

    @Override
    public Emulation create(Ads1115Config device, EmulationContext context) {
      Ads1115Chip chip = new Ads1115Chip(device.name(), device.address(), context.random());
      SimDeviceConfig s = context.sim();
      int[] references = new int[4];
      for (int c = 0; c < 4; c++) {
        String channel = "ain" + c;
        references[c] = context.measures(channel);
        if (s.noise().containsKey(channel)) chip.noise(c, s.noise().get(channel) / Math.abs(device.scale()));
        if (s.bias().containsKey(channel)) chip.bias(c, s.bias().get(channel) / device.scale());
      }
      return new Ads1115Emulation(device, chip, references);
    }
  }
}
