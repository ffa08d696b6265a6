package dev.foresight.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.config.ModelConfig;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSessionTest {

  @TempDir
  Path dir;

  static byte[] pendulum() {
    return TestModels.pendulum(1, Mlp.Activation.RELU, MlpExport.Quantization.FP32).toByteArray();
  }

  private void refused(Path file, String expectedStart) {
    assertThatThrownBy(() -> ModelSession.open(file, SessionSettings.DEFAULT))
        .isInstanceOf(ModelException.class)
        .hasMessageStartingWith(expectedStart)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aMissingFileIsOneLine() {
    refused(dir.resolve("none.onnx"), dir.resolve("none.onnx") + ": no such model file");
  }

  @Test
  void anEmptyFileIsOneLine() throws IOException {
    Path file = Files.write(dir.resolve("empty.onnx"), new byte[0]);
    refused(file, file + ": the model file is empty");
  }

  @Test
  void aFileThatIsNotOnnxIsOneLine() throws IOException {
    Path file = Files.writeString(dir.resolve("notes.onnx"), "robot: {id: x}\n", StandardCharsets.UTF_8);
    refused(file, file + ": not a usable ONNX model (");
  }

  @Test
  void aTruncatedModelIsOneLine() throws IOException {
    byte[] model = pendulum();
    Path file = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(model, model.length / 2));
    refused(file, file + ": not a usable ONNX model (");
  }

  @Test
  void aModelWithFlippedBytesIsRefusedWithoutCrashing() throws IOException {
    byte[] model = pendulum();
    for (int i = 0; i < 64; i++) model[i * 7 % model.length] ^= (byte) 0x5A;
    Path file = Files.write(dir.resolve("flipped.onnx"), model);
    refused(file, file + ": ");
  }

  @Test
  void aProviderTheBuildLacksFallsBackToCpuAndSaysWhy() throws IOException {
    Path file = Files.write(dir.resolve("p.onnx"), pendulum());
    var settings = new SessionSettings(1, ModelConfig.Optimization.ALL, ModelConfig.ExecutionProvider.CUDA);
    try (ModelSession model = ModelSession.open(file, settings)) {
      assertThat(model.provider()).startsWith("cpu (cuda asked for, but this ONNX Runtime build has only cpu");
      assertThat(model.inputs()).extracting(TensorSpec::toString).containsExactly("state float[N, 2]", "action float[N, 1]");
      assertThat(model.metadata()).containsEntry("foresight.state_names", "theta,theta_dot");
    }
  }
}
