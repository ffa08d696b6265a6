package dev.foresight.sim.hardware;

import dev.foresight.config.DcMotorConfig;
import dev.foresight.config.device.HBridgeConfig;
import dev.foresight.config.sim.SimDeviceConfig;
import dev.foresight.config.sim.SimFaultKind;

/**
 * A TB6612FNG-style bridge and the DC motor on it. The bridge's inputs are what the drivers set:
 * PWM duty from a PCA9685 channel, IN1/IN2 (and STBY) from GPIO lines. Per the TB6612 truth
 * table: STBY low or IN1 = IN2 = low leaves the outputs open (coast); IN1 = IN2 = high shorts the
 * motor (brake); otherwise the motor sees the supply for the PWM's high time and is shorted for
 * the rest (drive/brake, "slow decay"), so its average terminal voltage is duty x supply.
 *
 * <p>The motor is quasi-static ({@link DcMotorConfig}): current from terminal voltage and speed,
 * torque from current, Coulomb friction at the output. The bridge draws duty x current from the
 * supply while driving. Commands reach the motor {@code latency} steps late.
 */
public final class HBridgeEmulation implements Emulation {

  /** Bridge states. */
  private static final int COAST = 0;
  private static final int BRAKE = 1;
  private static final int DRIVE = 2;

  private final HBridgeConfig config;
  private final Pca9685Chip pwm;
  private final int pwmChannel;
  private final EmulatedGpio gpio;
  private final Supply supply;
  private final DcMotorConfig motor;
  private final int speedReference;
  private final int actionIndex;
  private final boolean torqueOutput;
  private final int[] modes;
  private final double[] duties;
  private int head;
  private boolean disconnected;
  private double lastCurrentA;

  /**
   * @param motor          the motor, or null when the bridge drives a voltage action directly
   * @param speedReference plant reference of the output speed (rad/s), used with a motor
   * @param actionIndex    the plant action it drives, or -1
   * @param latency        steps between a command and its effect
   */
  HBridgeEmulation(HBridgeConfig config, Pca9685Chip pwm, int pwmChannel, EmulatedGpio gpio, Supply supply,
      DcMotorConfig motor, int speedReference, int actionIndex, int latency) {
    this.config = config;
    this.pwm = pwm;
    this.pwmChannel = pwmChannel;
    this.gpio = gpio;
    this.supply = supply;
    this.motor = motor;
    this.speedReference = speedReference;
    this.actionIndex = actionIndex;
    this.torqueOutput = motor != null;
    this.modes = new int[latency + 1];
    this.duties = new double[latency + 1];
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    if (kind == SimFaultKind.MOTOR_DISCONNECTED) disconnected = active;
  }

  /** Latches the bridge's inputs as the drivers left them; the oldest latched command takes effect. */
  private void latch() {
    boolean standby = config.standbyPin().isPresent() && !gpio.level(config.standbyPin().get());
    boolean in1 = gpio.level(config.in1Pin());
    boolean in2 = gpio.level(config.in2Pin());
    double duty = pwm == null ? 0 : pwm.duty(pwmChannel);
    int mode;
    double signedDuty = 0;
    if (standby || (!in1 && !in2)) {
      mode = COAST;
    } else if (in1 && in2) {
      mode = BRAKE;
    } else {
      mode = DRIVE;
      signedDuty = in1 ? duty : -duty;
    }
    head = (head + 1) % modes.length;
    modes[head] = mode;
    duties[head] = signedDuty;
  }

  /** Latches the inputs and, when bound ({@code drives}), writes its output into the plant action. */
  @Override
  public void actuate(PlantReadout plant, double[] action) {
    double out = output(plant);
    if (actionIndex >= 0) action[actionIndex] = out;
  }

  /**
   * The plant action this bridge produces for the coming step: output torque (N m) through the
   * motor, or the average terminal voltage (V) for plants driven by voltage.
   */
  private double output(PlantReadout plant) {
    latch();
    int oldest = (head + 1) % modes.length;
    int mode = modes[oldest];
    double duty = duties[oldest];
    double volts = mode == DRIVE ? duty * supply.voltage() : 0.0;
    double sign = config.invert() ? -1.0 : 1.0;
    if (!torqueOutput) {
      lastCurrentA = 0;
      return disconnected ? 0.0 : sign * volts;
    }
    double speed = sign * plant.value(speedReference);
    double current = disconnected || mode == COAST ? 0.0 : motor.currentA(volts, speed);
    lastCurrentA = current;
    if (mode == DRIVE) supply.draw(duty * current);   // the supply delivers the winding current during the high time
    double torque = motor.torqueNm(current);
    double friction = motor.frictionNm();
    if (friction > 0) {
      if (Math.abs(speed) > 1e-6) torque -= Math.copySign(friction, speed);
      else torque = Math.abs(torque) <= friction ? 0.0 : torque - Math.copySign(friction, torque);
    }
    return sign * torque;
  }

  /** Motor winding current over the last step, A. */
  double currentA() {
    return lastCurrentA;
  }

  /**
   * Emulates {@code hbridge} devices on the PCA9685 channel their {@code pwm} names, driving the
   * plant action {@code drives} names: a torque (N m) through {@code motor}, or a voltage (V).
   */
  public static final class Factory implements EmulationFactory<HBridgeConfig> {

    @Override
    public Class<HBridgeConfig> config() {
      return HBridgeConfig.class;
    }

    @Override
    public Emulation create(HBridgeConfig h, EmulationContext context) {
      Pca9685Chip pwm = (Pca9685Chip) context.device(h.pwmDevice()).chip();   // the validator made sure
      SimDeviceConfig s = context.sim();
      String at = context.at();
      int action = context.drives();
      DcMotorConfig motor = null;
      int speed = EmulationContext.UNBOUND;
      if (action >= 0) {
        String drives = s.drives().orElseThrow();
        String unit = context.plant().action().get(action).unit();
        if (unit.equals("N*m")) {
          motor = s.motor().orElseThrow(() -> new IllegalArgumentException(at + ".motor: plant action '" + drives
              + "' is a torque; give the motor between the bridge and the plant (resistance_ohm, "
              + "torque_constant_nm_per_a, gear_ratio, efficiency)"));
          String speedName = s.speed().orElseThrow(() -> new IllegalArgumentException(at + ".speed: the motor model "
              + "needs the output speed for its back-EMF; name the plant state variable, e.g. theta_dot"));
          speed = context.plantVariable("speed", speedName);
        } else if (!unit.equals("V")) {
          throw new IllegalArgumentException(at + ".drives: plant action '" + drives + "' is in " + unit
              + "; an hbridge drives a torque (N*m) through its motor, or a voltage (V)");
        }
      }
      return new HBridgeEmulation(h, pwm, h.pwmChannel(), context.gpio(), context.supply(), motor, speed, action,
          s.latencyTicks());
    }
  }
}
