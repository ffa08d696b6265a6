package dev.foresight.sim.hardware;

import dev.foresight.config.device.Ads1115Config;
import dev.foresight.config.sim.SimFaultKind;

/**
 * An ADS1115 whose inputs follow plant variables through the config's scale and offset read
 * backwards ({@code volts = (value - offset) / scale}), e.g. a potentiometer on a joint.
 */
final class Ads1115Emulation implements Emulation {

  private final Ads1115Config config;
  private final Ads1115Chip chip;
  private final int[] references;

  Ads1115Emulation(Ads1115Config config, Ads1115Chip chip, int[] references) {
    this.config = config;
    this.chip = chip;
    this.references = references.clone();
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public I2cChip chip() {
    return chip;
  }

  @Override
  public void sense(PlantReadout plant) {
    for (int c = 0; c < references.length; c++) {
      if (references[c] != Integer.MIN_VALUE) chip.input(c, (plant.value(references[c]) - config.offset()) / config.scale());
    }
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    ChipFaults.apply(chip, kind, active);
  }
}
