package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

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
}
