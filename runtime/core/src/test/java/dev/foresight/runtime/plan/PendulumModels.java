package dev.foresight.runtime.plan;

import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.WorldModelMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The 2x64 MLP pendulum world model (random weights), written by the export code for runtime tests. */
public final class PendulumModels {

  private PendulumModels() {}

  /** Writes {@code dir/pendulum-2x64-<q>.onnx} with the given state names and time step. */
  public static Path write(Path dir, MlpExport.Quantization q, List<String> stateNames, double dtS) {
    Mlp mlp = Mlp.random(new int[] {3, 64, 64, 2}, Mlp.Activation.RELU, 17, 0.5);
    var norm = new MlpExport.Normalization(new float[3], new float[] {1.8f, 4f, 1.2f}, new float[2], new float[] {0.2f, 0.5f});
    var meta = new WorldModelMetadata(1, stateNames, List.of("torque"), dtS, q.id(), "", "foresight tests");
    try {
      Files.createDirectories(dir);
      return Files.write(dir.resolve("pendulum-2x64-" + q.id() + ".onnx"), MlpExport.worldModel(List.of(mlp), norm, meta, q).toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
