package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** The hardware platform devices are reached through. */
public enum Platform {
  /** Register-level chip emulations driven by the simulator's plant. */
  SIM("sim"),
  /** A Raspberry Pi 4/5 (or compatible board) through Pi4J's Linux providers. */
  RASPBERRYPI("raspberrypi");

  private final String id;

  Platform(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
