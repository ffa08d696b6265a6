package dev.foresight.runtime.time;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * Real-time scheduling for the calling thread on Linux, through the C library with Java's foreign
 * function API (no JNI, no extra dependency): {@code SCHED_FIFO} at a priority, and pinning to one
 * CPU. Java thread priorities are only hints the Linux scheduler ignores; a {@code SCHED_FIFO}
 * thread runs whenever it is ready, ahead of every normal process, which is what keeps the loop's
 * period error in microseconds on a busy board.
 *
 * <p>Needs the {@code CAP_SYS_NICE} capability (root, {@code setcap cap_sys_nice+ep} on the java
 * binary, or systemd's {@code AmbientCapabilities=CAP_SYS_NICE}); without it the calls fail with
 * {@code EPERM} and the thread keeps normal scheduling. See docs/performance.md.
 *
 * <pre>{@code
 * Optional<String> problem = ThreadScheduling.fifo(80);   // on the thread to promote
 * problem.ifPresent(p -> LOG.warn("loop thread keeps normal scheduling: {}", p));
 * }</pre>
 */
public final class ThreadScheduling {

  private static final int SCHED_FIFO = 1;
  private static final int EPERM = 1;
  private static final int CPU_SET_BYTES = 128;   // glibc's cpu_set_t: 1024 CPUs

  private ThreadScheduling() {}

  /**
   * Puts the calling thread in {@code SCHED_FIFO} at {@code priority} (1..99).
   *
   * @return empty on success, otherwise why it did not work (one line, with the fix)
   */
  public static Optional<String> fifo(int priority) {
    if (priority < 1 || priority > 99) return Optional.of("priority " + priority + " is not in 1..99");
    return call("sched_setscheduler", priority, -1);
  }

  /**
   * Pins the calling thread to {@code cpu}.
   *
   * @return empty on success, otherwise why it did not work
   */
  public static Optional<String> pin(int cpu) {
    if (cpu < 0 || cpu >= CPU_SET_BYTES * 8) return Optional.of("cpu " + cpu + " is out of range");
    return call("sched_setaffinity", 0, cpu);
  }

  /**
   * Looks up the C functions and builds the call stubs now, on the calling thread (assembly), so a
   * real-time thread never waits for this one-time work or for another thread doing it (the foreign
   * linker's first use takes tens of milliseconds).
   */
  public static void prepare() {
    Native.available();
  }

  private static Optional<String> call(String function, int priority, int cpu) {
    if (!Native.available()) return Optional.of(function + " is not available: " + Native.PROBLEM);
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Native.STATE_LAYOUT);
      int rc;
      if (cpu < 0) {
        MemorySegment param = arena.allocate(ValueLayout.JAVA_INT);
        param.set(ValueLayout.JAVA_INT, 0, priority);
        rc = (int) Native.SET_SCHEDULER.invokeExact(state, 0, SCHED_FIFO, param);
      } else {
        MemorySegment mask = arena.allocate(CPU_SET_BYTES);
        mask.set(ValueLayout.JAVA_BYTE, cpu / 8, (byte) (1 << (cpu % 8)));
        rc = (int) Native.SET_AFFINITY.invokeExact(state, 0, (long) CPU_SET_BYTES, mask);
      }
      if (rc == 0) return Optional.empty();
      int code = (int) Native.ERRNO.get(state, 0L);
      if (code == EPERM) {
        return Optional.of(function + ": not permitted; give the JVM CAP_SYS_NICE (e.g. sudo setcap "
            + "cap_sys_nice+ep on the java binary) or run under systemd with AmbientCapabilities=CAP_SYS_NICE");
      }
      return Optional.of(function + " failed with errno " + code);
    } catch (Throwable t) {
      return Optional.of(function + " failed: " + t);
    }
  }

  /** The call stubs, built once. */
  private static final class Native {
    static final MemoryLayout STATE_LAYOUT;
    static final VarHandle ERRNO;
    static final MethodHandle SET_SCHEDULER;
    static final MethodHandle SET_AFFINITY;
    static final String PROBLEM;

    static {
      MemoryLayout layout = null;
      VarHandle errno = null;
      MethodHandle scheduler = null;
      MethodHandle affinity = null;
      String problem = null;
      try {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
          throw new UnsupportedOperationException("needs Linux");
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option capture = Linker.Option.captureCallState("errno");
        layout = Linker.Option.captureStateLayout();
        errno = layout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        scheduler = linker.downcallHandle(libc.find("sched_setscheduler").orElseThrow(), FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS), capture);
        affinity = linker.downcallHandle(libc.find("sched_setaffinity").orElseThrow(), FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS), capture);
      } catch (Throwable t) {
        problem = t.getMessage() != null ? t.getMessage() : t.toString();
      }
      STATE_LAYOUT = layout;
      ERRNO = errno;
      SET_SCHEDULER = scheduler;
      SET_AFFINITY = affinity;
      PROBLEM = problem;
    }

    static boolean available() {
      return PROBLEM == null;
    }
  }
}
