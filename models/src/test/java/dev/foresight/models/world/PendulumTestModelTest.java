package dev.foresight.models.world;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Generates the benchmark's 2x64 MLP pendulum world model (fp32 and int8, random weights) into
 * {@code models/target/test-models/} as part of the build, and checks that both meet the contract.
 * {@code foresight bench plan --model models/target/test-models/pendulum-2x64-fp32.onnx} uses them.
 */
class PendulumTestModelTest {

  @Test
  void writesTheBenchmarkModelsAndTheyMeetTheContract() {
    Path[] files = TestModels.writePendulum(Path.of("target/test-models"));
    for (Path file : files) {
      try (ModelSession model = ModelSession.open(file, SessionSettings.DEFAULT)) {
        WorldModelMetadata meta = WorldModelContract.check(model, TestModels.PENDULUM_STATE, TestModels.PENDULUM_ACTION,
            TestModels.PENDULUM_DT);
        assertThat(file.getFileName().toString()).contains(meta.quantization());   // int8w: "int8" too
      }
    }
  }
}
