package dev.foresight.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every plant against trajectories computed independently from the published equations with NumPy
 * ({@code sim/src/test/python/gym_reference.py} writes {@code plant-reference.jsonl}): single steps,
 * clipping edges, wrapping, velocity bounds, termination and multi-step rollouts, with published and
 * changed parameters. A trajectory stops after its terminating step, as the reference's does.
 *
 * <p>Cart-pole, mountain car and rover agree with the reference bit for bit. In the pendulum, swing-up
 * and acrobot rollouts a handful of the thousands of values differ in the last bit (at most 4.4e-16
 * relative), where NumPy's sine or cosine rounds differently from Java's {@code Math}. The
 * tolerance, 1e-12 relative, leaves room for that and nothing else.
 */
class PlantReferenceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<JsonNode> cases() throws IOException {
    return Files.readAllLines(Path.of("src/test/resources/plant-reference.jsonl")).stream()
        .filter(l -> !l.isBlank()).map(JSON::readTree);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesTheReferenceTrajectory(JsonNode c) {
    String kind = c.get("plant").asString();
    Map<String, Double> parameters = new LinkedHashMap<>();
    c.get("parameters").properties().forEach(e -> parameters.put(e.getKey(), e.getValue().asDouble()));
    Plant plant = Plants.create(kind, parameters);
    PlantSpec spec = plant.spec();
    plant.reset(doubles(c.get("state")));
    JsonNode expected = c.get("expected");
    int steps = expected.get("states").size();
    double[] state = new double[spec.state().size()];
    double[] observation = new double[spec.observation().size()];
    double tolerance = 1e-12;
    int step = 0;
    for (JsonNode action : c.get("actions")) {
      double reward = plant.step(doubles(action));
      plant.state(state);
      plant.observation(observation);
      String at = c.get("name").asString() + " step " + step;
      assertClose(at + " state", state, doubles(expected.get("states").get(step)), tolerance);
      assertClose(at + " observation", observation, doubles(expected.get("observations").get(step)), tolerance);
      assertClose(at + " reward", new double[] {reward}, new double[] {expected.get("rewards").get(step).asDouble()},
          tolerance);
      assertThat(plant.terminated()).as(at + " terminated").isEqualTo(expected.get("terminated").get(step).asBoolean());
      step++;
      if (plant.terminated()) break;
    }
    assertThat(step).as("steps taken").isEqualTo(steps);
  }

  static void assertClose(String what, double[] actual, double[] expected, double tolerance) {
    assertThat(actual).as(what + " length").hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      double scale = Math.max(1.0, Math.abs(expected[i]));
      assertThat(Math.abs(actual[i] - expected[i]))
          .as("%s[%d]: %s vs reference %s", what, i, actual[i], expected[i])
          .isLessThanOrEqualTo(tolerance * scale);
    }
  }

  static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
    return out;
  }
}
