package dev.foresight.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import dev.foresight.config.device.GpioInputConfig;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import java.util.List;

/**
 * A digital input (an e-stop button, a limit switch): channel {@code active}, 1 when active and 0
 * when not, honouring {@code active_low}. Read by level every tick; no bus transfer.
 *
 * <p>For an e-stop, wire a normally-closed switch so that a broken wire reads active: to GND with
 * {@code pull: up} and {@code active_low: false} (pressed opens the switch and the pull-up wins).
 */
public final class GpioInput implements Sensor {

  private static final List<String> CHANNELS = List.of("active");

  private final GpioInputConfig config;
  private final DriverContext context;
  private DigitalInput input;

  public GpioInput(GpioInputConfig config, DriverContext context) {
    this.config = config;
    this.context = context;
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public String type() {
    return config.type();
  }

  @Override
  public String location() {
    return "GPIO " + config.pin() + " (pull " + config.pull().id() + ", active " + (config.activeLow() ? "low)" : "high)");
  }

  @Override
  public boolean required() {
    return config.required();
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public SelfTest start(long nowNs) {
    try {
      PullResistance pull = switch (config.pull()) {
        case UP -> PullResistance.PULL_UP;
        case DOWN -> PullResistance.PULL_DOWN;
        case NONE -> PullResistance.OFF;
      };
      input = context.pi4j().create(DigitalInput.newConfigBuilder(context.pi4j())
          .id(config.name()).name(config.name()).address(config.pin()).pull(pull).build());
    } catch (RuntimeException e) {
      return SelfTest.missing("cannot claim GPIO " + config.pin() + ": " + e.getMessage()
          + "; is another program using it? (add the user to the gpio group)");
    }
    return SelfTest.ok(active() ? "reads active" : "reads inactive");
  }

  /** Whether the input is active now. */
  public boolean active() {
    return input != null && (input.state() == DigitalState.LOW) == config.activeLow();
  }

  @Override
  public void read(long nowNs, double[] values, byte[] status, int offset) {
    DigitalState level;
    try {
      level = input != null ? input.state() : DigitalState.UNKNOWN;
    } catch (RuntimeException e) {
      level = DigitalState.UNKNOWN;
    }
    if (level == DigitalState.UNKNOWN) {
      values[offset] = Double.NaN;
      status[offset] = Status.NO_RESPONSE;
      return;
    }
    values[offset] = (level == DigitalState.LOW) == config.activeLow() ? 1.0 : 0.0;
    status[offset] = Status.OK;
  }

  @Override
  public void close() {
    if (input == null) return;
    try {
      context.pi4j().shutdown(input.id());
    } catch (RuntimeException e) {
      // already shut down with the context
    }
    input = null;
  }
}
