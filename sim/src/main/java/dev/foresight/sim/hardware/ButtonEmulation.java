package dev.foresight.sim.hardware;

import dev.foresight.config.device.GpioInputConfig;
import dev.foresight.config.sim.SimFaultKind;

/**
 * A button or switch on a GPIO input with its resistor: released it reads inactive, pressed (an
 * {@code active} fault) it reads active; a {@code stuck} fault freezes the line where it is.
 */
public final class ButtonEmulation implements Emulation {

  private final GpioInputConfig config;
  private final EmulatedGpio gpio;
  private boolean stuck;

  ButtonEmulation(GpioInputConfig config, EmulatedGpio gpio) {
    this.config = config;
    this.gpio = gpio;
    press(false);
  }

  @Override
  public String name() {
    return config.name();
  }

  /** Presses or releases the button. */
  void press(boolean pressed) {
    if (stuck) return;
    gpio.drive(config.pin(), pressed != config.activeLow());
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    switch (kind) {
      case ACTIVE -> press(active);
      case STUCK -> stuck = active;
      default -> { }
    }
  }

  /** Emulates {@code gpio_input} devices as buttons, released at start. */
  public static final class Factory implements EmulationFactory<GpioInputConfig> {

    @Override
    public Class<GpioInputConfig> config() {
      return GpioInputConfig.class;
    }

    @Override
    public Emulation create(GpioInputConfig device, EmulationContext context) {
      return new ButtonEmulation(device, context.gpio());
    }
  }
}
