/**
 * Recording a robot to MCAP ({@code docs/recording.md}): {@link dev.foresight.runtime.record.LiveRecording}
 * attaches a tap to the loop and writes every tick and event on a recorder thread through a
 * {@link dev.foresight.runtime.record.Recorder} (JSON-schema channels named in
 * {@link dev.foresight.runtime.record.RecordingLayout}, run metadata, the world model's one-step
 * prediction and error); drops are counted into the file, never waited for.
 * {@link dev.foresight.runtime.record.RecordingSummary} and
 * {@link dev.foresight.runtime.record.RecordingExport} read recordings back ({@code foresight log}).
 *
 * <pre>{@code
 * LiveRecording recording = LiveRecording.start(robot, "foresight 0.1");   // before robot.start
 * robot.start(durationNs);   // the FLUSH shutdown stage closes the file
 * }</pre>
 */
package dev.foresight.runtime.record;
