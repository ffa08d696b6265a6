package dev.foresight.models.plan;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Rollouts split across threads by sample: shard {@code i} evaluates samples {@code [from_i, to_i)}
 * of every batch with rollouts of its own (its own ONNX Runtime session and bindings, one intra-op
 * thread each), shard 0 on the calling thread and the others on worker threads started here. A
 * sample's cost depends only on its own action sequence, so the split changes no cost beyond what a
 * different batch shape does inside ONNX Runtime's kernels.
 *
 * <p>Why not ONNX Runtime's own intra-op threads: on the 2x64 MLP they split each small matrix
 * product and synchronize per operator (hundreds of times per fused rollout), which measured slower
 * with two threads than with one (issue 16); shards synchronize twice per batch.
 *
 * <p>Hand-off, allocation-free: the caller publishes the batch's inputs with a volatile generation
 * count and unparks the workers; each worker copies its slice of the time-major actions into its
 * own buffer, evaluates, writes its costs into the caller's array and publishes the generation it
 * finished. Workers spin briefly after a batch (the next iteration usually follows within
 * microseconds) and then park; the caller spins while it waits, since the shards are equal in size.
 *
 * <pre>{@code
 * Rollouts rollouts = new ParallelRollouts(List.of(shard0, shard1), cpu -> {});   // 2 x (K/2) samples
 * rollouts.evaluate(state, lastAction, actions, cost);                              // K costs
 * }</pre>
 */
public final class ParallelRollouts implements Rollouts {

  /** Spins of a worker after its batch before it parks (about 20-50 us on a desktop core). */
  private static final int WORKER_SPINS = 20_000;

  private final Rollouts[] shards;
  private final int[] from;
  private final float[][] shardActions;
  private final float[][] shardCost;
  private final Worker[] workers;
  private final int k;
  private final int h;
  private final int a;
  private final String description;

  // The batch being evaluated: written by the caller before the volatile generation write.
  private float[] state;
  private float[] lastAction;
  private float[] actions;
  private float[] cost;
  private volatile long generation;
  private volatile boolean closed;

  /**
   * @param shards        rollouts of the same horizon and sizes, one per thread; shard 0 runs on the
   *                      caller; their sample counts add up to the batch size (taken over: closed here)
   * @param onWorkerStart called on each worker thread as it starts, with the shard index (1..T-1):
   *                      for pinning it to a CPU
   */
  public ParallelRollouts(List<Rollouts> shards, IntConsumer onWorkerStart) {
    if (shards.isEmpty()) throw new IllegalArgumentException("no shards");
    this.shards = shards.toArray(Rollouts[]::new);
    Rollouts first = this.shards[0];
    this.h = first.horizon();
    this.a = first.actionSize();
    this.from = new int[this.shards.length + 1];
    for (int i = 0; i < this.shards.length; i++) {
      Rollouts r = this.shards[i];
      if (r.horizon() != h || r.actionSize() != a || r.stateSize() != first.stateSize()) {
        throw new IllegalArgumentException("shard " + i + " differs in horizon or sizes");
      }
      from[i + 1] = from[i] + r.samples();
    }
    this.k = from[this.shards.length];
    this.shardActions = new float[this.shards.length][];
    this.shardCost = new float[this.shards.length][];
    for (int i = 0; i < this.shards.length; i++) {
      shardActions[i] = new float[h * this.shards[i].samples() * a];
      shardCost[i] = new float[this.shards[i].samples()];
    }
    this.description = first.description() + " x " + this.shards.length + " threads";
    this.workers = new Worker[this.shards.length];
    for (int i = 1; i < this.shards.length; i++) {
      workers[i] = new Worker(i, onWorkerStart);
      workers[i].thread.start();
    }
  }

  /** Splits {@code samples} into {@code threads} shard sizes as equal as they can be, largest first. */
  public static int[] split(int samples, int threads) {
    if (threads < 1 || threads > samples) {
      throw new IllegalArgumentException(samples + " samples cannot be split across " + threads + " threads");
    }
    int[] sizes = new int[threads];
    for (int i = 0; i < threads; i++) sizes[i] = samples / threads + (i < samples % threads ? 1 : 0);
    return sizes;
  }

  /** Threads evaluating a batch, the caller's included. */
  public int threads() {
    return shards.length;
  }

  @Override
  public int samples() {
    return k;
  }

  @Override
  public int horizon() {
    return h;
  }

  @Override
  public int stateSize() {
    return shards[0].stateSize();
  }

  @Override
  public int actionSize() {
    return a;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void evaluate(float[] state, float[] lastAction, float[] actions, float[] cost) {
    if (closed) throw new IllegalStateException("rollouts closed");
    this.state = state;
    this.lastAction = lastAction;
    this.actions = actions;
    this.cost = cost;
    long g = generation + 1;
    generation = g;   // publishes the fields above to the workers
    for (int i = 1; i < workers.length; i++) LockSupport.unpark(workers[i].thread);
    RuntimeException mine = null;
    try {
      run(0);
    } catch (RuntimeException e) {
      mine = e;
    }
    Throwable theirs = null;
    for (int i = 1; i < workers.length; i++) {
      Worker w = workers[i];
      while (w.done != g) {
        if (!w.thread.isAlive()) throw new IllegalStateException("rollout worker " + i + " died");
        Thread.onSpinWait();
      }
      if (w.failure != null && theirs == null) theirs = w.failure;
      w.failure = null;
    }
    if (mine != null) throw mine;
    if (theirs != null) {
      if (theirs instanceof RuntimeException r) throw r;
      throw new IllegalStateException("rollout worker failed: " + theirs, theirs);
    }
  }

  /** Shard {@code i}: its slice of every step's actions, its rollouts, its costs into the batch's. */
  private void run(int i) {
    int lo = from[i];
    int n = from[i + 1] - lo;
    float[] mine = shardActions[i];
    for (int t = 0; t < h; t++) System.arraycopy(actions, (t * k + lo) * a, mine, t * n * a, n * a);
    shards[i].evaluate(state, lastAction, mine, shardCost[i]);
    System.arraycopy(shardCost[i], 0, cost, lo, n);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    for (int i = 1; i < workers.length; i++) LockSupport.unpark(workers[i].thread);
    for (int i = 1; i < workers.length; i++) {
      try {
        workers[i].thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (Rollouts r : shards) r.close();
  }

  /** A worker thread: waits for a new generation, evaluates its shard, publishes the generation. */
  private final class Worker implements Runnable {
    final int index;
    final IntConsumer onStart;
    final Thread thread;
    volatile long done;
    volatile Throwable failure;

    Worker(int index, IntConsumer onStart) {
      this.index = index;
      this.onStart = onStart;
      this.thread = new Thread(this, "foresight-rollouts-" + index);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      onStart.accept(index);
      // Not the current generation: the caller may publish the first batch before this thread runs
      // (a loaded machine starts threads late), and that batch must not be skipped.
      long seen = 0;
      int spins = 0;
      while (!closed) {
        long g = generation;
        if (g == seen) {
          if (++spins < WORKER_SPINS) {
            Thread.onSpinWait();
          } else {
            LockSupport.park(this);
          }
          continue;
        }
        spins = 0;
        seen = g;
        try {
          ParallelRollouts.this.run(index);
        } catch (Throwable t) {
          failure = t;
        }
        done = g;
      }
    }
  }
}
