package dev.foresight.runtime.lifecycle;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The receiving end of systemd's notify socket for tests: a real unix datagram socket bound to a path
 * or an abstract name (what systemd binds), read with a timeout.
 */
final class UnixDatagramReceiver implements AutoCloseable {

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final MethodHandle SOCKET = handle("socket", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle BIND = handle("bind", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle SETSOCKOPT = handle("setsockopt", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle RECV = handle("recv", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
      ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT));
  private static final MethodHandle CLOSE = handle("close", FunctionDescriptor.of(ValueLayout.JAVA_INT,
      ValueLayout.JAVA_INT));

  private final Arena arena = Arena.ofShared();
  private final MemorySegment buffer = arena.allocate(4096);
  private final int fd;

  /** Binds to {@code address}: a path, or {@code @name} for the abstract namespace. */
  UnixDatagramReceiver(String address, long timeoutMs) throws Throwable {
    fd = (int) SOCKET.invokeExact(1, 2, 0);
    if (fd < 0) throw new IOException("socket failed");
    byte[] path = address.getBytes(StandardCharsets.UTF_8);
    MemorySegment sa = arena.allocate(110, 2);
    sa.set(ValueLayout.JAVA_SHORT, 0, (short) 1);
    MemorySegment.copy(path, 0, sa, ValueLayout.JAVA_BYTE, 2, path.length);
    boolean abstractName = path[0] == '@';
    if (abstractName) sa.set(ValueLayout.JAVA_BYTE, 2, (byte) 0);
    int rc = (int) BIND.invokeExact(fd, sa, 2 + path.length + (abstractName ? 0 : 1));
    if (rc != 0) throw new IOException("bind " + address + " failed");
    MemorySegment timeval = arena.allocate(16, 8);
    timeval.set(ValueLayout.JAVA_LONG, 0, timeoutMs / 1000);
    timeval.set(ValueLayout.JAVA_LONG, 8, (timeoutMs % 1000) * 1000);
    rc = (int) SETSOCKOPT.invokeExact(fd, 1 /* SOL_SOCKET */, 20 /* SO_RCVTIMEO */, timeval, 16);
    if (rc != 0) throw new IOException("setsockopt failed");
  }

  /** The next datagram, or empty when none came within the timeout. */
  Optional<String> receive() throws Throwable {
    long n = (long) RECV.invokeExact(fd, buffer, buffer.byteSize(), 0);
    if (n < 0) return Optional.empty();
    return Optional.of(new String(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws Exception {
    try {
      int rc = (int) CLOSE.invokeExact(fd);
      assert rc == 0;
    } catch (Throwable t) {
      throw new Exception(t);
    }
    arena.close();
  }

  private static MethodHandle handle(String name, FunctionDescriptor descriptor) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), descriptor);
  }
}
