package dev.foresight.runtime.link;

import dev.foresight.config.Angles;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickQueue;
import dev.foresight.runtime.trust.TrustStage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How well the robot's world model predicts what actually happens, for {@code metrics}: a tap on
 * the loop hands every tick to the network thread, which reads the loop's own one-step prediction
 * from the frame (made on the control thread from the previous tick's state and applied action)
 * beside the state that came. {@link #take()} gives, over the ticks since the last take,
 * {@code model_error}: the RMS of the error vector's length (in the state variables' own units),
 * {@code model_error.<name>}: the RMS error per variable, and with a calibrated model {@code trust}:
 * the trust monitor's largest statistic (1.0 is its alarm line), {@code trust_alarms}: its alarms;
 * {@code model_version}: the online correction in force at the latest tick (0: the model alone).
 * A model that stops predicting the robot (a heavier load, a worn motor, a state it never saw)
 * shows here first.
 */
final class ModelErrorWatch implements AutoCloseable {

  private static final int TICKS_PER_DRAIN = 4096;

  private final TickQueue queue;
  private final List<String> names;
  private final boolean[] wrapped;
  private final boolean monitored;
  private final double[] sumSquares;
  private double sumNormSquares;
  private long count;
  private double trustMax;
  private long trustAlarms;
  private long trustTicks;
  private int modelVersion;

  private ModelErrorWatch(TickQueue queue, List<String> names, boolean[] wrapped, boolean monitored) {
    this.queue = queue;
    this.names = names;
    this.wrapped = wrapped;
    this.monitored = monitored;
    this.sumSquares = new double[names.size()];
  }

  /** A watch for {@code robot}, or empty when it has no world model; call before the loop starts. */
  static Optional<ModelErrorWatch> attach(Robot robot) {
    TrustStage trust = robot.loop().trust();
    if (!trust.predicts()) return Optional.empty();
    boolean[] wrapped = new boolean[robot.config().state().size()];
    for (int i = 0; i < wrapped.length; i++) wrapped[i] = robot.config().state().get(i).wrap();
    return Optional.of(new ModelErrorWatch(robot.loop().addTap(Phase.RECORD, 1024, 1), robot.config().stateNames(),
        wrapped, trust.monitors()));
  }

  /** Network thread: takes in every tick queued since the last call. */
  void drain() {
    queue.drain(f -> {
      if (!f.predictionValid) return;
      double norm = 0;
      synchronized (this) {
        for (int i = 0; i < sumSquares.length; i++) {
          double e = f.state[i] - f.predicted[i];
          if (wrapped[i]) e = Angles.wrap(e);
          sumSquares[i] += e * e;
          norm += e * e;
        }
        sumNormSquares += norm;
        count++;
        modelVersion = f.modelVersion;
        if (monitored) {
          trustMax = Math.max(trustMax, f.trust);
          if (f.trustAlarm) trustAlarms++;
          trustTicks++;
        }
      }
    }, TICKS_PER_DRAIN);
  }

  /** The error over the ticks compared since the last take; empty when none were. */
  synchronized Map<String, Double> take() {
    if (count == 0) return Map.of();
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("model_error", Math.sqrt(sumNormSquares / count));
    for (int i = 0; i < names.size(); i++) {
      m.put("model_error." + names.get(i), Math.sqrt(sumSquares[i] / count));
      sumSquares[i] = 0;
    }
    m.put("model_version", (double) modelVersion);
    if (trustTicks > 0) {
      m.put("trust", trustMax);
      m.put("trust_alarms", (double) trustAlarms);
    }
    sumNormSquares = 0;
    count = 0;
    trustMax = 0;
    trustAlarms = 0;
    trustTicks = 0;
    return m;
  }

  /** Ticks dropped because the network thread fell behind. */
  long dropped() {
    return queue.dropped();
  }

  @Override
  public void close() {
    // Nothing to release: the model belongs to the loop.
  }
}
