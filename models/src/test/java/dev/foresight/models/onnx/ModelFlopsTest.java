package dev.foresight.models.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ModelFlopsTest {

  /**
   * The shipped pendulum ensemble: 5 members, each a 2x64 MLP from its 7 input features to the
   * 2-wide state delta: 2 x (7x64 + 64x64 + 64x2) FLOP per member.
   */
  @Test
  void countsEveryMembersDenseLayersInTheShippedEnsemble() {
    long perMember = 2L * (7 * 64 + 64 * 64 + 64 * 2);
    assertThat(ModelFlops.perRow(Path.of("pendulum/pendulum-fp32.onnx"))).isEqualTo(5 * perMember);
    assertThat(ModelFlops.perRow(Path.of("pendulum/pendulum-int8.onnx"))).isEqualTo(5 * perMember);
  }

  @Test
  void onnxRuntimesMatMulRunsAtAPositiveRate() {
    assertThat(ModelFlops.matMulGflops(64, 3, System::nanoTime)).isPositive();
  }
}
