package dev.foresight.models.plan;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.models.world.WorldModel;
import java.nio.file.Path;

/** Robots and world models for planner tests. */
final class Fixtures {

  private Fixtures() {}

  /**
   * A simulated robot with the given state and action lists (YAML flow), controller and cost.
   * Parsed and validated like a user's file.
   */
  static RobotConfig robot(String state, String action, String controller) {
    try {
      return ConfigLoader.parse("""
          robot: {id: test}
          loop: {rate_hz: 20}
          sim: {plant: pendulum}
          state: %s
          action: %s
          controller: %s
          """.formatted(state, action, controller), Path.of("test.yaml"));
    } catch (ConfigException e) {
      throw new AssertionError(e.getMessage(), e);
    }
  }

  /** The scalar integrator x' = x + u, tracked to 0 with effort weight r. */
  static RobotConfig integrator(String type, String extra) {
    return robot("[{name: x, source: plant.theta}]", "[{name: u, min: -2, max: 2, target: plant.torque}]",
        "{type: " + type + ", world_model: simulator" + extra
            + ", cost: [{type: track, variable: x, weight: 1}, {type: action, variable: u, weight: 1}]}");
  }

  static SampledPlannerConfig planner(RobotConfig config) {
    return (SampledPlannerConfig) config.controller();
  }

  /**
   * Optimal first actions of the finite-horizon problem min sum_{t<H} q x_{t+1}^2 + r u_t^2 with
   * x' = x + u: backward Riccati, u_t = -g_t x_t with g = (q + p) / (q + p + r), p_t = (q + p) r / (q + p + r).
   */
  static double[] optimalGains(int horizon, double q, double r) {
    double[] g = new double[horizon];
    double p = 0;
    for (int t = horizon - 1; t >= 0; t--) {
      g[t] = (q + p) / (q + p + r);
      p = (q + p) * r / (q + p + r);
    }
    return g;
  }

  /** x' = a x + b u per dimension (S = A), exact, in Java. Members scale b by 1 + spread (m - mid). */
  static final class Linear implements WorldModel {
    final int batch;
    final int size;
    final float a;
    final float b;
    final int members;
    final float spread;

    Linear(int batch, int size, float a, float b, int members, float spread) {
      this.batch = batch;
      this.size = size;
      this.a = a;
      this.b = b;
      this.members = members;
      this.spread = spread;
    }

    @Override
    public int stateSize() {
      return size;
    }

    @Override
    public int actionSize() {
      return size;
    }

    @Override
    public int batch() {
      return batch;
    }

    @Override
    public int members() {
      return members;
    }

    @Override
    public void step(float[] state, float[] action, float[] next, float[] out) {
      for (int i = 0; i < batch * size; i++) next[i] = a * state[i] + b * action[i];
      if (out == null) return;
      for (int m = 0; m < members; m++) {
        float bm = b * (1 + spread * (m - (members - 1) / 2f));
        for (int i = 0; i < batch * size; i++) out[m * batch * size + i] = a * state[i] + bm * action[i];
      }
    }
  }

  /** A clock that advances {@code stepNs} every time it is read. */
  static final class SteppingClock implements java.util.function.LongSupplier {
    long now;
    final long stepNs;

    SteppingClock(long stepNs) {
      this.stepNs = stepNs;
    }

    @Override
    public long getAsLong() {
      now += stepNs;
      return now;
    }
  }
}
