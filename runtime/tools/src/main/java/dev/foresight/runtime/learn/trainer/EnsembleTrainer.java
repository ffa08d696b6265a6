package dev.foresight.runtime.learn.trainer;

import dev.foresight.models.world.AngleFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains an ensemble of MLP world models on transitions: normalized input features ({@code [state,
 * action]}, wrapped angles as sine and cosine: {@link AngleFeatures}),
 * normalized state deltas as targets, MSE loss, minibatch Adam, early stopping on held-out
 * episodes (the best epoch's weights are kept), one bootstrap sample per member.
 *
 * <p>Deterministic for a seed: the split, every bootstrap, every initialization and every batch
 * order come from seeded generators, and each member trains on one thread, so the result does not
 * depend on how many threads run.
 */
public final class EnsembleTrainer {

  private final TrainerSettings settings;

  /** A trainer with these settings. */
  public EnsembleTrainer(TrainerSettings settings) {
    this.settings = settings;
  }

  /**
   * Trains on {@code data}.
   *
   * @throws IllegalArgumentException when there are fewer than two episodes (no validation possible)
   *                                  or too few transitions
   */
  public TrainedEnsemble train(Transitions data, ProgressListener progress) throws InterruptedException {
    int[] episodes = Arrays.stream(data.episodes()).distinct().sorted().toArray();
    if (episodes.length < 2) {
      throw new IllegalArgumentException("training needs at least 2 episodes (one is held out for validation); got "
          + episodes.length);
    }
    SplittableRandom random = new SplittableRandom(settings.seed());
    java.util.Set<Integer> held = heldOut(episodes, random, settings.validationShare());
    int[] train = java.util.stream.IntStream.range(0, data.count()).filter(i -> !held.contains(data.episodes()[i])).toArray();
    int[] validation = java.util.stream.IntStream.range(0, data.count()).filter(i -> held.contains(data.episodes()[i])).toArray();
    if (train.length < 2 * settings.batchSize() / 4 || validation.length == 0) {
      throw new IllegalArgumentException("too few transitions to train: " + train.length + " for training, "
          + validation.length + " for validation");
    }

    Normalization norm = Normalization.of(data, train);
    double[] inputs = norm.inputs(data);
    double[] targets = norm.targets(data);
    int in = norm.features.width();
    int out = data.stateSize();
    int[] sizes = new int[settings.hidden().length + 2];
    sizes[0] = in;
    System.arraycopy(settings.hidden(), 0, sizes, 1, settings.hidden().length);
    sizes[sizes.length - 1] = out;

    long[] memberSeeds = new long[settings.ensemble()];
    for (int m = 0; m < memberSeeds.length; m++) memberSeeds[m] = random.nextLong();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.threads(), settings.ensemble()),
        r -> Thread.ofPlatform().name("foresight-train").daemon(true).unstarted(r));
    try {
      List<Future<Member>> futures = new ArrayList<>();
      for (int m = 0; m < settings.ensemble(); m++) {
        int member = m;
        futures.add(pool.submit(() -> trainMember(member, memberSeeds[member], sizes, inputs, targets, train,
            validation, progress)));
      }
      List<double[][]> weights = new ArrayList<>();
      List<double[][]> biases = new ArrayList<>();
      List<TrainedEnsemble.MemberResult> results = new ArrayList<>();
      for (Future<Member> f : futures) {
        Member member = f.get();
        weights.add(member.weights());
        biases.add(member.biases());
        results.add(member.result());
      }
      return new TrainedEnsemble(data.stateNames(), data.actionNames(), data.wrapped(), settings.hidden(), weights,
          biases, norm.inputMean, norm.inputStd, norm.deltaMean, norm.deltaStd, results);
    } catch (ExecutionException e) {
      throw new IllegalStateException("training failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * The episode ids {@link #train} holds out for validation (early stopping) with these settings:
   * the data a model trained on {@code data} has not seen, which calibration at export uses.
   */
  public static java.util.Set<Integer> heldOutEpisodes(Transitions data, TrainerSettings settings) {
    int[] episodes = Arrays.stream(data.episodes()).distinct().sorted().toArray();
    if (episodes.length < 2) return java.util.Set.of();
    return heldOut(episodes, new SplittableRandom(settings.seed()), settings.validationShare());
  }

  private static java.util.Set<Integer> heldOut(int[] episodes, SplittableRandom random, double share) {
    int[] shuffled = episodes.clone();
    shuffle(shuffled, random);
    int validationEpisodes = Math.max(1, (int) Math.round(share * episodes.length));
    java.util.Set<Integer> held = new java.util.HashSet<>();
    for (int i = 0; i < validationEpisodes; i++) held.add(shuffled[i]);
    return held;
  }

  private record Member(double[][] weights, double[][] biases, TrainedEnsemble.MemberResult result) {}

  private Member trainMember(int member, long seed, int[] sizes, double[] inputs, double[] targets, int[] train,
      int[] validation, ProgressListener progress) {
    SplittableRandom random = new SplittableRandom(seed);
    int in = sizes[0];
    int out = sizes[sizes.length - 1];
    int batch = settings.batchSize();
    Network net = new Network(sizes, Math.max(batch, 1024), random);
    Adam adam = new Adam(net, settings.learningRate(), settings.weightDecay());
    int[] bootstrap = new int[train.length];
    for (int i = 0; i < bootstrap.length; i++) bootstrap[i] = train[random.nextInt(train.length)];
    double[] x = new double[Math.max(batch, 1024) * in];
    double[] grad = new double[Math.max(batch, 1024) * out];
    double best = Double.POSITIVE_INFINITY;
    double bestTrain = Double.NaN;
    int bestEpoch = 0;
    double[][] bestParameters = net.snapshot();
    int epoch = 0;
    int plateau = settings.patience() / 4;
    while (epoch < settings.maxEpochs()) {
      epoch++;
      shuffle(bootstrap, random);
      double lossSum = 0;
      long lossCount = 0;
      for (int start = 0; start < bootstrap.length; start += batch) {
        int b = Math.min(batch, bootstrap.length - start);
        for (int r = 0; r < b; r++) System.arraycopy(inputs, bootstrap[start + r] * in, x, r * in, in);
        double[] y = net.forward(x, b);
        for (int r = 0; r < b; r++) {
          int row = bootstrap[start + r];
          for (int o = 0; o < out; o++) {
            double e = y[r * out + o] - targets[row * out + o];
            lossSum += e * e;
            grad[r * out + o] = 2 * e / out;
          }
        }
        lossCount += (long) b * out;
        net.backward(grad, b);
        adam.update(net, 1.0 / b);
      }
      double trainLoss = lossSum / lossCount;
      double validationLoss = loss(net, inputs, targets, validation, x, in, out);
      boolean improved = validationLoss < best - 1e-12;
      if (improved) {
        best = validationLoss;
        bestTrain = trainLoss;
        bestEpoch = epoch;
        bestParameters = net.snapshot();
      } else if (plateau > 0 && (epoch - bestEpoch) % plateau == 0) {
        // Reduce on plateau: a smaller step settles into the minimum the noisy minibatch steps circle
        // around (deterministic data, like a simulator's, keeps improving long after a fixed rate stalls).
        adam.learningRate(Math.max(adam.learningRate() / 2, settings.learningRate() / 1000));
      }
      boolean stop = epoch - bestEpoch >= settings.patience() || epoch == settings.maxEpochs();
      progress.epoch(member, epoch, settings.maxEpochs(), trainLoss, validationLoss, stop);
      if (stop) break;
    }
    net.restore(bestParameters);
    int layers = sizes.length - 1;
    double[][] w = new double[layers][];
    double[][] bs = new double[layers][];
    for (int l = 0; l < layers; l++) {
      w[l] = net.weight[l].clone();
      bs[l] = net.bias[l].clone();
    }
    return new Member(w, bs, new TrainedEnsemble.MemberResult(bestEpoch, epoch, bestTrain, best));
  }

  private static double loss(Network net, double[] inputs, double[] targets, int[] rows, double[] x, int in, int out) {
    double sum = 0;
    int chunk = x.length / in;
    for (int start = 0; start < rows.length; start += chunk) {
      int b = Math.min(chunk, rows.length - start);
      for (int r = 0; r < b; r++) System.arraycopy(inputs, rows[start + r] * in, x, r * in, in);
      double[] y = net.forward(x, b);
      for (int r = 0; r < b; r++) {
        for (int o = 0; o < out; o++) {
          double e = y[r * out + o] - targets[rows[start + r] * out + o];
          sum += e * e;
        }
      }
    }
    return sum / ((double) rows.length * out);
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Input-feature and delta normalization from the training rows only. */
  static final class Normalization {
    final double[] inputMean;
    final double[] inputStd;
    final double[] deltaMean;
    final double[] deltaStd;
    final AngleFeatures features;
    private final int s;
    private final int width;

    private Normalization(AngleFeatures features) {
      this.features = features;
      this.s = features.states();
      this.width = features.width();
      inputMean = new double[width];
      inputStd = new double[width];
      deltaMean = new double[s];
      deltaStd = new double[s];
    }

    static Normalization of(Transitions data, int[] rows) {
      Normalization n = new Normalization(new AngleFeatures(data.wrapped(), data.actionSize()));
      double[] x = n.features(data);
      for (int j = 0; j < n.width; j++) {
        int col = j;
        double[] values = Arrays.stream(rows).mapToDouble(i -> x[i * n.width + col]).toArray();
        n.inputMean[j] = mean(values);
        n.inputStd[j] = std(values, n.inputMean[j]);
      }
      for (int j = 0; j < n.s; j++) {
        int col = j;
        double[] values = Arrays.stream(rows).mapToDouble(i -> data.delta(i, col)).toArray();
        n.deltaMean[j] = mean(values);
        n.deltaStd[j] = std(values, n.deltaMean[j]);
      }
      return n;
    }

    private double[] features(Transitions data) {
      double[] x = new double[data.count() * width];
      for (int i = 0; i < data.count(); i++) {
        features.compute(data.states(), i * s, data.actions(), i * data.actionSize(), x, i * width);
      }
      return x;
    }

    /** Normalized features of every row. */
    double[] inputs(Transitions data) {
      double[] x = features(data);
      for (int i = 0; i < data.count(); i++) {
        for (int j = 0; j < width; j++) x[i * width + j] = (x[i * width + j] - inputMean[j]) / inputStd[j];
      }
      return x;
    }

    double[] targets(Transitions data) {
      double[] y = new double[data.count() * s];
      for (int i = 0; i < data.count(); i++) {
        for (int j = 0; j < s; j++) y[i * s + j] = (data.delta(i, j) - deltaMean[j]) / deltaStd[j];
      }
      return y;
    }

    private static double mean(double[] v) {
      double sum = 0;
      for (double x : v) sum += x;
      return v.length > 0 ? sum / v.length : 0;
    }

    /** Standard deviation, floored so a constant column (e.g. an unused action) does not divide by 0. */
    private static double std(double[] v, double mean) {
      double sum = 0;
      for (double x : v) sum += (x - mean) * (x - mean);
      double std = v.length > 1 ? Math.sqrt(sum / (v.length - 1)) : 1;
      return Math.max(std, 1e-6);
    }
  }
}
