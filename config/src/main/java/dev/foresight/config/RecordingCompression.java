package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonValue;

/** How recording chunks are stored. */
public enum RecordingCompression {
  /** As they are: any MCAP reader opens them. */
  NONE("none"),
  /** Zstandard: about 4x smaller for Foresight's JSON channels; Foxglove and the MCAP tools read it. */
  ZSTD("zstd");

  private final String id;

  RecordingCompression(String id) {
    this.id = id;
  }

  /** The name used in YAML. */
  @JsonValue
  public String id() {
    return id;
  }
}
