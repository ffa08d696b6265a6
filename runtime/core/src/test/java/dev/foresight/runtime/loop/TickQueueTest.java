package dev.foresight.runtime.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TickQueueTest {

  private static TickFrame frame(long tick) {
    TickFrame f = new TickFrame(1, 1, 1, 0);
    f.tick = tick;
    f.state[0] = tick * 0.5;
    return f;
  }

  @Test
  void handsOverCopiesInOrderAndDropsWhenTheConsumerIsBehind() {
    TickQueue q = new TickQueue(4, 1, frame(0));
    for (long t = 1; t <= 6; t++) q.offer(frame(t));
    assertThat(q.dropped()).isEqualTo(2);
    List<Double> seen = new ArrayList<>();
    assertThat(q.drain(f -> seen.add(f.state[0]), 10)).isEqualTo(4);
    assertThat(seen).containsExactly(0.5, 1.0, 1.5, 2.0);
    q.offer(frame(7));
    q.drain(f -> seen.add(f.state[0]), 10);
    assertThat(seen).endsWith(3.5);
  }

  @Test
  void keepsOneTickInEvery() {
    TickQueue q = new TickQueue(16, 5, frame(0));
    for (long t = 1; t <= 20; t++) q.offer(frame(t));
    List<Long> ticks = new ArrayList<>();
    q.drain(f -> ticks.add(f.tick), 100);
    assertThat(ticks).containsExactly(5L, 10L, 15L, 20L);
    assertThat(q.offered()).isEqualTo(4);
  }
}
