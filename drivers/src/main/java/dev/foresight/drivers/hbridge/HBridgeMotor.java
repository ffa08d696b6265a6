package dev.foresight.drivers.hbridge;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.foresight.config.device.HBridgeConfig;
import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.DeviceBase;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.ina219.Ina219;
import dev.foresight.drivers.pca9685.PwmChannel;
import java.util.Locale;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Wiring;
import dev.foresight.drivers.pca9685.Pca9685;

/**
 * A DC motor on a TB6612FNG-style H-bridge: speed from a PCA9685 channel on the bridge's PWM
 * input, direction from IN1/IN2, optional STBY. The command is volts when the action's unit is
 * {@code V} (duty = volts / {@code supply_voltage_v}), otherwise a duty in [-1, 1]; non-zero
 * duties are shifted past the {@code deadband}. Truth table used (TB6612FNG datasheet): IN1 high,
 * IN2 low drives forward; IN1 low, IN2 high reverse; PWM low shorts the motor (so duty 0 brakes);
 * IN1 = IN2 = high brakes; IN1 = IN2 = low or STBY low leaves it open (coast).
 *
 * <p>Safe state, as configured: {@code brake} (IN1 = IN2 = high, PWM off, STBY high) or
 * {@code coast} (IN1 = IN2 = low, PWM off, STBY low). Pi4J applies the same levels to the pins
 * when its context shuts down.
 *
 * <p>With a {@code current_sensor}, a motor commanded at half duty or more for five ticks while
 * the supply current stays below {@code open_load_current_a} is reported disconnected (status
 * invalid). A write is one PCA9685 transfer plus GPIO writes when the direction changes.
 */
public final class HBridgeMotor extends DeviceBase implements Actuator {

  private static final int OPEN_LOAD_TICKS = 5;

  private final HBridgeConfig bridge;
  private final PwmChannel pwm;
  private final Ina219 currentSensor;
  private final boolean volts;
  private DigitalOutput in1;
  private DigitalOutput in2;
  private DigitalOutput standby;
  /** Direction the pins are set for: +1 forward, -1 reverse, 0 the safe pattern, 2 unknown. */
  private int direction = 2;
  private double lastDuty;
  private int openLoadTicks;
  private boolean open;

  /**
   * @param pwm           the PCA9685 channel on the bridge's PWM input
   * @param currentSensor the INA219 on the motor's supply, or null
   * @param volts         whether commands are volts (else duty)
   */
  public HBridgeMotor(HBridgeConfig config, DriverContext context, PwmChannel pwm, Ina219 currentSensor, boolean volts) {
    super(config, context);
    this.bridge = config;
    this.pwm = pwm;
    this.currentSensor = currentSensor;
    this.volts = volts;
  }

  @Override
  public String location() {
    return "GPIO " + bridge.in1Pin() + "/" + bridge.in2Pin() + bridge.standbyPin().map(p -> "/" + p + " (IN1/IN2/STBY)")
        .orElse(" (IN1/IN2)") + ", PWM " + bridge.pwm();
  }

  @Override
  public SelfTest start(long nowNs) {
    boolean brake = bridge.safeState() == HBridgeConfig.SafeState.BRAKE;
    DigitalState idle = brake ? DigitalState.HIGH : DigitalState.LOW;
    try {
      in1 = output("in1", bridge.in1Pin(), idle);
      in2 = output("in2", bridge.in2Pin(), idle);
      if (bridge.standbyPin().isPresent()) standby = output("stby", bridge.standbyPin().get(), idle);
    } catch (RuntimeException e) {
      return SelfTest.missing("cannot claim the GPIO lines: " + e.getMessage()
          + "; is another program using them? (add the user to the gpio group)");
    }
    String safe = verifySafe();
    if (!safe.isEmpty()) return SelfTest.fault("", safe);
    return SelfTest.ok(String.format(Locale.ROOT, "H-bridge, %s, %s", volts ? "volts on " + bridge.supplyVoltageV()
        + " V" : "duty", bridge.safeState().id()));
  }

  private DigitalOutput output(String role, int pin, DigitalState idle) {
    return context.pi4j().create(DigitalOutput.newConfigBuilder(context.pi4j())
        .id(bridge.name() + "-" + role).name(bridge.name() + " " + role.toUpperCase(Locale.ROOT)).address(pin)
        .initial(idle).shutdown(idle).build());
  }

  /** Volts or duty in; duty with the deadband out, in [-1, 1]. */
  double duty(double command) {
    double d = volts ? command / bridge.supplyVoltageV() : command;
    if (Double.isNaN(d)) return 0.0;
    d = Math.max(-1.0, Math.min(1.0, d));
    if (bridge.invert()) d = -d;
    if (d == 0.0) return 0.0;
    return Math.copySign(bridge.deadband() + (1.0 - bridge.deadband()) * Math.abs(d), d);
  }

  @Override
  public byte write(long nowNs, double command) {
    if (in1 == null) return Status.NO_RESPONSE;
    byte openLoad = checkOpenLoad();
    double d = duty(command);
    byte pins = Status.OK;
    // Zero keeps the pins as they are: PWM off brakes while driving, and the safe state stays put.
    int wanted = d > 0 ? 1 : d < 0 ? -1 : direction;
    if (wanted != direction) {
      try {
        if (standby != null) standby.high();
        in1.state(wanted > 0 ? DigitalState.HIGH : DigitalState.LOW);
        in2.state(wanted > 0 ? DigitalState.LOW : DigitalState.HIGH);
        direction = wanted;
      } catch (RuntimeException e) {
        pins = Status.NO_RESPONSE;
        direction = 2;
      }
    }
    byte written = pwm.write(nowNs, Math.abs(d));
    lastDuty = pins == Status.OK && written != Status.NO_RESPONSE ? d : 0.0;
    return Status.worst(Status.worst(pins, written), openLoad);
  }

  /** Checks the last tick's command against the current the sensor just read. */
  private byte checkOpenLoad() {
    if (currentSensor == null) return Status.OK;
    byte sensed = currentSensor.lastCurrentStatus();
    if (Math.abs(lastDuty) >= 0.5 && sensed == Status.OK
        && Math.abs(currentSensor.lastCurrentA()) < bridge.openLoadCurrentA()) {
      openLoadTicks++;
    } else if (sensed == Status.OK || sensed == Status.INVALID) {
      openLoadTicks = 0;           // current flows (an invalid INA219 current is one past its range)
    }
    open = openLoadTicks >= OPEN_LOAD_TICKS;
    return open ? Status.INVALID : Status.OK;
  }

  /** Whether the motor looks disconnected (open load). */
  public boolean disconnected() {
    return open;
  }

  @Override
  public byte safe() {
    if (in1 == null) return Status.NO_RESPONSE;
    boolean brake = bridge.safeState() == HBridgeConfig.SafeState.BRAKE;
    DigitalState level = brake ? DigitalState.HIGH : DigitalState.LOW;
    byte result = pwm.safe();
    try {
      in1.state(level);
      in2.state(level);
      if (standby != null) standby.state(level);
    } catch (RuntimeException e) {
      result = Status.NO_RESPONSE;
    }
    direction = 0;
    lastDuty = 0.0;
    return result;
  }

  @Override
  public String safeState() {
    return bridge.safeState().id();
  }

  @Override
  public String verifySafe() {
    if (safe() != Status.OK) return "cannot reach the " + safeState() + " state (PWM or GPIO write failed)";
    DigitalState level = bridge.safeState() == HBridgeConfig.SafeState.BRAKE ? DigitalState.HIGH : DigitalState.LOW;
    if (in1.state() != level || in2.state() != level || (standby != null && standby.state() != level)) {
      return "IN1/IN2/STBY do not read " + level + " after " + safeState();
    }
    String pwmOff = pwm.verifySafe();
    return pwmOff.isEmpty() ? "" : "PWM " + pwmOff;
  }

  /** The duty applied by the last write, signed, after deadband and inversion. */
  public double lastDuty() {
    return lastDuty;
  }

  @Override
  public void close() {
    safe();
    release(in1);
    release(in2);
    release(standby);
    in1 = null;
    in2 = null;
    standby = null;
  }

  /**
   * Builds {@code HBridgeMotor} drivers on the PCA9685 channel and INA219 the config names, taking
   * volts when the action targeting the bridge is in V.
   */
  public static final class Factory implements DriverFactory<HBridgeConfig> {

    @Override
    public Class<HBridgeConfig> config() {
      return HBridgeConfig.class;
    }

    @Override
    public Device create(HBridgeConfig device, DriverContext context, Wiring wiring) {
      PwmChannel pwm = wiring.device(device.pwmDevice(), Pca9685.class).channel(device.pwmChannel());
      Ina219 sensor = device.currentSensor().map(name -> wiring.device(name, Ina219.class)).orElse(null);
      boolean volts = wiring.robot().action().stream()
          .anyMatch(a -> a.target().equals(device.name()) && a.unit().equals("V"));
      return new HBridgeMotor(device, context, pwm, sensor, volts);
    }
  }
}
