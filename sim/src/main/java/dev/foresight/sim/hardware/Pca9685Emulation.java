package dev.foresight.sim.hardware;

import dev.foresight.config.device.Pca9685Config;
import dev.foresight.config.sim.SimFaultKind;

/** A PCA9685 whose active-low OE pin, when wired, follows its GPIO line. */
final class Pca9685Emulation implements Emulation {

  private final Pca9685Config config;
  private final Pca9685Chip chip;
  private final EmulatedGpio gpio;
  private final int outputEnablePin;

  Pca9685Emulation(Pca9685Config config, Pca9685Chip chip, EmulatedGpio gpio) {
    this.config = config;
    this.chip = chip;
    this.gpio = gpio;
    this.outputEnablePin = config.outputEnablePin().orElse(-1);
    // OE has a pull-up on the board: outputs stay off until a driver pulls it low.
    if (outputEnablePin >= 0) gpio.pull(outputEnablePin, true);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public I2cChip chip() {
    return chip;
  }

  /** Reads the OE line before the bridges latch their inputs. */
  void updateOutputEnable() {
    if (outputEnablePin >= 0) chip.outputEnable(!gpio.level(outputEnablePin));
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    ChipFaults.apply(chip, kind, active);
  }
}
