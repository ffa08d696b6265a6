package dev.foresight.runtime.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The NumPy peer of {@code bench plan --peer numpy}: {@code bench/peer/mppi_numpy.py}, the same MPPI plan
 * (noise, clipping, batched rollouts through the model's graph, the bench's cost, softmax weights,
 * update, shift) in NumPy, run as one python process per round with {@code OPENBLAS_NUM_THREADS} (and
 * the OpenMP and MKL equivalents) set to the thread count. Each process warms up, times its plans and
 * prints them as JSON; the times of all rounds make the peer's row, beside Foresight's rows of the same
 * run.
 */
final class NumpyPeer {

  /** Untimed plans per peer process: NumPy has no JIT, a few plans settle caches and BLAS threads. */
  static final int WARMUP_CAP = 20;
  private static final long TIMEOUT_S = 600;

  private final String python;
  private final Path script;
  private final Path model;
  private final int samples;
  private final int horizon;
  private final int threads;
  private final List<Long> times = new ArrayList<>();
  private String version = "?";
  private String blas = "?";

  NumpyPeer(String python, Path script, Path model, int samples, int horizon, int threads) {
    this.python = python;
    this.script = script;
    this.model = model;
    this.samples = samples;
    this.horizon = horizon;
    this.threads = threads;
  }

  /** The script next to the installation ({@code foresight.home}, as the launcher sets it), or {@code given}. */
  static Path script(Path given) {
    Path s = given != null ? given : Path.of(System.getProperty("foresight.home", "."), "bench/peer/mppi_numpy.py");
    if (!Files.isRegularFile(s)) {
      throw new UserException("--peer numpy: " + s + " not found; run from the Foresight checkout or give "
          + "--peer-script bench/peer/mppi_numpy.py");
    }
    return s;
  }

  int threads() {
    return threads;
  }

  int samples() {
    return samples;
  }

  int horizon() {
    return horizon;
  }

  Path model() {
    return model;
  }

  /** NumPy version and BLAS the peer reported, e.g. {@code numpy 2.4.6 peer (scipy-openblas)}. */
  String description() {
    return "numpy " + version + " peer (" + blas + ")";
  }

  /** One peer process: {@code warmup} untimed plans, then {@code plans} timed ones. */
  void time(int plans, int warmup) {
    List<String> command = List.of(python, script.toString(), "--model", model.toString(), "--samples",
        Integer.toString(samples), "--horizon", Integer.toString(horizon), "--plans", Integer.toString(plans), "--warmup",
        Integer.toString(Math.min(warmup, WARMUP_CAP)));
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    for (String v : new String[] {"OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"}) {
      env.put(v, Integer.toString(threads));
    }
    String out;
    String err;
    int code;
    try {
      Path errFile = Files.createTempFile("foresight-peer", ".err");
      try {
        Process p = pb.redirectError(errFile.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        p.getOutputStream().close();
        out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new UserException("--peer numpy: " + script + " took more than " + TIMEOUT_S + " s; lower --plans");
        }
        code = p.exitValue();
        err = Files.readString(errFile, StandardCharsets.UTF_8).strip();
      } finally {
        Files.deleteIfExists(errFile);
      }
    } catch (IOException e) {
      throw new UserException("--peer numpy: cannot run " + python + " (" + e.getMessage() + "); install python3 "
          + "with NumPy or give --peer-python PATH");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserException("--peer numpy: interrupted");
    }
    if (code != 0) {
      String[] lines = err.isEmpty() ? new String[] {"no message"} : err.split("\n");
      throw new UserException("--peer numpy: " + python + " " + script + " exited with " + code + ": "
          + lines[lines.length - 1].strip());
    }
    try {
      JsonNode result = JsonMapper.builder().build().readTree(out);
      for (JsonNode t : result.get("times_ns")) times.add(t.asLong());
      version = result.get("numpy").asString();
      blas = result.get("blas").asString();
    } catch (JacksonException | NullPointerException e) {
      throw new UserException("--peer numpy: " + script + " printed no timing JSON (" + out.strip() + ")");
    }
  }

  /** Sorted plan times of every round so far, nanoseconds. */
  long[] sortedTimes() {
    long[] t = times.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(t);
    return t;
  }
}
