package dev.foresight.sim.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.exception.InitializeException;
import com.pi4j.exception.ShutdownException;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputBase;
import com.pi4j.io.gpio.digital.DigitalInputConfig;
import com.pi4j.io.gpio.digital.DigitalInputProvider;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import dev.foresight.sim.hardware.EmulatedGpio;
import java.util.Arrays;

/**
 * A Pi4J digital input on an emulated GPIO line. Edges reach listeners as Pi4J state-change
 * events, like the gpiod provider's, but from two preallocated events and a plain array, so an
 * encoder producing thousands of edges per simulated step allocates nothing.
 */
final class SimDigitalInput extends DigitalInputBase implements EmulatedGpio.EdgeListener {

  private final EmulatedGpio gpio;
  private final int line;
  private final DigitalStateChangeEvent<DigitalInput> high;
  private final DigitalStateChangeEvent<DigitalInput> low;
  private volatile DigitalStateChangeListener[] listeners = new DigitalStateChangeListener[0];

  SimDigitalInput(DigitalInputProvider provider, DigitalInputConfig config, EmulatedGpio gpio) {
    super(provider, config);
    this.gpio = gpio;
    this.line = config.address();
    this.high = new DigitalStateChangeEvent<>(this, DigitalState.HIGH);
    this.low = new DigitalStateChangeEvent<>(this, DigitalState.LOW);
  }

  @Override
  public DigitalInput initialize(Context context) throws InitializeException {
    super.initialize(context);
    PullResistance pull = config().pull();
    gpio.input(line, pull == PullResistance.PULL_UP ? Boolean.TRUE : pull == PullResistance.PULL_DOWN ? Boolean.FALSE
        : null, this);
    return this;
  }

  @Override
  public DigitalState state() {
    return gpio.level(line) ? DigitalState.HIGH : DigitalState.LOW;
  }

  @Override
  public synchronized DigitalInput addListener(DigitalStateChangeListener... added) {
    DigitalStateChangeListener[] next = Arrays.copyOf(listeners, listeners.length + added.length);
    System.arraycopy(added, 0, next, listeners.length, added.length);
    listeners = next;
    return this;
  }

  @Override
  public synchronized DigitalInput removeListener(DigitalStateChangeListener... removed) {
    listeners = Arrays.stream(listeners).filter(l -> !Arrays.asList(removed).contains(l))
        .toArray(DigitalStateChangeListener[]::new);
    return this;
  }

  @Override
  public boolean hasListenersOrBindings() {
    return listeners.length > 0 || super.hasListenersOrBindings();
  }

  @Override
  public void edge(boolean isHigh) {
    DigitalStateChangeEvent<DigitalInput> event = isHigh ? high : low;
    for (DigitalStateChangeListener l : listeners) l.onDigitalStateChange(event);
  }

  @Override
  public DigitalInput shutdown(Context context) throws ShutdownException {
    gpio.detach(line);
    listeners = new DigitalStateChangeListener[0];
    return super.shutdown(context);
  }
}
