package dev.foresight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.ParameterDraw;
import dev.foresight.config.SimConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimRunTest {

  private static SimConfig sim(String plant, long seed, Map<String, Double> set, Map<String, ParameterDraw> draws) {
    return new SimConfig(plant, seed, false, null, set, draws, null, null, null);
  }

  private static ParameterDraw scale(double lo, double hi) {
    return new ParameterDraw(List.of(lo, hi), null);
  }

  private static ParameterDraw range(double lo, double hi) {
    return new ParameterDraw(null, List.of(lo, hi));
  }

  @Test
  void drawsTheSameParametersAndStartForTheSameSeed() {
    SimConfig config = sim("cartpole", 42, Map.of(),
        Map.of("mass_pole", scale(0.5, 1.5), "half_length", range(0.4, 0.6)));
    SimRun a = SimRun.create(config);
    SimRun b = SimRun.create(config);
    assertThat(a.parameters().list()).isEqualTo(b.parameters().list());
    assertThat(a.initialState()).containsExactly(b.initialState());

    SimRun other = SimRun.create(sim("cartpole", 43, Map.of(),
        Map.of("mass_pole", scale(0.5, 1.5), "half_length", range(0.4, 0.6))));
    assertThat(other.parameters().get("mass_pole")).isNotEqualTo(a.parameters().get("mass_pole"));
    assertThat(other.initialState()).isNotEqualTo(a.initialState());
  }

  @Test
  void drawsWithinTheBoundsAndScalesTheSetValue() {
    for (long seed = 0; seed < 200; seed++) {
      SimRun run = SimRun.create(sim("pendulum", seed, Map.of("mass", 2.0),
          Map.of("mass", scale(0.9, 1.1), "length", range(0.5, 0.7))));
      assertThat(run.parameters().get("mass")).isBetween(1.8, 2.2);
      assertThat(run.parameters().get("length")).isBetween(0.5, 0.7);
      assertThat(run.parameters().get("gravity")).isEqualTo(10.0);
      assertThat(run.plant().spec().parameters()).isEqualTo(run.parameters().list());
    }
  }

  @Test
  void randomizingOneMoreParameterLeavesTheOthersAndTheStartAlone() {
    Map<String, ParameterDraw> one = Map.of("link_mass_1", scale(0.8, 1.2));
    Map<String, ParameterDraw> two = new LinkedHashMap<>(one);
    two.put("link_moi", scale(0.8, 1.2));
    SimRun a = SimRun.create(sim("acrobot", 9, Map.of(), one));
    SimRun b = SimRun.create(sim("acrobot", 9, Map.of(), two));
    assertThat(b.parameters().get("link_mass_1")).isEqualTo(a.parameters().get("link_mass_1"));
    assertThat(b.parameters().get("link_moi")).isNotEqualTo(1.0);
    assertThat(b.initialState()).containsExactly(a.initialState());
  }

  @Test
  void describesTheSeedAndTheDrawnParameters() {
    SimRun run = SimRun.create(new SimConfig("pendulum", 3L, false, List.of(3.0, 0.0),
        Map.of("gravity", 9.81), Map.of("mass", range(1.5, 1.5)), null, null, null));
    assertThat(run.describe()).isEqualTo("plant pendulum, seed 3, parameters gravity=9.81000 m/s^2, "
        + "mass=1.50000 kg (drawn, range [1.5, 1.5]); initial state [3.00000, 0.00000]");
    assertThat(run.randomized()).containsOnlyKeys("mass");
  }

  @Test
  void namesAnUnknownParameterWithItsKeyPath() {
    assertThatThrownBy(() -> SimRun.create(sim("pendulum", 1, Map.of(), Map.of("mas", scale(0.9, 1.1)))))
        .hasMessage("sim.randomize.mas: plant pendulum has no parameter 'mas' (it has gravity, mass, length, friction)");
    assertThatThrownBy(() -> SimRun.create(sim("pendulum", 1, Map.of("lenght", 1.0), Map.of())))
        .hasMessage("sim.parameters.lenght: plant pendulum has no parameter 'lenght' (it has gravity, mass, length, friction)");
    assertThatThrownBy(() -> SimRun.create(sim("pendulum", 1, Map.of("mass", 0.0), Map.of())))
        .hasMessage("sim.parameters.mass: 0.0 kg is not a valid value; it must be finite and > 0");
  }

  @Test
  void refusesARangeThatCanDrawAnImpossibleValue() {
    assertThatThrownBy(() -> SimRun.create(sim("cartpole", 1, Map.of(),
        Map.of("mass_pole", range(-0.05, 0.2)))))
        .hasMessage("sim.randomize.mass_pole.range: [-0.05, 0.2] can draw -0.05 kg, but mass_pole must be > 0 (pole mass)");
  }

  @Test
  void refusesAnInitialStateOfTheWrongSize() {
    assertThatThrownBy(() -> SimRun.create(new SimConfig("acrobot", 1L, false, List.of(0.0, 0.0),
        null, null, null, null, null)))
        .hasMessage("sim.initial_state: has 2 values but plant acrobot has 4 state variables "
            + "(theta1, theta2, theta1_dot, theta2_dot)");
  }
}
