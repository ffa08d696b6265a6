package dev.foresight.runtime.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.sim.plants.CartPole;
import dev.foresight.sim.plants.Pendulum;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PlantWorldModelTest {

  @Test
  void predictsWhatThePlantDoesForEverySample() {
    var config = TestConfigs.example("pendulum-mppi.yaml").config();
    PlantWorldModel model = PlantWorldModel.of(config, new Pendulum(), 3);
    float[] state = {3.0f, 0.5f, -1.0f, 2.0f, 0.1f, -7.9f};
    float[] action = {2.0f, -1.0f, 0.5f};
    float[] next = new float[6];
    model.step(state, action, next, null);
    Pendulum reference = new Pendulum();
    double[] out = new double[2];
    for (int k = 0; k < 3; k++) {
      reference.reset(new double[] {state[2 * k], state[2 * k + 1]});
      reference.step(new double[] {action[k]});
      reference.state(out);
      assertThat((double) next[2 * k]).isCloseTo(out[0], Offset.offset(1e-6));
      assertThat((double) next[2 * k + 1]).isCloseTo(out[1], Offset.offset(1e-6));
    }
  }

  @Test
  void refusesAConfigThatDoesNotCoverThePlantsState() {
    var config = TestConfigs.example("pendulum-mppi.yaml").config();
    assertThatThrownBy(() -> PlantWorldModel.of(config, new CartPole(), 4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("state: plant cartpole variable x has no state variable, so the simulator cannot be reset to a "
            + "predicted state");
  }
}
