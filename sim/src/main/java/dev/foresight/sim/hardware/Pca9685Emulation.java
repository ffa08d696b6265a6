package dev.foresight.sim.hardware;

import dev.foresight.config.device.Pca9685Config;

/** A PCA9685 whose active-low OE pin, when wired, follows its GPIO line. */
public final class Pca9685Emulation extends ChipEmulation<Pca9685Chip> {

  private final Pca9685Config config;
  private final EmulatedGpio gpio;
  private final int outputEnablePin;

  Pca9685Emulation(Pca9685Config config, Pca9685Chip chip, EmulatedGpio gpio) {
    super(chip);
    this.config = config;
    this.gpio = gpio;
    this.outputEnablePin = config.outputEnablePin().orElse(-1);
    // OE has a pull-up on the board: outputs stay off until a driver pulls it low.
    if (outputEnablePin >= 0) gpio.pull(outputEnablePin, true);
  }

  /** Reads the OE line before the bridges latch their inputs. */
  @Override
  public void actuate(PlantReadout plant, double[] action) {
    if (outputEnablePin >= 0) chip.outputEnable(!gpio.level(outputEnablePin));
  }

  /** Emulates {@code pca9685} devices. */
  public static final class Factory implements EmulationFactory<Pca9685Config> {

    @Override
    public Class<Pca9685Config> config() {
      return Pca9685Config.class;
    }

    @Override
    public Emulation create(Pca9685Config device, EmulationContext context) {
      return new Pca9685Emulation(device, new Pca9685Chip(device.name(), device.address(), context.random()),
          context.gpio());
    }
  }
}
