package dev.foresight.sim.hardware.pi4j;

import com.pi4j.io.exception.IOException;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalOutputBase;
import com.pi4j.io.gpio.digital.DigitalOutputConfig;
import com.pi4j.io.gpio.digital.DigitalOutputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import dev.foresight.sim.hardware.EmulatedGpio;

/** A Pi4J digital output on an emulated GPIO line; its shutdown state is applied like any Pi4J output's. */
final class SimDigitalOutput extends DigitalOutputBase {

  private final EmulatedGpio gpio;
  private final int line;

  SimDigitalOutput(DigitalOutputProvider provider, DigitalOutputConfig config, EmulatedGpio gpio) {
    super(provider, config);
    this.gpio = gpio;
    this.line = config.address();
  }

  @Override
  public DigitalOutput state(DigitalState state) throws IOException {
    if (gpio.writeFails(line)) throw new IOException("GPIO " + line + " write failed (simulated fault)");
    if (this.state != state) {
      this.state = state;
      if (hasListenersOrBindings()) dispatch(new DigitalStateChangeEvent<>(this, state));
    }
    gpio.write(line, state == DigitalState.HIGH);
    return this;
  }
}
