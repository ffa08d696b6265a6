package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Identity of a robot.
 *
 * @param id          short id used in MQTT topics and recordings: lowercase letters, digits, '-' and '_'
 * @param description free text for people
 */
public record RobotInfo(
    @JsonProperty(required = true)
        @JsonPropertyDescription("Short id used in MQTT topics and file names: [a-z0-9][a-z0-9_-]*, at most 64 characters")
        String id,
    @JsonPropertyDescription("Free text for people") String description) {

  public RobotInfo {
    description = description != null ? description : "";
  }
}
