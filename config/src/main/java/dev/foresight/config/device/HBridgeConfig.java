package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.foresight.config.Checks;
import dev.foresight.config.Suggestions;
import dev.foresight.config.sim.SimFaultKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/**
 * A DC motor on an H-bridge (TB6612FNG or DRV8833 style): speed from a PWM output, direction from
 * two GPIO pins. Command: signed duty in [-1, 1], or volts when {@code supply_voltage_v} is known.
 *
 * @param name          device name
 * @param pwm           PWM output driving the bridge's enable/PWM input, as {@code <pca9685>.<channel>}
 * @param in1Pin        GPIO (BCM) for direction input 1
 * @param in2Pin        GPIO (BCM) for direction input 2
 * @param standbyPin    GPIO (BCM) for the TB6612's STBY input, when wired
 * @param supplyVoltageV motor supply voltage, to convert volts to duty
 * @param deadband      duty below which the motor does not turn; commands are shifted past it
 * @param safeState     brake (both low-side on) or coast (outputs open) when stopped
 * @param invert        swap the motor's positive direction
 * @param required      whether the robot cannot run without it
 * @param currentSensor an {@code ina219} measuring this motor's supply current, for open-load
 *                      (disconnected motor) detection
 * @param openLoadCurrentA below this supply current, a motor driven at half duty or more for five
 *                      ticks is reported disconnected
 */
@JsonTypeName("hbridge")
public record HBridgeConfig(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) @JsonPropertyDescription("PWM output as <pca9685 device>.<channel 0..15>")
        String pwm,
    @JsonProperty(required = true) @JsonPropertyDescription("GPIO (BCM) for IN1") Integer in1Pin,
    @JsonProperty(required = true) @JsonPropertyDescription("GPIO (BCM) for IN2") Integer in2Pin,
    @JsonPropertyDescription("GPIO (BCM) for the TB6612 STBY input") Optional<Integer> standbyPin,
    @JsonPropertyDescription("Motor supply voltage in V") Double supplyVoltageV,
    @JsonPropertyDescription("Duty below which the motor does not turn, 0..0.5") Double deadband,
    @JsonPropertyDescription("brake or coast when stopped") SafeState safeState,
    @JsonPropertyDescription("Swap the positive direction") Boolean invert,
    Boolean required,
    @JsonPropertyDescription("An ina219 measuring this motor's supply current, for open-load detection")
        Optional<String> currentSensor,
    @JsonPropertyDescription("Supply current in A below which a motor driven at half duty or more is reported disconnected")
        Double openLoadCurrentA) implements DeviceConfig {

  public HBridgeConfig {
    standbyPin = standbyPin != null ? standbyPin : Optional.empty();
    supplyVoltageV = supplyVoltageV != null ? supplyVoltageV : 12.0;
    deadband = deadband != null ? deadband : 0.0;
    safeState = safeState != null ? safeState : SafeState.BRAKE;
    invert = invert != null ? invert : false;
    required = required != null ? required : true;
    currentSensor = currentSensor != null ? currentSensor : Optional.empty();
    openLoadCurrentA = openLoadCurrentA != null ? openLoadCurrentA : 0.05;
  }

  @Override
  public List<String> outputs() {
    return List.of("");
  }

  /** The PCA9685 device {@link #pwm} names: {@code motor_pwm} of {@code motor_pwm.0}; empty without a {@code .}. */
  public String pwmDevice() {
    int dot = pwm.lastIndexOf('.');
    return dot <= 0 ? "" : pwm.substring(0, dot);
  }

  /** The channel {@link #pwm} names, or -1 when it is not a one- or two-digit number. */
  public int pwmChannel() {
    String channel = pwm.substring(pwm.lastIndexOf('.') + 1);
    return channel.matches("\\d{1,2}") ? Integer.parseInt(channel) : -1;
  }

  @Override
  public List<String> usesOutputs() {
    return List.of(pwm);
  }

  @Override
  public List<String> dependsOn() {
    List<String> devices = new ArrayList<>(List.of(pwmDevice()));
    currentSensor.ifPresent(devices::add);
    return List.copyOf(devices);
  }

  @Override
  public List<Integer> pins() {
    List<Integer> pins = new ArrayList<>();
    if (in1Pin != null) pins.add(in1Pin);
    if (in2Pin != null) pins.add(in2Pin);
    standbyPin.ifPresent(pins::add);
    return List.copyOf(pins);
  }

  /** What the bridge does when stopped. */
  public enum SafeState {
    /** Short the motor through the low-side switches: stops quickly. */
    BRAKE("brake"),
    /** Leave the outputs open: the motor spins down freely. */
    COAST("coast");

    private final String id;

    SafeState(String id) {
      this.id = id;
    }

    /** The name used in YAML. */
    @JsonValue
    public String id() {
      return id;
    }
  }

  /**
   * The H-bridge as a device type: positive supply voltage and open-load current, a small
   * deadband, a PWM output on a declared PCA9685, an INA219 as current sensor.
   */
  public static final class Type implements DeviceType<HBridgeConfig> {

    @Override
    public Class<HBridgeConfig> config() {
      return HBridgeConfig.class;
    }

    @Override
    public void check(HBridgeConfig h, Checks checks) {
      checks.positive("supply_voltage_v", h.supplyVoltageV(), "V");
      checks.range("deadband", h.deadband(), 0, 0.5, "");
      checks.positive("open_load_current_a", h.openLoadCurrentA(), "A");
      h.currentSensor().ifPresent(name -> {
        Optional<DeviceConfig> device = checks.robot().device(name);
        if (device.isEmpty()) {
          checks.problem("current_sensor", "no device named '" + name + "'" + hint(name, checks));
        } else if (!(device.get() instanceof Ina219Config)) {
          checks.problem("current_sensor", "device '" + name + "' is " + Checks.article(device.get().type())
              + ", not an ina219");
        }
      });
      pwm(h, checks);
    }

    /** The PWM reference must name a declared PCA9685 and one of its 16 channels. */
    private static void pwm(HBridgeConfig h, Checks checks) {
      if (h.pwmDevice().isEmpty()) {
        checks.problem("pwm", "'" + h.pwm() + "' is not <pca9685 device>.<channel>, e.g. motor_pwm.0");
        return;
      }
      String name = h.pwmDevice();
      Optional<DeviceConfig> device = checks.robot().device(name);
      if (device.isEmpty()) {
        checks.problem("pwm", "no device named '" + name + "'" + hint(name, checks));
      } else if (!(device.get() instanceof Pca9685Config)) {
        checks.problem("pwm", "device '" + name + "' is a " + device.get().type() + ", not a pca9685");
      }
      if (h.pwmChannel() < 0 || h.pwmChannel() > 15) {
        checks.problem("pwm", "'" + h.pwm().substring(name.length() + 1) + "' is not a PCA9685 channel (0..15)");
      }
    }

    private static String hint(String name, Checks checks) {
      return Suggestions.hint(name, checks.robot().devices().stream().map(DeviceConfig::name).toList());
    }

    @Override
    public SimRules sim() {
      return new SimRules(EnumSet.of(SimFaultKind.MOTOR_DISCONNECTED), true, true, Map.of());
    }
  }
}
