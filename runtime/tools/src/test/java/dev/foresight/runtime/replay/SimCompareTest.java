package dev.foresight.runtime.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.Angles;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.cli.CliRun;
import dev.foresight.sim.Plant;
import dev.foresight.sim.Plants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against recordings whose truth is known: the recorded actions of a real run drive
 * a pendulum through an actuator with a gain and a delay, its states measured with noise, and the
 * fit finds the plant's and the actuator's parameters.
 */
class SimCompareTest {

  @TempDir static Path dir;
  static RecordedRun recorded;

  @BeforeAll
  static void record() throws Exception {
    String text = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml"))
        .replace("  seed: 7\n", "  seed: 7\n  paced: false\n") + "\nrecording:\n  dir: " + dir + "\n";
    Path config = dir.resolve("robot.yaml");
    Files.writeString(config, text);
    CliRun.Result r = CliRun.run("run", "--config", config.toString(), "--duration", "20s", "--quiet", "--record");
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    try (Stream<Path> files = Files.list(dir)) {
      recorded = RecordedRun.read(files.filter(f -> f.toString().endsWith(".mcap")).findFirst().orElseThrow());
    }
  }

  /**
   * The recording with its states replaced by a pendulum of the given length driven by its applied
   * actions through an actuator of the given gain and delay (whole ticks), measured with Gaussian
   * noise of the given standard deviation, from the recording's first state.
   */
  static RecordedRun synthetic(double length, double gain, int delay, double noise, long seed) {
    Plant p = Plants.create("pendulum", Map.of("length", length));
    int n = recorded.size();
    double[] truth = recorded.state().clone();
    double[] x = new double[2];
    double[] u = new double[1];
    p.reset(new double[] {recorded.state()[0], recorded.state()[1]});
    for (int t = 1; t < n; t++) {
      u[0] = gain * recorded.applied()[Math.max(0, t - 1 - delay)];
      p.step(u);
      p.state(x);
      truth[2 * t] = Angles.wrap(x[0]);
      truth[2 * t + 1] = x[1];
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < truth.length; i++) truth[i] += noise * gaussian(random);
    return new RecordedRun(recorded.file(), recorded.run(), recorded.config(), recorded.rawNames(),
        recorded.stateNames(), recorded.actionNames(), recorded.ticks(), recorded.nowNs(), recorded.raw(),
        recorded.rawStatus(), truth, recorded.applied(), recorded.actStatus(), recorded.modeAtStart(),
        recorded.iterations(), recorded.late(), recorded.changes(), recorded.stoppedAt());
  }

  static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }

  @Test
  void anActuatorDelayAndGainAndALengthAreFoundThroughMeasurementNoise() {
    RecordedRun run = synthetic(0.9, 0.8, 2, 0.003, 11);
    SimCompare c = SimCompare.of(run, "pendulum", 20);
    SimCompare.Values start = c.values(Plants.defaults("pendulum"));
    ParameterFit.Result r = ParameterFit.fit(c, start, List.of("length", "action_gain", "action_delay"));
    assertThat(r.fitted().get("length")).isCloseTo(0.9, within(0.05 * 0.9));
    assertThat(r.fitted().get("action_gain")).isCloseTo(0.8, within(0.05 * 0.8));
    assertThat(r.fitted().get("action_delay")).isCloseTo(2.0, within(0.1));
    assertThat(r.costAfter()).isLessThan(r.costBefore());
    for (ParameterFit.Estimate e : r.estimates()) {
      assertThat(e.determined()).as(e.name()).isTrue();
      assertThat(Math.abs(e.value() - Map.of("length", 0.9, "action_gain", 0.8, "action_delay", 2.0).get(e.name())))
          .as(e.name() + " within 4 standard errors of the truth").isLessThan(4 * e.stderr() + 1e-3);
    }
    SimCompare.Outcome before = c.simulate(start);
    SimCompare.Outcome after = c.simulate(r.fitted());
    assertThat(after.rmse()[1]).isLessThan(before.rmse()[1] / 3);
    assertThat(after.rmse()[0]).as("down to about the noise").isLessThan(0.006);
  }

  @Test
  void errorsGrowWithTheHorizonAndReanchoringBoundsThem() {
    RecordedRun run = synthetic(0.9, 1.0, 0, 0.0, 1);
    SimCompare.Values nominal = SimCompare.of(run, "pendulum", 20).values(Plants.defaults("pendulum"));
    SimCompare.Outcome short20 = SimCompare.of(run, "pendulum", 20).simulate(nominal);
    assertThat(short20.rmseByHorizon()[1]).hasSize(20);
    assertThat(short20.rmseByHorizon()[1][0]).isLessThan(short20.rmseByHorizon()[1][19]);
    SimCompare.Outcome short5 = SimCompare.of(run, "pendulum", 5).simulate(nominal);
    assertThat(short5.rmse()[1]).isLessThan(short20.rmse()[1]);
    SimCompare once = SimCompare.of(run, "pendulum", 0);
    assertThat(once.windows()).isEqualTo(1);
    assertThat(once.simulate(nominal).rmseByHorizon()[0]).hasSize(run.size());
    // The truth itself: nothing but rounding.
    SimCompare.Outcome exact = SimCompare.of(run, "pendulum", 20).simulate(nominal.with(Map.of("length", 0.9)));
    assertThat(exact.rmse()[0]).isLessThan(1e-9);
    assertThat(exact.rmse()[1]).isLessThan(1e-9);
  }

  @Test
  void nonFiniteStatesOrActionsEndAWindowAndTheNextStartsAfterThem() {
    double[] state = recorded.state().clone();
    double[] applied = recorded.applied().clone();
    state[2 * 33] = Double.NaN;       // a failed read at tick 33
    applied[50] = Double.NaN;         // no command at tick 50
    RecordedRun run = new RecordedRun(recorded.file(), recorded.run(), recorded.config(), recorded.rawNames(),
        recorded.stateNames(), recorded.actionNames(), recorded.ticks(), recorded.nowNs(), recorded.raw(),
        recorded.rawStatus(), state, applied, recorded.actStatus(), recorded.modeAtStart(), recorded.iterations(),
        recorded.late(), recorded.changes(), recorded.stoppedAt());
    SimCompare c = SimCompare.of(run, "pendulum", 20);
    assertThat(c.anchor(20)).isTrue();
    assertThat(c.anchor(34)).as("theta_dot at 33 is still compared; the window goes on").isFalse();
    assertThat(c.anchor(51)).as("after the step without a command").isTrue();
    assertThat(c.anchor(52)).isFalse();
    SimCompare.Outcome o = c.simulate(c.values(Plants.defaults("pendulum")));
    assertThat(o.rmse()[0]).isFinite().isLessThan(1e-9);
    assertThat(c.residuals(c.values(Plants.defaults("pendulum")))).hasSize(c.residualCount());
  }

  @Test
  void theFitRefusesWhatItCannotFit() {
    SimCompare c = SimCompare.of(recorded, "pendulum", 20);
    SimCompare.Values start = c.values(Plants.defaults("pendulum"));
    assertThatThrownBy(() -> ParameterFit.fit(c, start, List.of())).hasMessage("--fit: name the parameters to fit "
        + "(gravity, mass, length, friction, action_gain, action_delay)");
    assertThatThrownBy(() -> ParameterFit.fit(c, start, List.of("mass", "mass"))).hasMessage("--fit: mass is named twice");
    assertThatThrownBy(() -> SimCompare.of(recorded, "pendulum", -1)).hasMessage("--reanchor: -1 ticks; give 0 "
        + "(never) or more");
    assertThatThrownBy(() -> SimCompare.of(recorded, "rocket", 20)).hasMessageStartingWith("--plant: no simulator "
        + "for plant 'rocket' (plants: ");
  }

  @Test
  void nelderMeadFindsTheMinimumOfRosenbrock() {
    double[] x = ParameterFit.nelderMead(z -> 100 * Math.pow(z[1] - z[0] * z[0], 2) + Math.pow(1 - z[0], 2),
        new double[] {-1.2, 1.0}, new double[] {0.1, 0.1}, 5000);
    assertThat(x[0]).isCloseTo(1.0, within(1e-4));
    assertThat(x[1]).isCloseTo(1.0, within(1e-4));
  }
}
