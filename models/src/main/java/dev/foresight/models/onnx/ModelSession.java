package dev.foresight.models.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import dev.foresight.config.ModelConfig.ExecutionProvider;
import dev.foresight.config.ModelConfig.Optimization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ONNX model loaded into ONNX Runtime: its inputs, outputs and metadata, and
 * {@link #bind fixed-shape bindings} for allocation-free runs. Closing is idempotent and closes
 * the bindings made from it.
 *
 * <pre>{@code
 * try (ModelSession model = ModelSession.open(Path.of("pendulum.onnx"), SessionSettings.DEFAULT);
 *      Binding b = model.bind(Map.of("state", new long[] {1024, 2}, "action", new long[] {1024, 1}),
 *          Map.of("next_state", new long[] {1024, 2}))) {
 *   b.write("state", states, 0, 2048);
 *   b.write("action", actions, 0, 1024);
 *   b.run();                                   // no allocation once warm
 *   b.read("next_state", next, 0, 2048);
 * }
 * }</pre>
 */
public final class ModelSession implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelSession.class);

  private final String label;
  private final OrtSession session;
  private final String provider;
  private final SessionSettings settings;
  private final Map<String, String> metadata;
  private final List<TensorSpec> inputs;
  private final List<TensorSpec> outputs;
  private final List<Binding> bindings = new ArrayList<>();
  private boolean closed;

  private ModelSession(String label, OrtSession session, String provider, SessionSettings settings,
      Map<String, String> metadata, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    this.label = label;
    this.session = session;
    this.provider = provider;
    this.settings = settings;
    this.metadata = metadata;
    this.inputs = inputs;
    this.outputs = outputs;
  }

  /**
   * Loads a model file.
   *
   * @throws ModelException (one line) when the file is missing, unreadable, empty, not ONNX or damaged
   */
  public static ModelSession open(Path file, SessionSettings settings) {
    if (!Files.isRegularFile(file)) throw new ModelException(file + ": no such model file");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ModelException(file + ": cannot read the model file (" + e.getMessage() + ")");
    }
    return open(bytes, file.toString(), settings);
  }

  /** Loads a model from bytes; {@code label} names it in messages (usually the file). */
  public static ModelSession open(byte[] model, String label, SessionSettings settings) {
    return open(model, label, settings, settings.optimization(), null);
  }

  /**
   * Loads a model as {@link #open(byte[], String, SessionSettings)}, keeping ONNX Runtime's optimized graph in
   * {@code cacheDir}: the first open optimizes and writes {@code ort-<sha256>.onnx} (the key covers the model,
   * the optimization level, the provider and ONNX Runtime's version), later opens load that file with
   * optimization off, which skips the graph transformers (most of a large graph's session creation). An
   * unusable cache (not writable, a damaged file) only costs the optimization; it is never an error.
   *
   * <pre>{@code
   * ModelSession s = ModelSession.openCached(fusedGraph, "pendulum (fused)", settings, Path.of("/var/cache/foresight"));
   * }</pre>
   */
  public static ModelSession openCached(byte[] model, String label, SessionSettings settings, Path cacheDir) {
    if (model.length == 0 || settings.optimization() == Optimization.NONE) return open(model, label, settings);
    OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "foresight");
    Path cached = cacheDir.resolve("ort-" + key(model, settings, env.getVersion()) + ".onnx");
    if (Files.isRegularFile(cached)) {
      try {
        return open(Files.readAllBytes(cached), label, settings, Optimization.NONE, null);
      } catch (IOException | ModelException e) {
        LOG.warn("{}: the optimized-graph cache {} is unusable ({}); optimizing again", label, cached, e.getMessage());
        try {
          Files.deleteIfExists(cached);
        } catch (IOException ignored) {
          // a read-only cache: the next start optimizes again, as without a cache
        }
      }
    }
    Path partial = null;
    try {
      Files.createDirectories(cacheDir);
      if (Files.isWritable(cacheDir)) partial = Files.createTempFile(cacheDir, "ort-", ".partial");
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("{}: no optimized-graph cache in {} ({})", label, cacheDir, e.getMessage());
    }
    ModelSession session = open(model, label, settings, settings.optimization(), partial);
    if (partial != null) {
      try {
        // Written whole, then renamed: a start killed half-way leaves a .partial, never a truncated cache file.
        if (Files.size(partial) > 0) Files.move(partial, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        else Files.deleteIfExists(partial);
      } catch (IOException e) {
        LOG.debug("{}: optimized-graph cache not kept ({})", label, e.getMessage());
      }
    }
    return session;
  }

  private static String key(byte[] model, SessionSettings settings, String ortVersion) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model);
      sha.update((settings.optimization().id() + "|" + settings.provider() + "|" + ortVersion)
          .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static ModelSession open(byte[] model, String label, SessionSettings settings, Optimization level,
      Path optimizedOut) {
    if (model.length == 0) throw new ModelException(label + ": the model file is empty");
    OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "foresight");
    String provider;
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      options.setIntraOpNumThreads(settings.intraOpThreads());
      options.setInterOpNumThreads(1);
      // Worker threads wait without spinning: a spinning pool burns the cores the control loop, the
      // link and the recorder need (measured: 2 threads took 5-8 ms per plan spinning, 3.7 ms not,
      // on this shared 2-core machine; 1 thread is unaffected).
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      if (optimizedOut != null) options.setOptimizedModelFilePath(optimizedOut.toString());
      options.setOptimizationLevel(switch (level) {
        case NONE -> OrtSession.SessionOptions.OptLevel.NO_OPT;
        case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
        case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
        case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
      });
      provider = addProvider(options, settings.provider());
      session = env.createSession(model, options);
    } catch (OrtException e) {
      throw new ModelException(label + ": not a usable ONNX model (" + firstLine(e.getMessage()) + ")");
    }
    try {
      Map<String, String> metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
      List<TensorSpec> inputs = specs(session.getInputInfo());
      List<TensorSpec> outputs = specs(session.getOutputInfo());
      LOG.info("{}: ONNX Runtime {} on {}, {} intra-op thread(s), optimization {}", label, env.getVersion(),
          provider, settings.intraOpThreads(), level == settings.optimization() ? level.id() : "from the optimized-graph cache");
      return new ModelSession(label, session, provider, settings, metadata, inputs, outputs);
    } catch (OrtException | RuntimeException e) {
      try {
        session.close();
      } catch (OrtException ignored) {
        // already failing; the first error is the one to report
      }
      throw new ModelException(label + ": cannot read the model's inputs and metadata (" + firstLine(e.getMessage()) + ")");
    }
  }

  /** Adds the asked-for provider when this build has it; returns what will run the model. */
  private static String addProvider(OrtSession.SessionOptions options, ExecutionProvider asked) {
    EnumSet<OrtProvider> available = OrtEnvironment.getAvailableProviders();
    OrtProvider wanted = switch (asked) {
      case CPU -> OrtProvider.CPU;
      case CUDA -> OrtProvider.CUDA;
      case TENSORRT -> OrtProvider.TENSOR_RT;
    };
    if (wanted == OrtProvider.CPU) return "cpu";
    if (!available.contains(wanted)) {
      return "cpu (" + asked.id() + " asked for, but this ONNX Runtime build has only " + names(available) + ")";
    }
    try {
      if (wanted == OrtProvider.TENSOR_RT) {
        options.addTensorrt(0);
        if (available.contains(OrtProvider.CUDA)) options.addCUDA(0);   // for nodes TensorRT does not take
      } else {
        options.addCUDA(0);
      }
      return asked.id();
    } catch (OrtException e) {
      return "cpu (" + asked.id() + " failed to start: " + firstLine(e.getMessage()) + ")";
    }
  }

  private static String names(EnumSet<OrtProvider> providers) {
    return String.join(", ", providers.stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).toList());
  }

  private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
    List<TensorSpec> specs = new ArrayList<>();
    for (NodeInfo node : infos.values()) {
      ValueInfo info = node.getInfo();
      if (info instanceof TensorInfo t) {
        String[] dimNames = t.getDimensionNames();
        specs.add(new TensorSpec(node.getName(), t.type.name(), t.getShape(), dimNames != null ? dimNames : new String[0]));
      } else {
        specs.add(new TensorSpec(node.getName(), "NON_TENSOR", new long[0], new String[0]));
      }
    }
    return List.copyOf(specs);
  }

  static String firstLine(String message) {
    if (message == null) return "no details";
    String line = message.lines().findFirst().orElse("").strip();
    // ONNX Runtime prefixes errors with its status code and file path; keep the reason.
    int reason = line.indexOf("- message: ");
    if (line.startsWith("Error code - ") && reason > 0) line = line.substring(reason + 11).strip();
    int failed = line.indexOf("failed:");
    if (failed >= 0 && failed + 7 < line.length()) line = line.substring(failed + 7).strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }

  /** What the model is called in messages (its file). */
  public String label() {
    return label;
  }

  /** The provider running the model, with the reason when it fell back to CPU. */
  public String provider() {
    return provider;
  }

  /** The settings the session was created with. */
  public SessionSettings settings() {
    return settings;
  }

  /** The model's {@code metadata_props}. */
  public Map<String, String> metadata() {
    return metadata;
  }

  /** Inputs in model order. */
  public List<TensorSpec> inputs() {
    return inputs;
  }

  /** Outputs in model order. */
  public List<TensorSpec> outputs() {
    return outputs;
  }

  /** The input or output called {@code name}, or null. */
  public TensorSpec spec(String name) {
    for (TensorSpec t : inputs) if (t.name().equals(name)) return t;
    for (TensorSpec t : outputs) if (t.name().equals(name)) return t;
    return null;
  }

  /**
   * Fixed-shape float32 buffers for every input and the named outputs, wrapped once in native
   * memory; {@link Binding#run()} then allocates nothing. Outputs not named are not computed.
   */
  public Binding bind(Map<String, long[]> inputShapes, Map<String, long[]> outputShapes) {
    return bind(inputShapes, outputShapes, false);
  }

  /** As {@link #bind(Map, Map)}; {@code javaRun} forces ONNX Runtime Java's run (the fallback path, for tests). */
  Binding bind(Map<String, long[]> inputShapes, Map<String, long[]> outputShapes, boolean javaRun) {
    if (closed) throw new IllegalStateException(label + " is closed");
    Map<String, long[]> in = new LinkedHashMap<>();
    for (TensorSpec t : inputs) {
      long[] shape = inputShapes.get(t.name());
      if (shape == null) throw new IllegalArgumentException(label + ": no shape given for input " + t.name());
      in.put(t.name(), shape);
    }
    Binding binding = new Binding(this, in, new LinkedHashMap<>(outputShapes), javaRun);
    bindings.add(binding);
    return binding;
  }

  OrtSession ort() {
    return session;
  }

  boolean closed() {
    return closed;
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    for (Binding b : bindings) b.close();
    try {
      session.close();
    } catch (OrtException e) {
      LOG.warn("{}: closing the ONNX Runtime session failed: {}", label, firstLine(e.getMessage()));
    }
  }
}
