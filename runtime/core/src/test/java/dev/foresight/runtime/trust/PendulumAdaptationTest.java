package dev.foresight.runtime.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.Angles;
import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.events.Event;
import dev.foresight.runtime.events.EventKind;
import dev.foresight.runtime.events.Response;
import dev.foresight.runtime.io.PlantIo;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.plants.Pendulum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo (MPPI on the learned int8 ensemble) on a simulated pendulum whose mass becomes 1.3 kg
 * mid-run: the monitor alarms, the learner's correction cuts the one-step error, the gate swaps it
 * into the planner, and every tick's frame (what the recorder writes as {@code model_version}) says
 * which version planned it. The learner runs on the control thread (stepped clock): reproducible.
 */
class PendulumAdaptationTest {

  static final int RATE_HZ = 20;
  /** theta_dot's residual scale in trust.thresholds below: the shipped int8 model's own calibration (models/README.md), pinned. */
  static final double THETA_DOT_SCALE = 0.006211;

  @TempDir Path dir;

  /** A pendulum that becomes heavier at a tick: the state carries over, the mass changes. */
  static final class HeavierAt implements Plant {
    final Pendulum nominal = new Pendulum();
    final Pendulum heavy = new Pendulum(10.0, 1.3, 1.0, Pendulum.DT);
    final long atStep;
    final double[] state = new double[2];
    long steps;
    Plant current = nominal;

    HeavierAt(long atStep) {
      this.atStep = atStep;
    }

    @Override
    public PlantSpec spec() {
      return nominal.spec();
    }

    @Override
    public void reset(double[] s) {
      current.reset(s);
    }

    @Override
    public void reset(RandomGenerator random) {
      current.reset(random);
    }

    @Override
    public double step(double[] action) {
      if (++steps == atStep) {
        nominal.state(state);
        heavy.reset(state);
        current = heavy;
      }
      return current.step(action);
    }

    @Override
    public void state(double[] out) {
      current.state(out);
    }

    @Override
    public void observation(double[] out) {
      current.observation(out);
    }

    @Override
    public boolean terminated() {
      return current.terminated();
    }
  }

  LoadedConfig demo(boolean adaptation) throws IOException {
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replace("../../models/pendulum/pendulum-int8.onnx",
            TestConfigs.ROOT.resolve("models/pendulum/pendulum-int8.onnx").toString())
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("  initial_state: [3.14159, 0.0]", "  paced: false\n  initial_state: [3.14159, 0.0]")
        .replace("safety:\n", "safety:\n  ladder:\n    model_untrusted:\n      - {reaction: warn}\n")
        + "trust:\n  thresholds:\n    residual_scale: [0.0005725, " + THETA_DOT_SCALE + "]\n    cusum_h: 132.3\n"
        + "  adaptation:\n    enabled: " + adaptation + "\n";
    return TestConfigs.write(dir, yaml);
  }

  @Test
  void aHeavierPendulumIsLearnedSwappedIntoThePlannerAndEachTicksVersionRecorded() throws Exception {
    int change = 15 * RATE_HZ;
    int end = 35 * RATE_HZ;
    LoadedConfig loaded = demo(true);
    SteppedClock clock = new SteppedClock(0);
    try (Robot robot = Robot.assemble(loaded, clock, PlantIo.wire(new HeavierAt(change), loaded.config()))) {
      Adaptation adaptation = robot.loop().trust().adaptation().orElseThrow();
      assertThat(adaptation.inline()).isTrue();
      robot.safety().arm("test");
      TickFrame f = robot.loop().newFrame();
      int[] version = new int[end + 1];
      double[] error = new double[end + 1];
      long firstSwap = -1;
      long firstAlarm = -1;
      for (int tick = 1; tick <= end; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        robot.loop().snapshot().read(f);
        version[tick] = f.modelVersion;
        error[tick] = f.predictionValid ? (f.state[1] - f.predicted[1]) / THETA_DOT_SCALE : Double.NaN;
        if (f.trustAlarm && firstAlarm < 0 && tick > change) firstAlarm = tick;
        // A correction may already plan before the change: the gate passes one that beats the model on
        // the unchanged plant too (the int8 model's own error is systematic). What must happen is a new
        // version after the change, learned from the heavier pendulum.
        if (tick > change && f.modelVersion > version[change] && firstSwap < 0) firstSwap = tick;
      }
      assertThat(firstAlarm).as("the change is detected").isPositive();
      assertThat(firstSwap).as("a correction planned after the change").isGreaterThan(change);
      for (int tick = change; tick < firstSwap; tick++) assertThat(version[tick]).as("tick %d", tick).isEqualTo(version[change]);
      assertThat(version[end]).isEqualTo(robot.loop().trust().correctionVersion()).isPositive();

      double before = rms(error, change + 1, (int) firstSwap);
      double after = rms(error, end - 5 * RATE_HZ, end + 1);
      double nominal = rms(error, change - 5 * RATE_HZ, change);
      System.out.printf("pendulum mass x1.3 at %.1f s: alarm %.2f s after, first swap %.2f s after, swaps %d, "
              + "rollbacks %d; theta_dot one-step RMS error (residual scales): nominal %.2f, changed %.2f, "
              + "corrected (last 5 s) %.2f%n", change / (double) RATE_HZ, (firstAlarm - change) / (double) RATE_HZ,
          (firstSwap - change) / (double) RATE_HZ, adaptation.swaps(), adaptation.rollbacks(), nominal, before, after);
      assertThat(after).as("the correction cuts the one-step error of the changed plant").isLessThan(0.5 * before);
      Event swap = robot.events().recent(1024).stream().filter(e -> e.kind() == EventKind.MODEL_SWAP).findFirst()
          .orElseThrow();
      assertThat(swap.count()).isEqualTo(1);
      System.out.println(swap.message());
    }
  }

  /**
   * With the swing-up fallback on the model_untrusted ladder and a long hysteresis: the fallback
   * takes the robot at the alarm, and a correction the gate passed with a one-step error within the
   * calibration's range hands it back to the planner at the swap, not 10 s after the last alarm.
   */
  @Test
  void aTrustedSwapEndsTheUntrustedFaultAtOnce() throws Exception {
    int change = 20;
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml"))
        .replace("../../models/pendulum/pendulum-int8.onnx",
            TestConfigs.ROOT.resolve("models/pendulum/pendulum-int8.onnx").toString())
        .replace("../schema/robot.schema.json", "robot.schema.json")
        .replace("  initial_state: [3.14159, 0.0]", "  paced: false\n  initial_state: [3.14159, 0.0]")
        .replace("safety:\n", "safety:\n  fallback: {type: swingup, angle: theta, rate: theta_dot, torque: torque, "
            + "mass_kg: 1.0, length_m: 1.0, gravity: 10.0}\n")
        + "trust:\n  hysteresis_s: 10\n  adaptation:\n    enabled: true\n";
    LoadedConfig loaded = TestConfigs.write(dir, yaml);
    SteppedClock clock = new SteppedClock(0);
    try (Robot robot = Robot.assemble(loaded, clock, PlantIo.wire(new HeavierAt(change), loaded.config()))) {
      robot.safety().arm("test");
      TickFrame f = robot.loop().newFrame();
      int end = 120;
      Response[] reaction = new Response[end + 1];
      long firstSwap = -1;
      long firstAlarm = -1;
      for (int tick = 1; tick <= end; tick++) {
        robot.loop().doWork(tick * robot.runner().periodNs());
        robot.loop().snapshot().read(f);
        reaction[tick] = f.reaction;
        if (f.trustAlarm && firstAlarm < 0) firstAlarm = tick;
        if (f.modelVersion > 0 && firstSwap < 0) firstSwap = tick;
      }
      assertThat(firstAlarm).as("the change is detected").isGreaterThan(change);
      assertThat(firstSwap).as("a correction swapped in within the run").isGreaterThan(firstAlarm);
      assertThat(firstSwap - firstAlarm).as("well before the 10 s hysteresis").isLessThan(200);
      assertThat(reaction[(int) firstSwap - 1]).as("the fallback drove until the swap").isEqualTo(Response.FALLBACK);
      assertThat(reaction[(int) firstSwap]).as("the planner drives from the swap tick on").isEqualTo(Response.NONE);
      Event recovered = robot.events().recent(1024).stream()
          .filter(e -> e.kind() == EventKind.RECOVERED && e.cause() == dev.foresight.runtime.events.Cause.MODEL_UNTRUSTED)
          .findFirst().orElseThrow();
      assertThat(recovered.detail()).isEqualTo("a gated correction replaced the model");
    }
  }

  private static double rms(double[] e, int from, int to) {
    double sum = 0;
    int n = 0;
    for (int i = from; i < to; i++) {
      if (Double.isNaN(e[i])) continue;
      sum += e[i] * e[i];
      n++;
    }
    return Math.sqrt(sum / n);
  }
}
