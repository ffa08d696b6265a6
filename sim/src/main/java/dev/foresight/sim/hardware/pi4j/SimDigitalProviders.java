package dev.foresight.sim.hardware.pi4j;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProviderBase;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProviderBase;
import dev.foresight.sim.hardware.EmulatedGpio;

/** Pi4J digital input and output providers backed by the simulator's emulated GPIO lines. */
public final class SimDigitalProviders {

  /** Input provider id. */
  public static final String INPUT_ID = "foresight-sim-digital-input";
  /** Output provider id. */
  public static final String OUTPUT_ID = "foresight-sim-digital-output";

  private SimDigitalProviders() {}

  /** Digital inputs on emulated lines. */
  public static final class Inputs extends DigitalInputProviderBase {
    private final EmulatedGpio gpio;

    /** Inputs on {@code gpio}. */
    public Inputs(EmulatedGpio gpio) {
      super(INPUT_ID, "Foresight simulated digital input");
      this.gpio = gpio;
    }

    @Override
    public int getPriority() {
      return 1000;
    }

    @Override
    public DigitalInput create(DigitalInputConfig config) {
      checkLine(config.address());
      SimDigitalInput input = new SimDigitalInput(this, config, gpio);
      this.context.registry().add(input);
      return input;
    }
  }

  /** Digital outputs on emulated lines. */
  public static final class Outputs extends DigitalOutputProviderBase {
    private final EmulatedGpio gpio;

    /** Outputs on {@code gpio}. */
    public Outputs(EmulatedGpio gpio) {
      super(OUTPUT_ID, "Foresight simulated digital output");
      this.gpio = gpio;
    }

    @Override
    public int getPriority() {
      return 1000;
    }

    @Override
    public DigitalOutput create(DigitalOutputConfig config) {
      checkLine(config.address());
      SimDigitalOutput output = new SimDigitalOutput(this, config, gpio);
      this.context.registry().add(output);
      return output;
    }
  }

  private static void checkLine(Integer line) {
    if (line == null || line < 0 || line >= EmulatedGpio.LINES) {
      throw new Pi4JException("GPIO " + line + " is not a line of the 40-pin header (BCM 0.." + (EmulatedGpio.LINES - 1) + ")");
    }
  }
}
