package dev.foresight.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import dev.foresight.config.sim.PlantTypes;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PlantsTest {

  static java.util.List<String> kinds() {
    return Plants.names();
  }

  @Test
  void everyPlantAConfigCanNameHasASimulator() {
    assertThat(Plants.names()).containsExactlyElementsOf(PlantTypes.ids())
        .containsExactly("pendulum", "cartpole", "cartpole-swingup", "acrobot", "mountain-car", "rover");
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyKindIsSimulatedWithNamedUnitsAndItsOwnParameters(String kind) {
    Plant plant = Plants.create(kind);
    PlantSpec spec = plant.spec();
    assertThat(spec.name()).isEqualTo(kind);
    assertThat(spec.state()).isNotEmpty().allSatisfy(v -> assertThat(v.unit()).isNotNull());
    assertThat(spec.action()).isNotEmpty()
        .allSatisfy(v -> assertThat(v.min()).isFinite().isLessThan(v.max()));
    assertThat(spec.observation()).isNotEmpty();
    assertThat(spec.dtS()).isPositive();
    assertThat(spec.parameters()).isEqualTo(Plants.defaults(kind).list()).isNotEmpty();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void stepAllocatesNothingOnceWarm(String kind) {
    Plant plant = Plants.create(kind);
    plant.reset(new SplittableRandom(5));
    double[] initial = new double[plant.spec().state().size()];
    plant.state(initial);
    double[] action = new double[plant.spec().action().size()];
    double[] state = new double[plant.spec().state().size()];
    double[] observation = new double[plant.spec().observation().size()];
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    // Warm up, then measure several rounds and keep the least: a step that allocated would show in
    // every round (20 000 steps), while a one-off (a JIT recompilation) shows in one at most.
    long least = Long.MAX_VALUE;
    for (int round = 0; round < 6; round++) {
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 20_000; i++) {
        action[0] = Math.sin(i * 0.01) * 0.5;
        plant.step(action);
        plant.state(state);
        plant.observation(observation);
        if (i % 100 == 0) plant.reset(initial);     // the same branches in every round
      }
      if (round >= 3) least = Math.min(least, threads.getCurrentThreadAllocatedBytes() - before);
    }
    assertThat(least).isZero();
  }

  @Test
  void replacesParametersByName() {
    Plant heavy = Plants.create("cartpole", Map.of("mass_pole", 0.3));
    assertThat(heavy.spec().parameters()).anySatisfy(p -> {
      assertThat(p.name()).isEqualTo("mass_pole");
      assertThat(p.value()).isEqualTo(0.3);
    });
  }

  @Test
  void refusesAnUnknownParameterNamingTheOnesThereAre() {
    assertThatThrownBy(() -> Plants.create("pendulum", Map.of("mas", 2.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plant pendulum has no parameter 'mas' (it has gravity, mass, length, friction)");
  }

  @Test
  void refusesAParameterOutsideItsRange() {
    assertThatThrownBy(() -> Plants.create("acrobot", Map.of("link_mass_1", 0.0)))
        .hasMessage("link_mass_1: 0.0 kg is not a valid value; it must be finite and > 0");
    assertThatThrownBy(() -> Plants.create("cartpole", Map.of("cart_friction", -0.1)))
        .hasMessage("cart_friction: -0.1 N is not a valid value; it must be finite and >= 0");
    // Zero friction is fine.
    assertThat(Plants.create("rover", Map.of("rolling_resistance", 0.0))).isNotNull();
  }

  @Test
  void findsKindsByTheirConfigName() {
    assertThat(Plants.byName("cartpole-swingup")).hasValueSatisfying(f -> assertThat(f.create(f.defaults()))
        .isInstanceOf(dev.foresight.sim.plants.CartPoleSwingUp.class));
    assertThat(Plants.byName("mountain_car")).isEmpty();
    assertThatThrownBy(() -> Plants.create("mountain_car"))
        .hasMessage("sim.plant: no simulator for plant 'mountain_car' on the class path (plants: pendulum, cartpole, "
            + "cartpole-swingup, acrobot, mountain-car, rover)");
  }

  @Test
  void streamsArePerPurposeAndReproducible() {
    assertThat(SimRandom.stream(7, "a").nextLong()).isEqualTo(SimRandom.stream(7, "a").nextLong());
    assertThat(SimRandom.stream(7, "a").nextLong()).isNotEqualTo(SimRandom.stream(7, "b").nextLong());
    assertThat(SimRandom.stream(7, "a").nextLong()).isNotEqualTo(SimRandom.stream(8, "a").nextLong());
  }
}
