package dev.foresight.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.ModelConfig;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

  private static float[] predict(ModelSession model) {
    float[] next = new float[4];
    try (Binding b = model.bind(Map.of("state", new long[] {2, 2}, "action", new long[] {2, 1}),
        Map.of("next_state", new long[] {2, 2}))) {
      b.write("state", new float[] {0.5f, -1.0f, 3.0f, 2.0f}, 0, 4);
      b.write("action", new float[] {1.5f, -0.5f}, 0, 2);
      b.run();
      b.read("next_state", next, 0, 4);
    }
    return next;
  }

  private List<Path> cacheFiles(Path cache) throws IOException {
    try (var s = Files.list(cache)) {
      return s.toList();
    }
  }

  @Test
  void theOptimizedGraphIsKeptAndLoadedFromTheCache() throws IOException {
    byte[] relu = pendulum();
    Path cache = dir.resolve("cache");
    float[] plain;
    try (ModelSession m = ModelSession.open(relu, "p", SessionSettings.DEFAULT)) {
      plain = predict(m);
    }
    try (ModelSession m = ModelSession.openCached(relu, "p", SessionSettings.DEFAULT, cache)) {
      assertThat(predict(m)).containsExactly(plain);
    }
    List<Path> files = cacheFiles(cache);
    assertThat(files).hasSize(1);
    Path cached = files.getFirst();
    assertThat(cached.getFileName().toString()).matches("ort-[0-9a-f]{64}\\.onnx");
    try (ModelSession m = ModelSession.openCached(relu, "p", SessionSettings.DEFAULT, cache)) {
      assertThat(predict(m)).containsExactly(plain);
    }
    // The second open really reads the cache file: another (valid) graph put there is what runs.
    byte[] tanh = TestModels.pendulum(1, Mlp.Activation.TANH, MlpExport.Quantization.FP32).toByteArray();
    Files.write(cached, tanh);
    float[] other;
    try (ModelSession m = ModelSession.open(tanh, "t", SessionSettings.DEFAULT)) {
      other = predict(m);
    }
    assertThat(other).isNotEqualTo(plain);
    try (ModelSession m = ModelSession.openCached(relu, "p", SessionSettings.DEFAULT, cache)) {
      assertThat(predict(m)).containsExactly(other, within(1e-5f));
    }
    // A damaged cache file is dropped and made again; the model still opens and runs.
    Files.writeString(cached, "not onnx");
    try (ModelSession m = ModelSession.openCached(relu, "p", SessionSettings.DEFAULT, cache)) {
      assertThat(predict(m)).containsExactly(plain);
    }
    assertThat(cacheFiles(cache)).containsExactly(cached);
    assertThat(Files.readString(cached, StandardCharsets.ISO_8859_1)).isNotEqualTo("not onnx");
    // Other settings, another key.
    var basic = new SessionSettings(1, ModelConfig.Optimization.BASIC, ModelConfig.ExecutionProvider.CPU);
    try (ModelSession m = ModelSession.openCached(relu, "p", basic, cache)) {
      assertThat(predict(m)).containsExactly(plain);
    }
    assertThat(cacheFiles(cache)).hasSize(2);
  }

  @Test
  void aCacheFolderThatCannotBeMadeOnlyCostsTheOptimization() throws IOException {
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    try (ModelSession m = ModelSession.openCached(pendulum(), "p", SessionSettings.DEFAULT, notAFolder.resolve("cache"))) {
      assertThat(predict(m)).hasSize(4);
    }
  }
}
