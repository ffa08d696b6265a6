package dev.foresight.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.io.PlantIo;
import dev.foresight.runtime.time.PacedClock;
import dev.foresight.runtime.time.SteppedClock;
import dev.foresight.sim.Trajectory;
import dev.foresight.sim.TrajectoryBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same config and seed give the same run, bit for bit: randomized parameters, the seeded
 * initial state, and every tick, whether the loop runs as fast as possible or paced to the wall
 * clock. The config uses a {@code rate} estimate, which reads the tick time, so a clock that
 * leaked wall-clock jitter into tick code would show up here.
 */
class SimulationDeterminismTest {

  @TempDir Path dir;

  private LoadedConfig config(long seed, boolean paced) {
    Path folder = dir.resolve(seed + "-" + paced);
    folder.toFile().mkdirs();
    return TestConfigs.write(folder, """
        robot: {id: determinism}
        loop: {rate_hz: 50}
        sim:
          plant: cartpole
          seed: %d
          paced: %s
          randomize:
            mass_pole: {scale: [0.5, 1.5]}
            cart_friction: {range: [0.0, 0.1]}
        state:
          - {name: x, source: plant.x}
          - {name: x_dot, source: plant.x, estimate: rate}
          - {name: theta, wrap: true, source: plant.theta}
          - {name: theta_dot, source: plant.theta_dot}
        action:
          - {name: force, min: -10, max: 10, slew_per_s: 400, target: plant.force}
        controller:
          type: lqr
          gain: [[-2.784, -5.321, -46.437, -12.048]]
        safety: {arm_on_start: true}
        """.formatted(seed, paced));
  }

  private static Trajectory run(LoadedConfig loaded, boolean paced, long durationNs) throws Exception {
    try (Robot robot = Robot.assemble(loaded, paced ? new PacedClock() : new SteppedClock())) {
      PlantIo io = (PlantIo) robot.io();
      TrajectoryBuffer buffer = new TrajectoryBuffer(io.plant(), 1000);
      io.record(buffer);
      robot.safety().arm("test");
      robot.start(durationNs);
      assertThat(robot.runner().awaitStop(30_000)).isTrue();
      assertThat(robot.loop().metrics().tickErrors()).isZero();
      return buffer.toTrajectory();
    }
  }

  private static void assertSame(Trajectory a, Trajectory b) {
    assertThat(a.steps()).isEqualTo(b.steps()).isPositive();
    assertThat(a.initialState()).containsExactly(b.initialState());
    assertThat(a.spec().parameters()).isEqualTo(b.spec().parameters());
    for (int k = 0; k < a.steps(); k++) {
      assertThat(a.states()[k]).as("state after step %d", k).containsExactly(b.states()[k]);
      assertThat(a.actions()[k]).as("action of step %d", k).containsExactly(b.actions()[k]);
    }
  }

  @Test
  void sameSeedGivesTheSameRunAsFastAsPossible() throws Exception {
    Trajectory a = run(config(7, false), false, 4_000_000_000L);
    Trajectory b = run(config(7, false), false, 4_000_000_000L);
    assertThat(a.steps()).isEqualTo(200);
    assertSame(a, b);
  }

  @Test
  void anotherSeedGivesAnotherRun() throws Exception {
    Trajectory a = run(config(7, false), false, 1_000_000_000L);
    Trajectory b = run(config(8, false), false, 1_000_000_000L);
    assertThat(b.initialState()).isNotEqualTo(a.initialState());
    assertThat(b.spec().parameters()).isNotEqualTo(a.spec().parameters());
  }

  @Test
  void pacedRunMatchesTheUnpacedRunTickForTick() throws Exception {
    long half = 500_000_000L;                    // 25 ticks at 50 Hz, in real time
    long wallStart = System.nanoTime();
    Trajectory paced = run(config(7, true), true, half);
    long wallNs = System.nanoTime() - wallStart;
    Trajectory fast = run(config(7, false), false, half);
    assertSame(paced, fast);
    assertThat(wallNs).as("paced: took real time").isGreaterThanOrEqualTo(half - 40_000_000L);
  }
}
