package dev.foresight.models.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.management.ThreadMXBean;
import dev.foresight.config.RobotConfig;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.Mlp;
import dev.foresight.models.world.MlpExport;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.TestModels;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;

class ParallelRolloutsTest {

  static final int K = RolloutsTest.K;
  static final int H = RolloutsTest.H;

  final RobotConfig config = RolloutsTest.pendulum("");
  final CostFunction cost = CostFunction.of(Fixtures.planner(config).cost(), config);
  final byte[] world = TestModels.pendulum(1, Mlp.Activation.TANH, MlpExport.Quantization.FP32).toByteArray();
  final float[] state = {3.0f, -0.7f};
  final float[] last = {0.4f};

  private Rollouts stepwise(int samples) {
    return new StepwiseRollouts(OnnxWorldModel.owning(ModelSession.open(world, "w", SessionSettings.DEFAULT), samples),
        cost, null, 0, H, "stepwise");
  }

  private Rollouts fused(int samples) {
    return Planners.fused(world, null, cost, H, samples, 0, SessionSettings.DEFAULT, "w");
  }

  @Test
  void splitsSamplesAsEvenlyAsTheyGo() {
    assertThat(ParallelRollouts.split(256, 2)).containsExactly(128, 128);
    assertThat(ParallelRollouts.split(10, 3)).containsExactly(4, 3, 3);
    assertThatThrownBy(() -> ParallelRollouts.split(2, 3)).hasMessageContaining("2 samples cannot be split across 3 threads");
  }

  /** Each sample's cost is its own: split across 3 threads, every sample costs what one batch gives it. */
  @Test
  void shardsGiveEachSampleTheCostOfTheWholeBatch() {
    float[] actions = RolloutsTest.randomActions(3);
    float[] whole = new float[K];
    float[] split = new float[K];
    try (Rollouts one = stepwise(K);
         Rollouts three = Planners.sharded(ParallelRollouts.split(K, 3), w -> {}, this::stepwise)) {
      assertThat(three.samples()).isEqualTo(K);
      assertThat(three.description()).isEqualTo("stepwise x 3 threads");
      one.evaluate(state, last, actions, whole);
      for (int round = 0; round < 3; round++) {
        java.util.Arrays.fill(split, Float.NaN);
        three.evaluate(state, last, actions, split);
        for (int k = 0; k < K; k++) {
          // Batch size changes the order of ONNX Runtime's sums at most in the last bits.
          assertThat(split[k]).as("round " + round + " sample " + k).isCloseTo(whole[k], Percentage.withPercentage(1e-3));
        }
      }
    }
    assertThat(whole).doesNotHaveDuplicates();
  }

  @Test
  void fusedShardsAgreeWithOneFusedBatch() {
    float[] actions = RolloutsTest.randomActions(4);
    float[] whole = new float[K];
    float[] split = new float[K];
    try (Rollouts one = fused(K); Rollouts two = Planners.sharded(ParallelRollouts.split(K, 2), w -> {}, this::fused)) {
      one.evaluate(state, last, actions, whole);
      two.evaluate(state, last, actions, split);
    }
    for (int k = 0; k < K; k++) assertThat(split[k]).as("sample " + k).isCloseTo(whole[k], Percentage.withPercentage(1e-3));
  }

  /** Once warm, a batch allocates nothing on the calling thread nor on any worker. */
  @Test
  void evaluatesWithoutAllocatingOnAnyThread() {
    float[] actions = RolloutsTest.randomActions(5);
    float[] out = new float[K];
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    try (Rollouts two = Planners.sharded(ParallelRollouts.split(K, 2), w -> {}, this::fused)) {
      for (int i = 0; i < 2_000; i++) two.evaluate(state, last, actions, out);
      long[] ids = Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t == Thread.currentThread() || t.getName().startsWith("foresight-rollouts-"))
          .mapToLong(Thread::threadId).toArray();
      assertThat(ids).hasSize(2);
      long least = Long.MAX_VALUE;
      for (int window = 0; window < 5 && least > 0; window++) {
        long before = sum(mx.getThreadAllocatedBytes(ids));
        for (int i = 0; i < 200; i++) two.evaluate(state, last, actions, out);
        least = Math.min(least, sum(mx.getThreadAllocatedBytes(ids)) - before);
      }
      // Reading the counters allocates their result array once per read; nothing else may.
      assertThat(least).as("bytes allocated by 200 batches").isLessThanOrEqualTo(2 * (16 + 8L * ids.length));
    }
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) s += v;
    return s;
  }

  /** A worker that starts after the first batch was published (a loaded machine) still evaluates it. */
  @Test
  @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS)
  void aWorkerThatStartsLateStillEvaluatesTheFirstBatch() {
    float[] actions = RolloutsTest.randomActions(6);
    float[] whole = new float[K];
    float[] split = new float[K];
    try (Rollouts one = stepwise(K);
         Rollouts two = Planners.sharded(ParallelRollouts.split(K, 2), w -> sleep(300), this::stepwise)) {
      one.evaluate(state, last, actions, whole);
      two.evaluate(state, last, actions, split);   // published before the worker's thread gets going
    }
    for (int k = 0; k < K; k++) assertThat(split[k]).as("sample " + k).isCloseTo(whole[k], Percentage.withPercentage(1e-3));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void workersStartThroughTheHookAndStopOnClose() {
    ConcurrentLinkedQueue<String> started = new ConcurrentLinkedQueue<>();
    List<Thread> workers = new ArrayList<>();
    Rollouts three = Planners.sharded(ParallelRollouts.split(K, 3), w -> {
      started.add(w + " " + Thread.currentThread().getName());
      workers.add(Thread.currentThread());
    }, this::stepwise);
    three.evaluate(state, last, RolloutsTest.randomActions(6), new float[K]);
    assertThat(started).containsExactlyInAnyOrder("1 foresight-rollouts-1", "2 foresight-rollouts-2");
    three.close();
    three.close();
    assertThat(workers).allSatisfy(t -> assertThat(t.isAlive()).isFalse());
    assertThatThrownBy(() -> three.evaluate(state, last, new float[H * K], new float[K]))
        .hasMessageContaining("closed");
  }

  /** A shard that throws on a worker thread fails the batch on the caller, and the next batch runs. */
  @Test
  void aWorkersFailureReachesTheCaller() {
    boolean[] fail = {true};
    Rollouts failing = new Rollouts() {
      final Rollouts inner = stepwise(K / 2);
      @Override public int samples() { return inner.samples(); }
      @Override public int horizon() { return H; }
      @Override public int stateSize() { return 2; }
      @Override public int actionSize() { return 1; }
      @Override public String description() { return "failing"; }
      @Override public void evaluate(float[] s, float[] l, float[] a, float[] c) {
        if (fail[0]) throw new IllegalStateException("model run failed");
        inner.evaluate(s, l, a, c);
      }
      @Override public void close() { inner.close(); }
    };
    try (Rollouts two = new ParallelRollouts(List.of(stepwise(K / 2), failing), w -> {})) {
      float[] actions = RolloutsTest.randomActions(7);
      float[] out = new float[K];
      assertThatThrownBy(() -> two.evaluate(state, last, actions, out)).hasMessage("model run failed");
      fail[0] = false;
      two.evaluate(state, last, actions, out);
      assertThat(out[K - 1]).isFinite();
    }
  }
}
