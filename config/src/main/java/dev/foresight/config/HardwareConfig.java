package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Which hardware the configured devices live on.
 *
 * @param platform   {@code sim} (emulated chips driven by the simulator) or {@code raspberrypi}
 * @param defaultBus I2C bus number used by devices that do not name one
 */
public record HardwareConfig(
    @JsonPropertyDescription("sim: emulated chips driven by the simulator; raspberrypi: real pins via Pi4J")
        Platform platform,
    @JsonPropertyDescription("I2C bus used by devices that do not name one (1 on a Raspberry Pi)")
        Integer defaultBus) {

  /** Defaults: simulated hardware, I2C bus 1. */
  public static final HardwareConfig DEFAULT = new HardwareConfig(null, null);

  public HardwareConfig {
    platform = platform != null ? platform : Platform.SIM;
    defaultBus = defaultBus != null ? defaultBus : 1;
  }
}
