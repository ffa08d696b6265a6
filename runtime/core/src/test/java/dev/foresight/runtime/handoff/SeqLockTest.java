package dev.foresight.runtime.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.Allocation;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeqLockTest {

  private static SeqLock<long[]> lock(int size) {
    return new SeqLock<>(new long[size], (from, to) -> System.arraycopy(from, 0, to, 0, to.length));
  }

  private static void write(SeqLock<long[]> lock, long k) {
    long[] v = lock.beginWrite();
    for (int i = 0; i < v.length; i++) v[i] = k;
    lock.endWrite();
  }

  @Test
  void aReaderGetsTheLatestValueAndItsVersion() {
    SeqLock<long[]> lock = lock(3);
    long[] copy = new long[3];
    assertThat(lock.version()).isZero();
    assertThat(lock.read(copy)).as("nothing written yet").isZero();
    write(lock, 7);
    long v = lock.tryRead(copy);
    assertThat(v).isEqualTo(2);
    assertThat(copy).containsOnly(7L);
    write(lock, 8);
    assertThat(lock.version()).as("newer than what the reader saw").isGreaterThan(v);
    assertThat(lock.read(copy)).isEqualTo(4);
    assertThat(copy).containsOnly(8L);
  }

  @Test
  void aReadDuringAWriteIsBusyNeverAHalfWrittenValue() {
    SeqLock<long[]> lock = lock(2);
    write(lock, 1);
    long[] v = lock.beginWrite();
    v[0] = 2;   // the writer is halfway through
    long[] copy = new long[2];
    assertThat(lock.tryRead(copy)).isEqualTo(SeqLock.BUSY);
    v[1] = 2;
    lock.endWrite();
    assertThat(lock.tryRead(copy)).isEqualTo(4);
    assertThat(copy).containsOnly(2L);
  }

  @Test
  void writingAndReadingAllocateNothing() {
    SeqLock<long[]> lock = lock(16);
    long[] from = new long[16];
    long[] copy = new long[16];
    Runnable work = () -> {
      for (int i = 0; i < 10_000; i++) {
        from[0] = i;
        lock.write(from);
        lock.tryRead(copy);
        lock.read(copy);
      }
    };
    for (int i = 0; i < 20; i++) work.run();   // warm up
    assertThat(Allocation.smallestOfThree(work)).isZero();
  }

  /**
   * One writer filling every element with the same number, ever larger, and readers copying as
   * fast as they can: every copy a reader keeps is whole (all elements equal), and what readers see
   * only moves forward, in value and in version.
   */
  @Property(tries = 30, seed = "13")
  void concurrentReadersNeverKeepATornCopy(@ForAll @IntRange(min = 1, max = 64) int size,
      @ForAll @IntRange(min = 1, max = 3) int readers, @ForAll @IntRange(min = 1_000, max = 100_000) int writes)
      throws Exception {
    SeqLock<long[]> lock = lock(size);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicReference<AssertionError> failure = new AtomicReference<>();
    Thread[] threads = new Thread[readers];
    for (int r = 0; r < readers; r++) {
      boolean waits = r % 2 == 0;   // half spin in read, half come back after a busy tryRead
      threads[r] = Thread.ofPlatform().start(() -> {
        long[] copy = new long[size];
        long lastValue = 0;
        long lastVersion = 0;
        while (true) {
          boolean more = writing.get();
          long version = waits ? lock.read(copy) : lock.tryRead(copy);
          if (version != SeqLock.BUSY) {
            for (long x : copy) {
              if (x != copy[0]) failure.compareAndSet(null, new AssertionError("torn copy at version " + version));
            }
            if (copy[0] < lastValue || version < lastVersion || (version & 1) != 0) {
              failure.compareAndSet(null, new AssertionError("went back: " + copy[0] + " v" + version));
            }
            lastValue = copy[0];
            lastVersion = version;
          }
          if (!more) {
            if (version != SeqLock.BUSY && copy[0] != writes) failure.compareAndSet(null, new AssertionError(
                "the last read after the writer finished saw " + copy[0]));
            if (version != SeqLock.BUSY) return;
          }
        }
      });
    }
    for (long k = 1; k <= writes; k++) write(lock, k);
    writing.set(false);
    for (Thread t : threads) t.join(30_000);
    for (Thread t : threads) assertThat(t.isAlive()).isFalse();
    if (failure.get() != null) throw failure.get();
    assertThat(lock.version()).isEqualTo(2L * writes);
  }
}
