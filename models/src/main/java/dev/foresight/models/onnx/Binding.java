package dev.foresight.models.onnx;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's inputs and outputs bound to fixed-shape float32 buffers in native memory, allocated
 * and wrapped once. {@link #run()} feeds the inputs as they are and writes the outputs in place
 * (pinned outputs); it allocates nothing on the Java heap once warm (ONNX Runtime's C API through
 * {@link NativeRun}; where that is unavailable, ONNX Runtime Java's pinned-output run, which
 * allocates a little per call).
 *
 * <p>Not thread-safe: one thread runs a binding. Closing is idempotent; a closed binding refuses
 * to run rather than touch freed memory.
 */
public final class Binding implements AutoCloseable {

  private final ModelSession model;
  private final Arena arena = Arena.ofShared();
  private final List<String> inputNames;
  private final List<String> outputNames;
  private final MemorySegment[] inputData;
  private final MemorySegment[] outputData;
  private final NativeRun nativeRun;
  private final long sessionHandle;
  private final MemorySegment inNames;
  private final MemorySegment inValues;
  private final MemorySegment outNames;
  private final MemorySegment outValues;
  private final List<Long> ortValues = new ArrayList<>();
  private final Map<String, OnnxTensor> javaInputs = new LinkedHashMap<>();
  private final Map<String, OnnxTensor> javaOutputs = new LinkedHashMap<>();
  private boolean closed;

  Binding(ModelSession model, Map<String, long[]> inputs, Map<String, long[]> outputs, boolean javaRun) {
    this.model = model;
    this.inputNames = List.copyOf(inputs.keySet());
    this.outputNames = List.copyOf(outputs.keySet());
    this.inputData = new MemorySegment[inputNames.size()];
    this.outputData = new MemorySegment[outputNames.size()];
    for (int i = 0; i < inputData.length; i++) inputData[i] = arena.allocate(JAVA_FLOAT, elements(inputs.get(inputNames.get(i))));
    for (int i = 0; i < outputData.length; i++) outputData[i] = arena.allocate(JAVA_FLOAT, elements(outputs.get(outputNames.get(i))));
    Optional<NativeRun> c = javaRun ? Optional.empty() : NativeRun.get();
    this.nativeRun = c.orElse(null);
    if (nativeRun != null) {
      sessionHandle = nativeRun.session(model.ort());
      inNames = names(inputNames);
      outNames = names(outputNames);
      inValues = arena.allocate(JAVA_LONG, Math.max(1, inputData.length));
      outValues = arena.allocate(JAVA_LONG, Math.max(1, outputData.length));
      for (int i = 0; i < inputData.length; i++) {
        long v = nativeRun.tensor(inputData[i], inputs.get(inputNames.get(i)), arena);
        ortValues.add(v);
        inValues.setAtIndex(JAVA_LONG, i, v);
      }
      for (int i = 0; i < outputData.length; i++) {
        long v = nativeRun.tensor(outputData[i], outputs.get(outputNames.get(i)), arena);
        ortValues.add(v);
        outValues.setAtIndex(JAVA_LONG, i, v);
      }
    } else {
      sessionHandle = 0;
      inNames = inValues = outNames = outValues = MemorySegment.NULL;
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      try {
        for (int i = 0; i < inputData.length; i++) {
          javaInputs.put(inputNames.get(i), OnnxTensor.createTensor(env,
              inputData[i].asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer(), inputs.get(inputNames.get(i))));
        }
        for (int i = 0; i < outputData.length; i++) {
          javaOutputs.put(outputNames.get(i), OnnxTensor.createTensor(env,
              outputData[i].asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer(), outputs.get(outputNames.get(i))));
        }
      } catch (OrtException e) {
        close();
        throw new ModelException(model.label() + ": cannot create tensors (" + ModelSession.firstLine(e.getMessage()) + ")");
      }
    }
  }

  /** Whether runs go through the allocation-free C API path (false: ONNX Runtime Java's run). */
  public boolean allocationFree() {
    return nativeRun != null;
  }

  /** Why the allocation-free path is not used ("" when it is). */
  public static String javaRunReason() {
    return NativeRun.get().isPresent() ? "" : NativeRun.unavailableReason();
  }

  private static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 1) throw new IllegalArgumentException("binding shapes must be positive, got " + java.util.Arrays.toString(shape));
      n *= d;
    }
    return n;
  }

  private MemorySegment names(List<String> names) {
    MemorySegment array = arena.allocate(ADDRESS, Math.max(1, names.size()));
    for (int i = 0; i < names.size(); i++) array.setAtIndex(ADDRESS, i, arena.allocateFrom(names.get(i)));
    return array;
  }

  /** Index of the named input (in model order), or -1. */
  public int inputIndex(String name) {
    return inputNames.indexOf(name);
  }

  /** Index of the named output (in the order bound), or -1. */
  public int outputIndex(String name) {
    return outputNames.indexOf(name);
  }

  /** The native memory of input {@code index}, float32 row-major. */
  public MemorySegment input(int index) {
    return inputData[index];
  }

  /** The native memory of output {@code index}, float32 row-major. */
  public MemorySegment output(int index) {
    return outputData[index];
  }

  /** Copies {@code count} floats from {@code src[from..]} to the start of input {@code name}. */
  public void write(String name, float[] src, int from, int count) {
    MemorySegment.copy(src, from, inputData[inputIndex(name)], JAVA_FLOAT, 0, count);
  }

  /** Copies {@code count} floats of input {@code index} from {@code src[from..]} to element {@code at}. */
  public void write(int index, long at, float[] src, int from, int count) {
    MemorySegment.copy(src, from, inputData[index], JAVA_FLOAT, at * Float.BYTES, count);
  }

  /** Copies the first {@code count} floats of output {@code name} to {@code dst[from..]}. */
  public void read(String name, float[] dst, int from, int count) {
    MemorySegment.copy(outputData[outputIndex(name)], JAVA_FLOAT, 0, dst, from, count);
  }

  /** Copies {@code count} floats of output {@code index} from element {@code at} to {@code dst[from..]}. */
  public void read(int index, long at, float[] dst, int from, int count) {
    MemorySegment.copy(outputData[index], JAVA_FLOAT, at * Float.BYTES, dst, from, count);
  }

  /** Runs the model on the bound inputs, writing the bound outputs. */
  public void run() {
    if (closed) throw new IllegalStateException(model.label() + ": binding is closed");
    if (nativeRun != null) {
      nativeRun.run(sessionHandle, inNames.address(), inValues.address(), inputData.length,
          outNames.address(), outputData.length, outValues.address());
      return;
    }
    try {
      model.ort().run(javaInputs, javaOutputs);
    } catch (OrtException e) {
      throw new ModelException(model.label() + ": ONNX Runtime: " + ModelSession.firstLine(e.getMessage()));
    }
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    if (nativeRun != null) for (long v : ortValues) nativeRun.release(v);
    javaInputs.values().forEach(OnnxTensor::close);
    javaOutputs.values().forEach(OnnxTensor::close);
    arena.close();
  }
}
