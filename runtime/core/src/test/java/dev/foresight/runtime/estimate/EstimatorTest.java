package dev.foresight.runtime.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.TestConfigs;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimatorTest {

  private static RobotConfig config(Path dir, double cutoffHz) {
    return TestConfigs.write(dir, """
        robot: {id: est}
        loop: {rate_hz: 100}
        sim: {plant: pendulum}
        estimator: {rate_cutoff_hz: %s}
        state:
          - {name: theta, wrap: true, source: plant.theta}
          - {name: theta_dot, source: plant.theta, estimate: rate}
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """.formatted(cutoffHz)).config();
  }

  @Test
  void differentiatesAcrossTheAngleWrapTheShortWay(@TempDir Path dir) {
    Estimator e = new Estimator(config(dir, 0), List.of("plant.theta"));
    double[] state = new double[2];
    e.update(0, new double[] {Math.PI - 0.01}, state);
    e.update(10_000_000L, new double[] {-Math.PI + 0.01}, state);   // crossed +pi going up by 0.02 rad
    assertThat(state[1]).isEqualTo(2.0, within(1e-9));
    assertThat(state[0]).isEqualTo(-Math.PI + 0.01, within(1e-12));
  }

  @Test
  void wrapsDirectAngles(@TempDir Path dir) {
    Estimator e = new Estimator(config(dir, 0), List.of("plant.theta"));
    double[] state = new double[2];
    e.update(0, new double[] {2 * Math.PI + 0.25}, state);
    assertThat(state[0]).isEqualTo(0.25, within(1e-12));
  }

  @Test
  void lowPassFiltersTheRate(@TempDir Path dir) {
    Estimator e = new Estimator(config(dir, 10), List.of("plant.theta"));
    double[] state = new double[2];
    long t = 0;
    e.update(t, new double[] {0}, state);
    e.update(t += 10_000_000L, new double[] {0.01}, state);  // true rate 1 rad/s
    double alpha = 0.01 / (1 / (2 * Math.PI * 10) + 0.01);
    assertThat(state[1]).isEqualTo(alpha * 1.0, within(1e-12));
    for (int i = 2; i < 200; i++) e.update(t += 10_000_000L, new double[] {0.01 * i}, state);
    assertThat(state[1]).isEqualTo(1.0, within(1e-6));
  }
}
