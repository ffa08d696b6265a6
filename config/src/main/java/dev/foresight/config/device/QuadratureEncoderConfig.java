package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import dev.foresight.config.Checks;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;
import java.util.Map;

/**
 * A quadrature encoder on two GPIO inputs. Channels: {@code position} (rad, or m when
 * {@code wheel_radius_m} is set) and {@code velocity} (rad/s or m/s).
 *
 * @param name          device name
 * @param pinA          GPIO (BCM) for channel A
 * @param pinB          GPIO (BCM) for channel B
 * @param countsPerRev  counts per output-shaft revolution after x4 decoding
 * @param wheelRadiusM  wheel radius; when above 0, positions are in metres
 * @param invert        swap the positive direction
 * @param required      whether the robot cannot run without it
 */
@JsonTypeName("quadrature_encoder")
public record QuadratureEncoderConfig(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) @JsonPropertyDescription("GPIO (BCM) for channel A") Integer pinA,
    @JsonProperty(required = true) @JsonPropertyDescription("GPIO (BCM) for channel B") Integer pinB,
    @JsonProperty(required = true) @JsonPropertyDescription("Counts per output revolution after x4 decoding")
        Integer countsPerRev,
    @JsonPropertyDescription("Wheel radius in m; when set, positions are in metres") Double wheelRadiusM,
    @JsonPropertyDescription("Swap the positive direction") Boolean invert,
    Boolean required) implements DeviceConfig {

  public QuadratureEncoderConfig {
    wheelRadiusM = wheelRadiusM != null ? wheelRadiusM : 0.0;
    invert = invert != null ? invert : false;
    required = required != null ? required : true;
  }

  @Override
  public List<Integer> pins() {
    return pinA != null && pinB != null ? List.of(pinA, pinB) : List.of();
  }

  @Override
  public java.util.List<String> channels() {
    return java.util.List.of("position", "velocity");
  }


  /** The quadrature encoder as a device type; in simulation it measures position only. */
  public static final class Type implements DeviceType<QuadratureEncoderConfig> {

    @Override
    public Class<QuadratureEncoderConfig> config() {
      return QuadratureEncoderConfig.class;
    }

    @Override
    public void check(QuadratureEncoderConfig q, Checks checks) {
      if (q.countsPerRev() <= 0) checks.problem("counts_per_rev", q.countsPerRev() + " must be positive");
      if (!(q.wheelRadiusM() >= 0)) {
        checks.problem("wheel_radius_m", Checks.number(q.wheelRadiusM()) + " must be 0 or positive");
      }
    }

    @Override
    public SimRules sim() {
      return new SimRules(EnumSet.of(SimFaultKind.STUCK, SimFaultKind.NAN), false, false,
          Map.of("velocity", "the driver computes velocity from position; bind position instead"));
    }
  }
}
