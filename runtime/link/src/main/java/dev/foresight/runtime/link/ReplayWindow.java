package dev.foresight.runtime.link;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The ids of the last {@code capacity} commands handed to the control loop, so none is executed
 * twice: not when an operator (or an attacker with a captured signed message) sends it again, not
 * when the broker redelivers it after a reconnect ({@code cleanStart(false)}), not after the robot
 * restarts. Persistent windows live in {@code state_dir/replay-window.log}.
 *
 * <p>The file is a journal, one {@code <id> <expires_at>\n} line per command, appended and forced
 * to the disk ({@code fsync}) before the command goes to the loop, so a crash can lose only a
 * command that was never executed. A line cut short by a crash (no newline) is dropped and cut off
 * at the next start. When the journal holds twice the capacity it is rewritten with the newest
 * {@code capacity} ids into a temporary file, forced, and renamed over the journal in one step:
 * after a crash at any point there is either the old journal or the new one, complete.
 *
 * <pre>{@code
 * try (ReplayWindow window = ReplayWindow.open(stateDir, 16_384)) {
 *   if (!window.contains(id)) { window.record(id, expiresAt); execute(command); }
 * }
 * }</pre>
 */
final class ReplayWindow implements AutoCloseable {

  static final String FILE = "replay-window.log";
  // 18 digits always fit a long (epoch ms have 13); a longer number is a damaged line, not an overflow.
  private static final Pattern LINE = Pattern.compile("[A-Za-z0-9._:-]{1,64} -?[0-9]{1,18}");

  private final int capacity;
  private final Path dir;
  private final Map<String, Long> ids = new HashMap<>();
  private final ArrayDeque<String> order = new ArrayDeque<>();
  private FileChannel journal;
  private FileChannel lockChannel;
  private FileLock lock;
  private long journalLines;
  private long skippedLines;
  private boolean closed;

  private ReplayWindow(int capacity, Path dir) {
    this.capacity = capacity;
    this.dir = dir;
  }

  /** A window that forgets on restart (no {@code state_dir}). */
  static ReplayWindow inMemory(int capacity) {
    return new ReplayWindow(capacity, null);
  }

  /**
   * Opens (creating it if needed) the persistent window in {@code dir}; refuses a folder another
   * process holds.
   */
  static ReplayWindow open(Path dir, int capacity) throws IOException {
    ReplayWindow w = new ReplayWindow(capacity, dir);
    try {
      w.load();
    } catch (IOException | RuntimeException e) {
      w.close();
      throw e;
    }
    return w;
  }

  private void load() throws IOException {
    Files.createDirectories(dir);
    lockChannel = FileChannel.open(dir.resolve(FILE + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) throw new IOException(dir + " is in use by another foresight process (" + FILE + ".lock)");
    Files.deleteIfExists(dir.resolve(FILE + ".tmp"));   // a compaction cut short: the journal is still whole
    Path file = dir.resolve(FILE);
    long complete = 0;
    if (Files.exists(file)) {
      byte[] bytes = Files.readAllBytes(file);
      int start = 0;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] != '\n') continue;
        String line = new String(bytes, start, i - start, StandardCharsets.US_ASCII);
        start = i + 1;
        complete = start;
        if (!LINE.matcher(line).matches()) {
          skippedLines++;
          continue;
        }
        int space = line.indexOf(' ');
        remember(line.substring(0, space), Long.parseLong(line.substring(space + 1)));
        journalLines++;
      }
    }
    journal = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    journal.truncate(complete);   // drop a torn last line
    journal.position(complete);
    journal.force(true);
  }

  /** Whether {@code id} was recorded (and not yet pushed out by {@code capacity} newer ones). */
  synchronized boolean contains(String id) {
    return ids.containsKey(id);
  }

  /** Records {@code id}; for a persistent window, durably (on the disk) before returning. */
  synchronized void record(String id, long expiresAtMs) throws IOException {
    if (closed) throw new IOException("the replay window is closed");
    if (journal != null) {
      byte[] line = (id + " " + expiresAtMs + "\n").getBytes(StandardCharsets.US_ASCII);
      ByteBuffer b = ByteBuffer.wrap(line);
      while (b.hasRemaining()) journal.write(b);
      journal.force(false);
      journalLines++;
    }
    remember(id, expiresAtMs);
    if (journal != null && journalLines >= 2L * capacity) compact();
  }

  private void remember(String id, long expiresAtMs) {
    if (ids.putIfAbsent(id, expiresAtMs) != null) return;
    order.addLast(id);
    while (order.size() > capacity) ids.remove(order.pollFirst());
  }

  /** Rewrites the journal with the ids the window holds: temporary file, forced, renamed over. */
  private void compact() throws IOException {
    Path tmp = dir.resolve(FILE + ".tmp");
    StringBuilder text = new StringBuilder(order.size() * 24);
    for (String id : order) text.append(id).append(' ').append(ids.get(id)).append('\n');
    try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
      while (b.hasRemaining()) out.write(b);
      out.force(true);
    }
    try {
      Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + dir + " cannot rename atomically; put state_dir on a local disk");
    }
    forceFolder();
    journal.close();
    journal = FileChannel.open(dir.resolve(FILE), StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    journalLines = order.size();
  }

  /** Makes the rename itself durable (the folder's entry). */
  private void forceFolder() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Not every file system lets a folder be opened; the rename is still atomic.
    }
  }

  /** Ids held. */
  synchronized int size() {
    return order.size();
  }

  /** Journal lines that were not {@code <id> <expires_at>} at load (a damaged file). */
  long skippedLines() {
    return skippedLines;
  }

  /** Where the journal is, or null for an in-memory window. */
  Path file() {
    return dir == null ? null : dir.resolve(FILE);
  }

  @Override
  public synchronized void close() {
    closed = true;
    try {
      if (journal != null) journal.close();
      if (lock != null) lock.release();
      if (lockChannel != null) lockChannel.close();
    } catch (IOException e) {
      // closing anyway
    }
    journal = null;
    lock = null;
    lockChannel = null;
  }
}
