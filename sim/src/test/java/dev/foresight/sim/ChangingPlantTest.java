package dev.foresight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.sim.plants.Pendulum;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangingPlantTest {

  private static final double[] START = {0.3, -0.2};

  /** The pendulum stepped {@code n} times with a fixed torque from START. */
  private static double[] run(Plant plant, int n, double torque) {
    plant.reset(START);
    for (int k = 0; k < n; k++) plant.step(new double[] {torque});
    double[] x = new double[2];
    plant.state(x);
    return x;
  }

  @Test
  void isTheNominalPlantBeforeTheChange() {
    Plant changing = ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().scale("mass", 1.3), 10);
    assertThat(run(changing, 10, 0.7)).containsExactly(run(new Pendulum(), 10, 0.7));
  }

  @Test
  void heavierRodFromTheChangeStepOn() {
    ChangingPlant changing = ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().scale("mass", 1.3), 5);
    double[] x = run(changing, 8, 1.5);
    // The same as 5 nominal steps, then 3 steps of a 1.3 kg rod from there.
    Plant nominal = new Pendulum();
    double[] mid = run(nominal, 5, 1.5);
    Plant heavy = new Pendulum(Pendulum.PARAMETERS.with(Map.of("mass", 1.3)));
    heavy.reset(mid);
    for (int k = 0; k < 3; k++) heavy.step(new double[] {1.5});
    double[] expected = new double[2];
    heavy.state(expected);
    assertThat(x).containsExactly(expected);
    assertThat(changing.changed()).isTrue();
    assertThat(x[1]).isNotEqualTo(run(new Pendulum(), 8, 1.5)[1]);
  }

  @Test
  void frictionSlowsTheRodAndZeroFrictionIsPendulumV1() {
    Plant rubbing = new Pendulum(Pendulum.PARAMETERS.with(Map.of("friction", 0.5)));
    rubbing.reset(new double[] {0.0, 4.0});
    rubbing.step(new double[] {0.0});
    double[] x = new double[2];
    rubbing.state(x);
    // thdot' = 4 + 3 (0 - 0.5 * 4) * 0.05 = 3.7 (upright: no gravity torque).
    assertThat(x[1]).isEqualTo(3.7, org.assertj.core.data.Offset.offset(1e-12));
    Plant published = new Pendulum(Pendulum.PARAMETERS.with(Map.of("friction", 0.0)));
    assertThat(run(published, 20, -0.4)).containsExactly(run(new Pendulum(), 20, -0.4));
  }

  @Test
  void weakerActuatorScalesEveryActionAfterTheChange() {
    Plant weak = ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().actuatorGain(0.5), 0);
    assertThat(run(weak, 6, 1.6)).containsExactly(run(new Pendulum(), 6, 0.8));
  }

  @Test
  void latencyAppliesTheActionOfTheTickBefore() {
    Plant late = ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().latency(1), 2);
    late.reset(START);
    double[] torques = {0.1, 0.2, 0.3, 0.4, 0.5};
    for (double u : torques) late.step(new double[] {u});
    Plant reference = new Pendulum();
    reference.reset(START);
    for (double u : new double[] {0.1, 0.2, 0.2, 0.3, 0.4}) reference.step(new double[] {u});
    double[] a = new double[2];
    double[] b = new double[2];
    late.state(a);
    reference.state(b);
    assertThat(a).containsExactly(b);
  }

  @Test
  void sensorBiasShowsInTheReadStateNotInTheTruthOrReward() {
    ChangingPlant biased = ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().sensorBias("theta", 0.1), 3);
    Plant reference = new Pendulum();
    biased.reset(START);
    reference.reset(START);
    for (int k = 0; k < 6; k++) {
      assertThat(biased.step(new double[] {0.2})).isEqualTo(reference.step(new double[] {0.2}));
    }
    double[] read = new double[2];
    double[] truth = new double[2];
    double[] expected = new double[2];
    biased.state(read);
    biased.trueState(truth);
    reference.state(expected);
    assertThat(truth).containsExactly(expected);
    assertThat(read[0]).isEqualTo(expected[0] + 0.1);
    assertThat(read[1]).isEqualTo(expected[1]);
  }

  @Test
  void resetStartsNominalAgain() {
    ChangingPlant changing = ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().actuatorGain(0.0), 2);
    run(changing, 5, 1.0);
    assertThat(changing.changed()).isTrue();
    assertThat(run(changing, 2, 1.0)).containsExactly(run(new Pendulum(), 2, 1.0));
  }

  @Test
  void namesWhatThePlantDoesNotHave() {
    assertThatThrownBy(() -> ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().scale("mas", 1.3), 1))
        .hasMessage("plant pendulum has no parameter 'mas' (it has gravity, mass, length, friction)");
    assertThatThrownBy(() -> ChangingPlant.of("pendulum", Pendulum.PARAMETERS, PlantChange.none().sensorBias("x", 1), 1))
        .hasMessage("sensor bias: plant pendulum has no state variable 'x' (it has theta, theta_dot)");
    assertThatThrownBy(() -> PlantChange.none().actuatorGain(-1)).hasMessageContaining("actuator gain -1.0");
  }
}
