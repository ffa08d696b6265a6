package dev.foresight.runtime.replay;

import dev.foresight.runtime.io.RobotIo;
import java.util.List;

/**
 * The robot's I/O as a recording saw it: {@link #sense} gives the tick's recorded raw values and
 * their status, {@link #act} keeps the action (nothing moves) and reports the actuators' recorded
 * status. {@link #at} selects the tick. Allocation-free.
 */
final class ReplayIo implements RobotIo {

  private final RecordedRun run;
  private final int rawSize;
  private final int actions;
  private int index;

  ReplayIo(RecordedRun run) {
    this.run = run;
    this.rawSize = run.rawNames().size();
    this.actions = run.actionNames().size();
  }

  /** The recorded tick the next {@link #sense} and {@link #act} stand for (0-based). */
  void at(int tickIndex) {
    index = tickIndex;
  }

  @Override
  public List<String> rawNames() {
    return run.rawNames();
  }

  @Override
  public void sense(long nowNs, double[] raw, byte[] status) {
    System.arraycopy(run.raw(), index * rawSize, raw, 0, rawSize);
    System.arraycopy(run.rawStatus(), index * rawSize, status, 0, rawSize);
  }

  @Override
  public void act(long nowNs, double[] action) {}

  @Override
  public void actionStatus(byte[] status) {
    System.arraycopy(run.actStatus(), index * actions, status, 0, Math.min(actions, status.length));
  }

  @Override
  public void safe() {}

  @Override
  public void close() {}
}
