package dev.foresight.models.onnx;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.util.Optional;

/**
 * Calls ONNX Runtime's C API ({@code OrtApi::Run}, tensor creation) through the JDK's foreign
 * function API, on the library and sessions that ONNX Runtime Java loaded and created.
 *
 * <p>Why: {@code OrtSession.run} of the Java API allocates about 500 bytes per call (result
 * wrapper, handle arrays; measured with ThreadMXBean), and the planner's hot path must allocate
 * nothing. The C API's Run writes into pre-created output values and allocates nothing on the Java
 * heap. Pointers travel as {@code long}s (64-bit platforms only: x86-64 and aarch64), so a call
 * creates no {@code MemorySegment} either.
 *
 * <p>Indices are positions in the {@code OrtApi} function table, which ONNX Runtime keeps stable
 * (functions are only ever appended; onnxruntime_c_api.h).
 */
final class NativeRun {

  private static final int GET_ERROR_MESSAGE = 2;
  private static final int RUN = 9;
  private static final int CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE = 49;
  private static final int CREATE_CPU_MEMORY_INFO = 69;
  private static final int RELEASE_STATUS = 93;
  private static final int RELEASE_MEMORY_INFO = 94;
  private static final int RELEASE_VALUE = 96;
  /** OrtApi version asked for; every ONNX Runtime from 1.17 serves it. */
  private static final int API_VERSION = 17;
  private static final int ORT_ARENA_ALLOCATOR = 1;
  private static final int ORT_MEM_TYPE_DEFAULT = 0;
  private static final int ELEMENT_FLOAT = 1;

  private static volatile Optional<NativeRun> instance;
  private static volatile String unavailableReason = "";

  private final MethodHandle run;
  private final MethodHandle getErrorMessage;
  private final MethodHandle createTensor;
  private final MethodHandle releaseStatus;
  private final MethodHandle releaseValue;
  private final long memoryInfo;
  private final Field sessionHandle;

  private NativeRun(MemorySegment api, Field sessionHandle) throws Throwable {
    Linker linker = Linker.nativeLinker();
    this.run = function(linker, api, RUN, FunctionDescriptor.of(JAVA_LONG,
        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG));
    this.getErrorMessage = function(linker, api, GET_ERROR_MESSAGE, FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
    this.createTensor = function(linker, api, CREATE_TENSOR_WITH_DATA_AS_ORT_VALUE, FunctionDescriptor.of(JAVA_LONG,
        JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_LONG));
    this.releaseStatus = function(linker, api, RELEASE_STATUS, FunctionDescriptor.ofVoid(JAVA_LONG));
    this.releaseValue = function(linker, api, RELEASE_VALUE, FunctionDescriptor.ofVoid(JAVA_LONG));
    MethodHandle createMemoryInfo = function(linker, api, CREATE_CPU_MEMORY_INFO,
        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG));
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_LONG);
      check((long) createMemoryInfo.invokeExact(ORT_ARENA_ALLOCATOR, ORT_MEM_TYPE_DEFAULT, out.address()));
      this.memoryInfo = out.get(JAVA_LONG, 0);   // process-wide, kept for the life of the JVM
    }
    this.sessionHandle = sessionHandle;
  }

  /** The C API, if this JVM and ONNX Runtime build allow it; otherwise empty (see {@link #unavailableReason()}). */
  static Optional<NativeRun> get() {
    Optional<NativeRun> current = instance;
    if (current == null) {
      synchronized (NativeRun.class) {
        current = instance;
        if (current == null) instance = current = load();
      }
    }
    return current;
  }

  /** Why {@link #get()} is empty. */
  static String unavailableReason() {
    return unavailableReason;
  }

  private static Optional<NativeRun> load() {
    if (Boolean.getBoolean("foresight.onnx.javaRun")) {
      unavailableReason = "disabled by -Dforesight.onnx.javaRun=true";
      return Optional.empty();
    }
    try {
      ai.onnxruntime.OrtEnvironment.getEnvironment(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "foresight");   // loads the native library
      Optional<MemorySegment> base = SymbolLookup.loaderLookup().find("OrtGetApiBase");
      if (base.isEmpty()) {
        unavailableReason = "OrtGetApiBase is not visible to this class loader";
        return Optional.empty();
      }
      Linker linker = Linker.nativeLinker();
      MethodHandle getApiBase = linker.downcallHandle(base.get(), FunctionDescriptor.of(JAVA_LONG));
      MemorySegment apiBase = MemorySegment.ofAddress((long) getApiBase.invokeExact()).reinterpret(16);
      MethodHandle getApi = linker.downcallHandle(MemorySegment.ofAddress(apiBase.get(JAVA_LONG, 0)),
          FunctionDescriptor.of(JAVA_LONG, JAVA_INT));
      long api = (long) getApi.invokeExact(API_VERSION);
      if (api == 0) {
        unavailableReason = "ONNX Runtime does not serve C API version " + API_VERSION;
        return Optional.empty();
      }
      Field handle = ai.onnxruntime.OrtSession.class.getDeclaredField("nativeHandle");
      handle.setAccessible(true);
      return Optional.of(new NativeRun(MemorySegment.ofAddress(api).reinterpret(8L * 512), handle));
    } catch (Throwable e) {
      unavailableReason = e.toString();
      return Optional.empty();
    }
  }

  private static MethodHandle function(Linker linker, MemorySegment api, int index, FunctionDescriptor descriptor) {
    return linker.downcallHandle(MemorySegment.ofAddress(api.get(JAVA_LONG, 8L * index)), descriptor);
  }

  /** The native session pointer behind an ONNX Runtime Java session. */
  long session(ai.onnxruntime.OrtSession session) {
    try {
      return sessionHandle.getLong(session);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A float32 tensor over {@code data} (not copied; the memory must outlive the value). */
  long tensor(MemorySegment data, long[] shape, Arena arena) {
    MemorySegment dims = arena.allocate(JAVA_LONG, shape.length);
    for (int i = 0; i < shape.length; i++) dims.setAtIndex(JAVA_LONG, i, shape[i]);
    MemorySegment out = arena.allocate(JAVA_LONG);
    try {
      check((long) createTensor.invokeExact(memoryInfo, data.address(), data.byteSize(), dims.address(),
          (long) shape.length, ELEMENT_FLOAT, out.address()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    return out.get(JAVA_LONG, 0);
  }

  void release(long value) {
    try {
      releaseValue.invokeExact(value);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * OrtApi::Run with pre-created inputs and outputs; all arguments are native addresses of
   * arrays of {@code count} pointers. Allocates nothing unless ONNX Runtime reports an error.
   */
  void run(long session, long inputNames, long inputs, long inputCount, long outputNames, long outputCount,
      long outputs) {
    long status;
    try {
      status = (long) run.invokeExact(session, 0L, inputNames, inputs, inputCount, outputNames, outputCount, outputs);
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
    if (status != 0) check(status);
  }

  private void check(long status) {
    if (status == 0) return;
    String message;
    try {
      long text = (long) getErrorMessage.invokeExact(status);
      message = MemorySegment.ofAddress(text).reinterpret(4096).getString(0);
      releaseStatus.invokeExact(status);
    } catch (Throwable e) {
      message = "unreadable ONNX Runtime error (" + e + ")";
    }
    throw new ModelException("ONNX Runtime: " + message.lines().findFirst().orElse(""));
  }
}
