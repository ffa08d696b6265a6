package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.foresight.config.ConfigLoader;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.plan.CostFunction;
import dev.foresight.models.plan.Planners;
import dev.foresight.models.plan.Rollouts;
import dev.foresight.models.plan.SamplingPlanner;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.WorldModelMetadata;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.plan.PendulumModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NumPy peer of {@code bench plan --peer numpy} (bench/peer/mppi_numpy.py) against the Java planner,
 * with Debian's python3 and NumPy (the CI installs python3-numpy and python3-onnx): for the samples
 * Foresight's MPPI drew, the peer's rollout costs and its update of the plan match Foresight's, so the
 * benchmark's ratio compares the same work.
 */
class NumpyPeerTest {

  static final String PYTHON = "/usr/bin/python3";
  static final Path SCRIPT = TestConfigs.ROOT.resolve("bench/peer/mppi_numpy.py");
  static final int K = 256;
  static final int H = 16;

  /** The robot bench plan builds for a pendulum model (its synthetic config: track theta and theta_dot, effort). */
  static RobotConfig benchConfig() throws Exception {
    return ConfigLoader.parse("""
        robot: {id: bench}
        loop: {rate_hz: 20}
        sim: {plant: pendulum}
        state:
          - {name: theta, wrap: true, source: plant.theta}
          - {name: theta_dot, wrap: false, source: plant.theta_dot}
        action:
          - {name: torque, min: -2.0, max: 2.0, target: plant.torque}
        controller:
          type: mppi
          samples: %d
          horizon: %d
          world_model: simulator
          cost:
            - {type: track, variable: theta, weight: 1}
            - {type: track, variable: theta_dot, weight: 1}
            - {type: action, variable: torque, weight: 0.001}
        """.formatted(K, H), Path.of("bench.yaml"));
  }

  /** Rollouts that keep the last batch they evaluated and its costs. */
  static final class Recording implements Rollouts {
    final Rollouts inner;
    float[] actions;
    float[] costs;

    Recording(Rollouts inner) {
      this.inner = inner;
    }

    @Override public int samples() { return inner.samples(); }
    @Override public int horizon() { return inner.horizon(); }
    @Override public int stateSize() { return inner.stateSize(); }
    @Override public int actionSize() { return inner.actionSize(); }
    @Override public String description() { return inner.description(); }
    @Override public void close() { inner.close(); }

    @Override
    public void evaluate(float[] state, float[] lastAction, float[] actions, float[] cost) {
      inner.evaluate(state, lastAction, actions, cost);
      this.actions = actions.clone();
      this.costs = cost.clone();
    }
  }

  @ParameterizedTest
  @EnumSource(Mlp.Activation.class)
  void thePeersCostsAndUpdateMatchTheJavaPlannerForTheSameSamples(Mlp.Activation activation, @TempDir Path dir)
      throws Exception {
    Mlp mlp = Mlp.random(new int[] {3, 64, 64, 2}, activation, 17, 0.5);
    var norm = new MlpExport.Normalization(new float[3], new float[] {1.8f, 4f, 1.2f}, new float[2], new float[] {0.2f, 0.5f});
    var meta = new WorldModelMetadata(1, List.of("theta", "theta_dot"), List.of("torque"), 0.05, "fp32", "", "foresight tests");
    Path model = Files.write(dir.resolve("mlp.onnx"),
        MlpExport.worldModel(List.of(mlp), norm, meta, MlpExport.Quantization.FP32).toByteArray());
    RobotConfig config = benchConfig();
    SampledPlannerConfig p = (SampledPlannerConfig) config.controller();
    Recording recording = new Recording(Planners.onnx(model, null, SessionSettings.DEFAULT, config,
        CostFunction.of(p.cost(), config), p));
    double[] plan = new double[H];
    try (SamplingPlanner mppi = Planners.create(p, config, recording, System::nanoTime)) {
      assertThat(mppi.plan(new double[] {3.0, 0.0}, Long.MAX_VALUE)).isEqualTo(1);
      mppi.copyPlan(plan);
    }
    Map<String, Object> job = new LinkedHashMap<>();
    job.put("state", new double[] {3.0, 0.0});
    job.put("samples", recording.actions);
    job.put("horizon", H);
    job.put("temperature", 1.0);
    JsonNode out = check(model, JsonMapper.builder().build().writeValueAsString(job));

    JsonNode costs = out.get("costs");
    assertThat(costs).hasSize(K);
    float lo = Float.MAX_VALUE, hi = -Float.MAX_VALUE;
    for (int i = 0; i < K; i++) {
      float c = recording.costs[i];
      lo = Math.min(lo, c);
      hi = Math.max(hi, c);
      assertThat(costs.get(i).asDouble()).as("cost of sample %d (%s)", i, activation).isCloseTo(c, within(1e-5 * c + 1e-4));
    }
    assertThat(hi - lo).as("the samples' costs differ: the check compares something").isGreaterThan(1f);
    JsonNode peerPlan = out.get("plan");
    assertThat(peerPlan).hasSize(H);
    for (int t = 0; t < H; t++) {
      assertThat(peerPlan.get(t).asDouble()).as("plan step %d (%s)", t, activation).isCloseTo(plan[t], within(1e-4));
    }
  }

  /** bench plan --peer numpy: the peer's rows beside Foresight's, from the same rounds, and the ratio per thread count. */
  @Test
  void benchPlanTimesThePeerInTheSameRoundsAndPrintsTheRatio(@TempDir Path dir) {
    Path fp32 = PendulumModels.write(dir, MlpExport.Quantization.FP32, List.of("theta", "theta_dot"), 0.05);
    Path int8 = PendulumModels.write(dir, MlpExport.Quantization.INT8, List.of("theta", "theta_dot"), 0.05);
    CliRun.Result r = CliRun.run("bench", "plan", "--model", fp32.toString(), "--model", int8.toString(), "--samples",
        "64", "--horizon", "8", "--threads", "1,2", "--plans", "6", "--warmup", "4", "--rounds", "2", "--peer", "numpy",
        "--peer-python", PYTHON, "--peer-script", SCRIPT.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode all = JsonMapper.builder().build().readTree(r.out());
    List<JsonNode> peers = new ArrayList<>();
    for (JsonNode row : all.get("results")) if (row.get("peer").asString().equals("numpy")) peers.add(row);
    assertThat(all.get("results")).hasSize(6);   // 2 models x 2 thread counts, and the peer for the fp32 one
    assertThat(peers).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode row = peers.get(i);
      assertThat(row.get("model").asString()).isEqualTo(fp32.getFileName().toString());
      assertThat(row.get("threads").asInt()).isEqualTo(i + 1);
      assertThat(row.get("rollouts").asString()).startsWith("numpy ").contains(" peer");
      assertThat(row.get("median_ms").asDouble()).isPositive();
      assertThat(row.get("sample_steps_per_s").asDouble()).isCloseTo(64 * 8 / (row.get("median_ms").asDouble() / 1e3),
          within(1.0));
      assertThat(row.get("flop_per_plan").asLong()).isEqualTo(2L * (3 * 64 + 64 * 64 + 64 * 2) * 64 * 8);
    }
    JsonNode ratios = all.get("peer_ratios");
    assertThat(ratios).hasSize(2);
    for (JsonNode q : ratios) {
      JsonNode own = null;
      for (JsonNode row : all.get("results")) {
        if (row.get("peer").asString().isEmpty() && row.get("model").asString().equals(q.get("model").asString())
            && row.get("threads").asInt() == q.get("threads").asInt()) own = row;
      }
      JsonNode theirs = peers.get(q.get("threads").asInt() - 1);
      assertThat(q.get("ratio").asDouble()).isCloseTo(own.get("sample_steps_per_s").asDouble()
          / theirs.get("sample_steps_per_s").asDouble(), within(1e-9));
    }
  }

  @Test
  void peerMistakesAreOneLineAndExit2(@TempDir Path dir) throws Exception {
    Path fp32 = PendulumModels.write(dir, MlpExport.Quantization.FP32, List.of("theta", "theta_dot"), 0.05);
    Path int8 = PendulumModels.write(dir, MlpExport.Quantization.INT8, List.of("theta", "theta_dot"), 0.05);
    String script = SCRIPT.toString();
    assertError("foresight: --peer must be numpy", "--model", fp32.toString(), "--peer", "torch");
    assertError("foresight: --peer numpy times --model files (not --plant or --config)", "--plant", "pendulum", "--peer",
        "numpy", "--peer-script", script);
    assertError("foresight: --peer numpy runs MPPI: use --planner mppi", "--model", fp32.toString(), "--planner", "cem",
        "--peer", "numpy", "--peer-script", script);
    Path missing = dir.resolve("nope.py");
    assertError("foresight: --peer numpy: " + missing + " not found; run from the Foresight checkout or give "
        + "--peer-script bench/peer/mppi_numpy.py", "--model", fp32.toString(), "--peer", "numpy", "--peer-script",
        missing.toString());
    assertError("foresight: --peer numpy runs fp32 models; give an fp32 --model (foresight.quantization fp32)", "--model",
        int8.toString(), "--peer", "numpy", "--peer-script", script, "--peer-python", PYTHON);
    CliRun.Result noPython = run("--model", fp32.toString(), "--peer", "numpy", "--peer-script", script, "--peer-python",
        dir.resolve("python9").toString());
    assertThat(noPython.code()).isEqualTo(2);
    assertThat(noPython.err().strip()).startsWith("foresight: --peer numpy: cannot run " + dir.resolve("python9"))
        .endsWith("; install python3 with NumPy or give --peer-python PATH").doesNotContain("\n");
    // the peer itself refusing (an int8 file given to it directly) comes back as its one line
    Path fake = Files.writeString(dir.resolve("fake-python"), "#!/bin/sh\necho 'mppi_numpy.py: broken model' >&2\nexit 2\n");
    fake.toFile().setExecutable(true);
    CliRun.Result broken = run("--model", fp32.toString(), "--peer", "numpy", "--peer-script", script, "--peer-python",
        fake.toString());
    assertThat(broken.code()).isEqualTo(2);
    assertThat(broken.err().strip()).isEqualTo("foresight: --peer numpy: " + fake + " " + script
        + " exited with 2: mppi_numpy.py: broken model");
  }

  /** The peer script refuses a model it cannot run with one line naming the file and the reason. */
  @Test
  void thePeerRefusesAnInt8ModelWithOneLine(@TempDir Path dir) throws Exception {
    Path int8 = PendulumModels.write(dir, MlpExport.Quantization.INT8, List.of("theta", "theta_dot"), 0.05);
    Process p = new ProcessBuilder(PYTHON, SCRIPT.toString(), "--model", int8.toString(), "--plans", "1").start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err).isEqualTo("mppi_numpy.py: " + int8 + ": not usable: initializer wq is not float32 (ONNX type 3): "
        + "the peer runs fp32 models only");
  }

  private static CliRun.Result run(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "bench";
    all[1] = "plan";
    System.arraycopy(args, 0, all, 2, args.length);
    return CliRun.run(all);
  }

  private static void assertError(String message, String... args) {
    CliRun.Result r = run(args);
    assertThat(r.code()).as(r.out()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo(message);
  }

  private static JsonNode check(Path model, String job) throws Exception {
    Process p = new ProcessBuilder(PYTHON, SCRIPT.toString(), "--model", model.toString(), "--check")
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().write(job.getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return JsonMapper.builder().build().readTree(out);
  }
}
