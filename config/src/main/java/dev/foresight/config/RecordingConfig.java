package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Per-tick recording to MCAP files (docs/recording.md). Ticks go from the control thread to a
 * recorder thread through a bounded queue; when the recorder falls behind, ticks are dropped and
 * counted (the control thread never waits), and the count is written into the file.
 *
 * @param enabled         whether ticks are recorded
 * @param dir             folder for recordings, relative to the working directory
 * @param queueTicks      ticks buffered between the control thread and the recorder before drops
 * @param flushIntervalS  a chunk is written at least this often, so a crash or power cut loses at
 *                        most this much (plus what the disk cache holds without {@code fsync})
 * @param fsync           force every chunk to the disk (survives a power cut; costs a disk flush
 *                        per chunk on the recorder thread, never on the control thread)
 * @param predict         record the world model's prediction of each next state, its ensemble
 *                        spread and its error (when the robot has a world model)
 * @param compression     how chunks are stored: zstd (about 4x smaller) or none
 */
public record RecordingConfig(
    @JsonPropertyDescription("Record every tick to MCAP") Boolean enabled,
    @JsonPropertyDescription("Folder for recordings, relative to the working directory") String dir,
    @JsonPropertyDescription("Ticks buffered for the recorder thread before ticks are dropped (and counted)")
        Integer queueTicks,
    @JsonPropertyDescription("Write a chunk at least this often, in seconds: the most a crash loses")
        Double flushIntervalS,
    @JsonPropertyDescription("Force every chunk to the disk (survives a power cut)") Boolean fsync,
    @JsonPropertyDescription("Record the world model's predicted next state, ensemble spread and error")
        Boolean predict,
    @JsonPropertyDescription("zstd (about 4x smaller) or none") RecordingCompression compression) {

  /** Defaults: off, into {@code recordings/}, 4096 ticks queued, a chunk at least every second, no fsync, predictions on, zstd. */
  public static final RecordingConfig DEFAULT = new RecordingConfig(null, null, null, null, null, null, null);

  public RecordingConfig {
    enabled = enabled != null ? enabled : false;
    dir = dir != null ? dir : "recordings";
    queueTicks = queueTicks != null ? queueTicks : 4096;
    flushIntervalS = flushIntervalS != null ? flushIntervalS : 1.0;
    fsync = fsync != null ? fsync : false;
    predict = predict != null ? predict : true;
    compression = compression != null ? compression : RecordingCompression.ZSTD;
  }

  /** This section, recording or not. */
  public RecordingConfig withEnabled(boolean on) {
    return new RecordingConfig(on, dir, queueTicks, flushIntervalS, fsync, predict, compression);
  }
}
