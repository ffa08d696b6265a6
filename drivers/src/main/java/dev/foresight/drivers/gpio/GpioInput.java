package dev.foresight.drivers.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import dev.foresight.config.device.GpioInputConfig;
import dev.foresight.drivers.DeviceBase;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import java.util.List;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Wiring;

/**
 * A digital input (an e-stop button, a limit switch): channel {@code active}, 1 when active and 0
 * when not, honouring {@code active_low}. Read by level every tick; no bus transfer.
 *
 * <p>For an e-stop, wire a normally-closed switch so that a broken wire reads active: to GND with
 * {@code pull: up} and {@code active_low: false} (pressed opens the switch and the pull-up wins).
 */
public final class GpioInput extends DeviceBase implements Sensor {

  private static final List<String> CHANNELS = List.of("active");

  private final GpioInputConfig gpio;
  private DigitalInput input;

  public GpioInput(GpioInputConfig config, DriverContext context) {
    super(config, context);
    this.gpio = config;
  }

  @Override
  public String location() {
    return "GPIO " + gpio.pin() + " (pull " + gpio.pull().id() + ", active " + (gpio.activeLow() ? "low)" : "high)");
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public SelfTest start(long nowNs) {
    try {
      PullResistance pull = switch (gpio.pull()) {
        case UP -> PullResistance.PULL_UP;
        case DOWN -> PullResistance.PULL_DOWN;
        case NONE -> PullResistance.OFF;
      };
      input = context.pi4j().create(DigitalInput.newConfigBuilder(context.pi4j())
          .id(gpio.name()).name(gpio.name()).address(gpio.pin()).pull(pull).build());
    } catch (RuntimeException e) {
      return SelfTest.missing("cannot claim GPIO " + gpio.pin() + ": " + e.getMessage()
          + "; is another program using it? (add the user to the gpio group)");
    }
    return SelfTest.ok(active() ? "reads active" : "reads inactive");
  }

  /** Whether the input is active now. */
  public boolean active() {
    return input != null && (input.state() == DigitalState.LOW) == gpio.activeLow();
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
    values[offset] = (level == DigitalState.LOW) == gpio.activeLow() ? 1.0 : 0.0;
    status[offset] = Status.OK;
  }

  @Override
  public void close() {
    release(input);
    input = null;
  }

  /** Builds {@code GpioInput} drivers for {@code GpioInputConfig} devices. */
  public static final class Factory implements DriverFactory<GpioInputConfig> {

    @Override
    public Class<GpioInputConfig> config() {
      return GpioInputConfig.class;
    }

    @Override
    public Device create(GpioInputConfig device, DriverContext context, Wiring wiring) {
      return new GpioInput(device, context);
    }
  }
}
