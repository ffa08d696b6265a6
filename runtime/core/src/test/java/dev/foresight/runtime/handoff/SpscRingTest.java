package dev.foresight.runtime.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.Allocation;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SpscRingTest {

  @Test
  void handsSlotsOverInOrderAndCountsWhatDidNotFit() {
    SpscRing<long[]> ring = new SpscRing<>(4, () -> new long[1]);
    for (int i = 0; i < 6; i++) {
      long[] slot = ring.claim();
      if (slot != null) {
        slot[0] = i;
        ring.publish();
      }
    }
    assertThat(ring.drops()).isEqualTo(2);
    assertThat(ring.size()).isEqualTo(4);
    for (int i = 0; i < 4; i++) {
      assertThat(ring.peek()[0]).isEqualTo(i);
      ring.release();
    }
    assertThat(ring.peek()).isNull();
    assertThat(ring.claim()).as("room again").isNotNull();
  }

  @Test
  void roundsItsCapacityUpToAPowerOfTwo() {
    assertThat(new SpscRing<>(1, Object::new).capacity()).isEqualTo(2);
    assertThat(new SpscRing<>(5, Object::new).capacity()).isEqualTo(8);
    assertThat(new SpscRing<>(16, Object::new).capacity()).isEqualTo(16);
    assertThatThrownBy(() -> new SpscRing<>(0, Object::new)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void publishingWithoutAFreeSlotOrReleasingWithoutOneFailsLoudly() {
    SpscRing<long[]> ring = new SpscRing<>(2, () -> new long[1]);
    assertThatThrownBy(ring::release).isInstanceOf(IllegalStateException.class);
    ring.claim();
    ring.publish();
    ring.claim();
    ring.publish();
    assertThat(ring.claim()).isNull();
    assertThatThrownBy(ring::publish).as("would overwrite a slot the consumer owns")
        .isInstanceOf(IllegalStateException.class);
    assertThat(ring.size()).isEqualTo(2);
  }

  @Test
  void handingOverAndDroppingAllocateNothing() {
    SpscRing<long[]> ring = new SpscRing<>(64, () -> new long[2]);
    Runnable work = () -> {
      for (int i = 0; i < 10_000; i++) {
        for (int k = 0; k < 3; k++) {
          long[] slot = ring.claim();
          if (slot != null) {
            slot[0] = i;
            ring.publish();
          }
        }
        for (int k = 0; k < 2 && ring.peek() != null; k++) ring.release();
      }
    };
    for (int i = 0; i < 20; i++) work.run();   // warm up
    assertThat(Allocation.smallestOfThree(work)).isZero();
    assertThat(ring.drops()).as("the full ring refused some").isPositive();
  }

  /**
   * One producer that retries when the ring is full, one consumer, on two threads: every item
   * arrives exactly once, in order, and whole (each slot carries the item and a check value written
   * before it is published).
   */
  @Property(tries = 40, seed = "11")
  void concurrentHandOverLosesDuplicatesAndTearsNothing(@ForAll @IntRange(min = 1, max = 64) int capacity,
      @ForAll @IntRange(min = 1, max = 50_000) int items) throws Exception {
    SpscRing<long[]> ring = new SpscRing<>(capacity, () -> new long[2]);
    AtomicReference<AssertionError> failure = new AtomicReference<>();
    Thread consumer = Thread.ofPlatform().start(() -> {
      long expected = 0;
      while (expected < items) {
        long[] slot = ring.peek();
        if (slot == null) {
          Thread.onSpinWait();
          continue;
        }
        if (slot[0] != expected || slot[1] != check(expected)) {
          failure.set(new AssertionError("expected item " + expected + ", got " + slot[0] + " / " + slot[1]));
          return;
        }
        ring.release();
        expected++;
      }
    });
    produce:
    for (long i = 0; i < items; i++) {
      long[] slot;
      while ((slot = ring.claim()) == null) {
        if (!consumer.isAlive()) break produce;   // it found a wrong item and gave up
        Thread.onSpinWait();
      }
      slot[1] = check(i);
      slot[0] = i;
      ring.publish();
    }
    consumer.join(30_000);
    assertThat(consumer.isAlive()).as("the consumer got everything").isFalse();
    if (failure.get() != null) throw failure.get();
    assertThat(ring.peek()).isNull();
    assertThat(ring.size()).isZero();
  }

  /** A producer that never waits: what the consumer sees plus what was dropped is what was offered, in order. */
  @Property(tries = 30, seed = "12")
  void aProducerThatNeverWaitsCountsEveryItemItCouldNotHandOver(@ForAll @IntRange(min = 1, max = 32) int capacity,
      @ForAll @IntRange(min = 1, max = 50_000) int items) throws Exception {
    SpscRing<long[]> ring = new SpscRing<>(capacity, () -> new long[1]);
    long[] received = {0, -1};   // count, last item
    AtomicReference<AssertionError> failure = new AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean producing = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread consumer = Thread.ofPlatform().start(() -> {
      while (true) {
        boolean more = producing.get();
        for (long[] slot; (slot = ring.peek()) != null; ring.release()) {
          if (slot[0] <= received[1]) failure.compareAndSet(null, new AssertionError(slot[0] + " after " + received[1]));
          received[1] = slot[0];
          received[0]++;
        }
        if (!more) return;
      }
    });
    for (long i = 0; i < items; i++) {
      long[] slot = ring.claim();
      if (slot == null) continue;
      slot[0] = i;
      ring.publish();
    }
    producing.set(false);
    consumer.join(30_000);
    assertThat(consumer.isAlive()).isFalse();
    if (failure.get() != null) throw failure.get();
    assertThat(received[0] + ring.drops()).isEqualTo(items);
  }

  private static long check(long item) {
    return item * 31 + 7;
  }
}
