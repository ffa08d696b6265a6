package dev.foresight.runtime.link;

import dev.foresight.runtime.Robot;
import dev.foresight.runtime.loop.Phase;
import dev.foresight.runtime.loop.TickQueue;
import dev.foresight.runtime.record.OneStepError;
import dev.foresight.runtime.record.Predictors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How well the robot's world model predicts what actually happens, for {@code metrics}: a tap on
 * the loop hands every tick to the network thread, which compares the model's one-step prediction
 * (made from the previous tick's state and applied action, with the robot's own model in a batch-1
 * session) with the state that came. {@link #take()} gives, over the ticks since the last take,
 * {@code model_error}: the RMS of the error vector's length (in the state variables' own units),
 * and {@code model_error.<name>}: the RMS error per variable. A model that stops predicting the
 * robot (a heavier load, a worn motor, a state it never saw) shows here first.
 *
 * <p>The control thread only copies the tick into the tap (allocation-free); the model runs on the
 * network thread, about 25 to 40 us per tick for the shipped 5-member ensembles.
 */
final class ModelErrorWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelErrorWatch.class);
  private static final int TICKS_PER_DRAIN = 4096;

  private final TickQueue queue;
  private final OneStepError oneStep;
  private final List<String> names;
  private final double[] sumSquares;
  private double sumNormSquares;
  private long count;

  private ModelErrorWatch(TickQueue queue, OneStepError oneStep, List<String> names) {
    this.queue = queue;
    this.oneStep = oneStep;
    this.names = names;
    this.sumSquares = new double[names.size()];
  }

  /** A watch for {@code robot}, or empty when it has no world model; call before the loop starts. */
  static Optional<ModelErrorWatch> attach(Robot robot) {
    try {
      return Predictors.forRobot(robot.loaded()).map(p -> new ModelErrorWatch(
          robot.loop().addTap(Phase.RECORD, 1024, 1), new OneStepError(p), robot.config().stateNames()));
    } catch (RuntimeException e) {
      LOG.warn("model error is not published: the world model could not be opened a second time ({})", e.toString());
      return Optional.empty();
    }
  }

  /** Network thread: compares every tick queued since the last call. */
  void drain() {
    queue.drain(f -> {
      if (oneStep.compare(f.tick, f.state)) {
        double[] e = oneStep.error();
        double norm = 0;
        synchronized (this) {
          for (int i = 0; i < e.length; i++) {
            sumSquares[i] += e[i] * e[i];
            norm += e[i] * e[i];
          }
          sumNormSquares += norm;
          count++;
        }
      }
      oneStep.predict(f.tick, f.state, f.applied);
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
    sumNormSquares = 0;
    count = 0;
    return m;
  }

  /** Ticks dropped because the network thread fell behind. */
  long dropped() {
    return queue.dropped();
  }

  @Override
  public void close() {
    oneStep.close();
  }
}
