package dev.foresight.sim.hardware;

import dev.foresight.config.device.Ads1115Config;

/**
 * An ADS1115 whose inputs follow plant variables through the config's scale and offset read
 * backwards ({@code volts = (value - offset) / scale}), e.g. a potentiometer on a joint.
 */
final class Ads1115Emulation extends ChipEmulation<Ads1115Chip> {

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
}
