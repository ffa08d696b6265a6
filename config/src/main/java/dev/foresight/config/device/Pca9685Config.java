package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import tools.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Optional;
import dev.foresight.config.Checks;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;
import java.util.Map;

/**
 * PCA9685 16-channel 12-bit PWM controller. Outputs are referenced as {@code <name>.<channel>}.
 *
 * @param name            device name
 * @param bus             I2C bus, or null for the default bus
 * @param address         0x40..0x7F by the A0..A5 pins (0x70 is the all-call address)
 * @param frequencyHz     PWM frequency, 24..1526 Hz
 * @param outputEnablePin GPIO wired to the chip's active-low OE pin: pulled high in hardware, it
 *                        turns every output off even if the Pi dies
 * @param required        whether the robot cannot run without it
 */
@JsonTypeName("pca9685")
public record Pca9685Config(
    @JsonProperty(required = true) String name,
    Integer bus,
    @JsonDeserialize(using = I2cAddressDeserializer.class)
    @JsonPropertyDescription("0x40..0x7F set by the A0..A5 pins") Integer address,
    @JsonPropertyDescription("PWM frequency in Hz, 24..1526") Double frequencyHz,
    @JsonPropertyDescription("GPIO (BCM) wired to the active-low OE pin, for a hardware off switch")
        Optional<Integer> outputEnablePin,
    Boolean required) implements I2cDeviceConfig {

  public Pca9685Config {
    address = address != null ? address : 0x40;
    frequencyHz = frequencyHz != null ? frequencyHz : 1000.0;
    outputEnablePin = outputEnablePin != null ? outputEnablePin : Optional.empty();
    required = required != null ? required : true;
  }

  @Override
  public List<Integer> pins() {
    return outputEnablePin.map(List::of).orElse(List.of());
  }

  /** Channels {@code 0}..{@code 15}; an action targeting {@code <name>.<n>} sets that channel's duty, 0..1. */
  @Override
  public List<String> outputs() {
    return java.util.stream.IntStream.range(0, 16).mapToObj(Integer::toString).toList();
  }


  /** The PCA9685 as a device type: its PWM frequency range; its outputs may lag in simulation. */
  public static final class Type implements DeviceType<Pca9685Config> {

    @Override
    public Class<Pca9685Config> config() {
      return Pca9685Config.class;
    }

    @Override
    public void check(Pca9685Config p, Checks checks) {
      checks.range("frequency_hz", p.frequencyHz(), 24, 1526, "Hz");
    }

    @Override
    public SimRules sim() {
      return new SimRules(EnumSet.of(SimFaultKind.NACK, SimFaultKind.TIMEOUT), false, true, Map.of());
    }
  }
}
