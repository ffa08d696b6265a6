package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.models.world.MlpExport;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.plan.PendulumModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BenchPlanCommandTest {

  @Test
  void reportsTimingThroughputAndAllocationForFp32AndInt8(@TempDir Path dir) {
    Path fp32 = PendulumModels.write(dir, MlpExport.Quantization.FP32, List.of("theta", "theta_dot"), 0.05);
    Path int8 = PendulumModels.write(dir, MlpExport.Quantization.INT8, List.of("theta", "theta_dot"), 0.05);
    CliRun.Result r = CliRun.run("bench", "plan", "--model", fp32.toString(), "--model", int8.toString(),
        "--samples", "64", "--horizon", "8", "--plans", "20", "--warmup", "20", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode results = JsonMapper.builder().build().readTree(r.out()).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("quantization").asString()).isEqualTo("fp32");
    assertThat(results.get(1).get("quantization").asString()).isEqualTo("int8");
    for (JsonNode row : results) {
      assertThat(row.get("median_ms").asDouble()).isPositive();
      assertThat(row.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(row.get("median_ms").asDouble());
      assertThat(row.get("sample_steps_per_s").asDouble()).isPositive();
      assertThat(row.has("alloc_bytes_per_plan")).isTrue();
      assertThat(row.get("rollouts").asString()).startsWith("fused");
    }
  }

  /** --threads 1,2: one row per thread count, the samples split across them, nothing allocated on any of them. */
  @Test
  void splitsTheSamplesAcrossPlannerThreadsWithoutAllocating(@TempDir Path dir) {
    Path fp32 = PendulumModels.write(dir, MlpExport.Quantization.FP32, List.of("theta", "theta_dot"), 0.05);
    CliRun.Result r = CliRun.run("bench", "plan", "--model", fp32.toString(), "--samples", "64", "--horizon", "8",
        "--threads", "1,2", "--plans", "100", "--warmup", "200", "--rounds", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode results = JsonMapper.builder().build().readTree(r.out()).get("results");
    assertThat(results).hasSize(2);
    assertThat(results.get(0).get("threads").asInt()).isEqualTo(1);
    assertThat(results.get(0).get("rollouts").asString()).doesNotContain("threads");
    assertThat(results.get(1).get("threads").asInt()).isEqualTo(2);
    assertThat(results.get(1).get("rollouts").asString()).startsWith("fused").endsWith(" x 2 threads");
    for (JsonNode row : results) {
      assertThat(row.get("alloc_bytes_per_plan").asLong()).as(row.toString()).isZero();
    }
  }

  /**
   * With no --warmup at all the first plans run interpreted and allocate; the bench warms up until
   * plans allocate nothing, so what it reports is the warm path's 0 B.
   */
  @Test
  void warmsUpUntilThePlanPathAllocatesNothing(@TempDir Path dir) {
    Path int8 = PendulumModels.write(dir, MlpExport.Quantization.INT8, List.of("theta", "theta_dot"), 0.05);
    CliRun.Result r = CliRun.run("bench", "plan", "--model", int8.toString(), "--samples", "64", "--horizon", "8",
        "--plans", "50", "--warmup", "0", "--rounds", "1", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode row = JsonMapper.builder().build().readTree(r.out()).get("results").get(0);
    assertThat(row.get("alloc_bytes_per_plan").asLong()).as(row.toString()).isZero();
  }

  @Test
  void moreThreadsThanSamplesIsOneLineAndExit2() {
    CliRun.Result r = CliRun.run("bench", "plan", "--plant", "pendulum", "--samples", "4", "--threads", "8");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: --threads 8 is more than --samples 4 (one thread per sample at most)");
    CliRun.Result intra = CliRun.run("bench", "plan", "--plant", "pendulum", "--intra-op", "0");
    assertThat(intra.code()).isEqualTo(2);
    assertThat(intra.err().strip()).isEqualTo("foresight: --intra-op must be in 1..64");
  }

  /**
   * --config: the demo config's own planner (256 x 40 x 2 on member 1 of the int8 ensemble,
   * model.planning_member), on 1 and 2 threads.
   */
  @Test
  void timesAConfigsOwnPlanner() {
    Path demo = TestConfigs.ROOT.resolve("config/examples/pendulum-learned.yaml");
    CliRun.Result r = CliRun.run("bench", "plan", "--config", demo.toString(), "--threads", "1,2", "--plans", "4",
        "--warmup", "2", "--rounds", "2", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode results = JsonMapper.builder().build().readTree(r.out()).get("results");
    assertThat(results).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode row = results.get(i);
      assertThat(row.get("model").asString()).isEqualTo("pendulum-learned.yaml");
      assertThat(row.get("quantization").asString()).isEqualTo("int8");
      assertThat(row.get("samples").asInt()).isEqualTo(256);
      assertThat(row.get("horizon").asInt()).isEqualTo(40);
      assertThat(row.get("iterations").asInt()).isEqualTo(2);
      assertThat(row.get("threads").asInt()).isEqualTo(i + 1);
      assertThat(row.get("median_ms").asDouble()).isPositive();
      assertThat(row.get("rollouts").asString()).contains(" on member 1");
      // one member's 2 x (7x64 + 64x64 + 64x2) FLOP per sample-step, x 256 samples x 40 steps x 2 iterations
      assertThat(row.get("flop_per_plan").asLong()).isEqualTo(2L * (7 * 64 + 64 * 64 + 64 * 2) * 256 * 40 * 2);
      assertThat(row.get("gflops").asDouble()).isPositive();
    }
    assertThat(results.get(1).get("rollouts").asString()).endsWith(" x 2 threads");
    assertThat(JsonMapper.builder().build().readTree(r.out()).get("sgemm_peak_gflops").asDouble()).isPositive();
  }

  @Test
  void aConfigWithoutASamplingPlannerIsOneLineAndExit2() {
    Path gym = TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml");
    CliRun.Result r = CliRun.run("bench", "plan", "--config", gym.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("foresight: " + gym + ": controller.type is swingup; bench plan times mppi "
        + "and cem planners");
  }

  @Test
  void runsOnTheSimulatorsPlant() {
    CliRun.Result r = CliRun.run("bench", "plan", "--plant", "pendulum", "--samples", "32", "--horizon", "4",
        "--plans", "5", "--warmup", "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("pendulum (simulator)", "median_ms");
  }

  @Test
  void aFileThatIsNotAModelIsOneLineAndExit2(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("x.onnx"), "hello");
    CliRun.Result r = CliRun.run("bench", "plan", "--model", text.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("foresight: " + text + ": not a usable ONNX model (").doesNotContain("\n");
  }
}
