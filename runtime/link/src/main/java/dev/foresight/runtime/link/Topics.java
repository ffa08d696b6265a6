package dev.foresight.runtime.link;

/**
 * The topic tree, {@code foresight/<robot-id>/...} (../shared/ARCHITECTURE.md, docs/telemetry.md).
 *
 * @param status    retained birth/offline status, QoS 1
 * @param telemetry flat JSON samples, QoS 0
 * @param events    faults, mode changes, e-stops, QoS 1
 * @param plan      predicted trajectory, QoS 0
 * @param metrics   loop timing and link counters, QoS 0
 * @param commands  the filter the robot subscribes to for commands
 * @param ack       the fallback acknowledgement topic
 */
public record Topics(String status, String telemetry, String events, String plan, String metrics, String commands,
    String ack) {

  /** The topics of robot {@code robotId}. */
  public static Topics of(String robotId) {
    String r = root(robotId);
    return new Topics(r + "status", r + "telemetry", r + "events", r + "plan", r + "metrics", r + "cmd/+",
        r + "cmd/ack");
  }

  /** {@code foresight/<robot-id>/}. */
  public static String root(String robotId) {
    return "foresight/" + robotId + "/";
  }
}
