package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Per-tick recording to MCAP files.
 *
 * @param enabled whether ticks are recorded
 * @param dir     folder for recordings, relative to the working directory
 */
public record RecordingConfig(
    @JsonPropertyDescription("Record every tick to MCAP") Boolean enabled,
    @JsonPropertyDescription("Folder for recordings, relative to the working directory") String dir) {

  /** Defaults: off, into {@code recordings/}. */
  public static final RecordingConfig DEFAULT = new RecordingConfig(null, null);

  public RecordingConfig {
    enabled = enabled != null ? enabled : false;
    dir = dir != null ? dir : "recordings";
  }
}
