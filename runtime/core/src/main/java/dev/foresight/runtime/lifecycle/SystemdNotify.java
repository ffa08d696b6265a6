package dev.foresight.runtime.lifecycle;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * systemd's readiness and watchdog protocol ({@code sd_notify(3)}) without libsystemd: one datagram
 * per message to the unix socket systemd names in {@code $NOTIFY_SOCKET}, sent through the C
 * library with Java's foreign function API (the JDK has unix stream sockets but no unix datagram
 * ones). A service with {@code Type=notify} counts as started when {@code READY=1} arrives; with
 * {@code WatchdogSec=} it is killed and restarted when {@code WATCHDOG=1} stops arriving.
 *
 * <pre>{@code
 * Optional<SystemdNotify> systemd = SystemdNotify.fromEnvironment(System.getenv());
 * systemd.ifPresent(n -> n.send("READY=1\nSTATUS=running at 20 Hz"));
 * }</pre>
 *
 * <p>Addresses are a file path ({@code /run/systemd/notify}) or, with a leading {@code @}, a name in
 * Linux's abstract namespace. Sending never blocks ({@code MSG_DONTWAIT}); a failed send is an
 * {@link IOException} naming the socket and the errno, which callers log and carry on from: the
 * robot does not stop because systemd could not be told.
 */
public final class SystemdNotify implements AutoCloseable {

  private static final short AF_UNIX = 1;
  private static final int SOCK_DGRAM = 2;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int MSG_NOSIGNAL = 0x4000;
  /** {@code struct sockaddr_un}: a 2-byte family and 108 bytes of path. */
  private static final int SUN_PATH_BYTES = 108;
  private static final int SOCKADDR_UN_BYTES = 2 + SUN_PATH_BYTES;

  private final String address;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment sockaddr;
  private final int sockaddrLength;
  private final int fd;
  private boolean closed;

  private SystemdNotify(String address) throws IOException {
    this.address = address;
    if (!Native.available()) throw new IOException("cannot notify systemd: " + Native.PROBLEM);
    byte[] path = address.getBytes(StandardCharsets.UTF_8);
    boolean abstractName = path.length > 0 && path[0] == '@';
    if (path.length == 0 || path.length >= SUN_PATH_BYTES || !(abstractName || path[0] == '/')) {
      throw new IOException("NOTIFY_SOCKET '" + address + "' is not a unix socket path (/...) or abstract name (@...) "
          + "of at most " + (SUN_PATH_BYTES - 1) + " bytes");
    }
    sockaddr = arena.allocate(SOCKADDR_UN_BYTES, 2);
    sockaddr.set(ValueLayout.JAVA_SHORT, 0, AF_UNIX);
    MemorySegment.copy(path, 0, sockaddr, ValueLayout.JAVA_BYTE, 2, path.length);
    if (abstractName) sockaddr.set(ValueLayout.JAVA_BYTE, 2, (byte) 0);   // the abstract namespace's leading NUL
    // A path is NUL-terminated (counted); an abstract name is exactly its bytes.
    sockaddrLength = 2 + path.length + (abstractName ? 0 : 1);
    try (Arena call = Arena.ofConfined()) {
      MemorySegment state = call.allocate(Native.STATE_LAYOUT);
      int socket = (int) Native.SOCKET.invokeExact(state, (int) AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
      if (socket < 0) throw new IOException("cannot open a unix datagram socket: errno " + errno(state));
      fd = socket;
    } catch (IOException e) {
      arena.close();
      throw e;
    } catch (Throwable t) {
      arena.close();
      throw new IOException("cannot open a unix datagram socket: " + t, t);
    }
  }

  /**
   * The notifier for {@code $NOTIFY_SOCKET} in {@code env}, or empty when systemd did not set it
   * (not started by systemd, or not {@code Type=notify}).
   *
   * @throws IOException when the variable is set but names no usable socket
   */
  public static Optional<SystemdNotify> fromEnvironment(Map<String, String> env) throws IOException {
    String address = env.get("NOTIFY_SOCKET");
    if (address == null || address.isEmpty()) return Optional.empty();
    return Optional.of(connect(address));
  }

  /** A notifier for the socket at {@code address} ({@code /path} or {@code @abstract-name}). */
  public static SystemdNotify connect(String address) throws IOException {
    return new SystemdNotify(address);
  }

  /**
   * The watchdog interval systemd asks for, in nanoseconds ({@code $WATCHDOG_USEC}), or 0 when there
   * is none or it is meant for another process ({@code $WATCHDOG_PID} is not this one). Send
   * {@code WATCHDOG=1} at least every half of it.
   */
  public static long watchdogIntervalNs(Map<String, String> env, long pid) {
    String usec = env.get("WATCHDOG_USEC");
    if (usec == null || usec.isBlank()) return 0;
    String forPid = env.get("WATCHDOG_PID");
    try {
      if (forPid != null && !forPid.isBlank() && Long.parseLong(forPid.strip()) != pid) return 0;
      long us = Long.parseLong(usec.strip());
      return us > 0 ? us * 1_000L : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Sends one message: newline-separated {@code KEY=value} assignments such as {@code READY=1},
   * {@code WATCHDOG=1}, {@code STOPPING=1}, {@code STATUS=...}.
   *
   * @throws IOException when the datagram could not be sent (no listener, socket gone, not permitted)
   */
  public synchronized void send(String message) throws IOException {
    if (closed) throw new IOException("systemd notify socket " + address + " is closed");
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    try (Arena call = Arena.ofConfined()) {
      MemorySegment state = call.allocate(Native.STATE_LAYOUT);
      MemorySegment buffer = call.allocate(Math.max(1, bytes.length));
      MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
      long sent = (long) Native.SENDTO.invokeExact(state, fd, buffer, (long) bytes.length,
          MSG_DONTWAIT | MSG_NOSIGNAL, sockaddr, sockaddrLength);
      if (sent < 0) throw new IOException("cannot notify systemd at " + address + ": errno " + errno(state));
      if (sent != bytes.length) throw new IOException("systemd notify socket " + address + " took " + sent + " of "
          + bytes.length + " bytes");
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IOException("cannot notify systemd at " + address + ": " + t, t);
    }
  }

  /** The socket's address as given ({@code /run/systemd/notify}, {@code @name}). */
  public String address() {
    return address;
  }

  /** Closes the socket; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      int rc = (int) Native.CLOSE.invokeExact(fd);
      assert rc == 0 || rc == -1;
    } catch (Throwable ignored) {
      // Nothing to do: the descriptor goes with the process.
    }
    arena.close();
  }

  private static int errno(MemorySegment state) {
    return (int) Native.ERRNO.get(state, 0L);
  }

  /** The C library's socket calls, looked up once. */
  private static final class Native {
    static final MemoryLayout STATE_LAYOUT;
    static final VarHandle ERRNO;
    static final MethodHandle SOCKET;
    static final MethodHandle SENDTO;
    static final MethodHandle CLOSE;
    static final String PROBLEM;

    static {
      MemoryLayout layout = null;
      VarHandle errno = null;
      MethodHandle socket = null;
      MethodHandle sendto = null;
      MethodHandle close = null;
      String problem = null;
      try {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
          throw new UnsupportedOperationException("systemd notification needs Linux");
        }
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        Linker.Option capture = Linker.Option.captureCallState("errno");
        layout = Linker.Option.captureStateLayout();
        errno = layout.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        socket = linker.downcallHandle(libc.find("socket").orElseThrow(), FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), capture);
        // ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to, socklen_t tolen)
        sendto = linker.downcallHandle(libc.find("sendto").orElseThrow(), FunctionDescriptor.of(
            ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT), capture);
        close = linker.downcallHandle(libc.find("close").orElseThrow(), FunctionDescriptor.of(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
      } catch (Throwable t) {
        problem = t.getMessage() != null ? t.getMessage() : t.toString();
      }
      STATE_LAYOUT = layout;
      ERRNO = errno;
      SOCKET = socket;
      SENDTO = sendto;
      CLOSE = close;
      PROBLEM = problem;
    }

    static boolean available() {
      return PROBLEM == null;
    }
  }
}
