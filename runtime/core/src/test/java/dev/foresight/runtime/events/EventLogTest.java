package dev.foresight.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.Allocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventLogTest {

  private final EventDraft draft = new EventDraft();

  private long emit(EventLog log, long nowNs, long count) {
    return log.emit(draft.begin(nowNs, Severity.WARNING, EventKind.FAULT, Cause.SENSOR_STALE).subject("pivot.angle")
        .response(Response.HOLD).value(1.5).limit(2.0).count(count));
  }

  @Test
  void eachSubscriberReadsEveryEventInOrderWithItsEpochTime() {
    EventLog log = new EventLog(8, 1_000_000L);
    EventLog.Subscription a = log.subscribe();
    emit(log, 5_000_000L, 1);
    EventLog.Subscription b = log.subscribe();
    emit(log, 7_000_000L, 2);

    List<Event> seenA = new ArrayList<>();
    List<Event> seenB = new ArrayList<>();
    assertThat(a.poll(seenA::add, 10)).isEqualTo(2);
    assertThat(b.poll(seenB::add, 10)).isEqualTo(1);

    assertThat(seenA).extracting(Event::count).containsExactly(1L, 2L);
    assertThat(seenA.getFirst().epochMs()).isEqualTo(1_000_005L);
    assertThat(seenA.getFirst().sequence()).isZero();
    assertThat(seenB).extracting(Event::sequence).containsExactly(1L);
    assertThat(seenA.getFirst().message()).isEqualTo("fault: sensor stale pivot.angle = 1.500 (limit 2.000) -> hold");
    assertThat(a.poll(seenA::add, 10)).isZero();
  }

  @Test
  void aConsumerThatFallsBehindSkipsToTheOldestKeptEventAndCountsWhatItLost() {
    EventLog log = new EventLog(4, 0);
    EventLog.Subscription late = log.subscribe();
    for (int i = 0; i < 10; i++) emit(log, i, i);
    List<Event> seen = new ArrayList<>();
    late.poll(seen::add, 100);
    assertThat(seen).extracting(Event::count).containsExactly(6L, 7L, 8L, 9L);
    assertThat(late.lost()).isEqualTo(6);
  }

  @Test
  void pollStopsAtItsLimitAndResumesThere() {
    EventLog log = new EventLog(16, 0);
    EventLog.Subscription s = log.subscribe();
    for (int i = 0; i < 5; i++) emit(log, i, i);
    List<Event> seen = new ArrayList<>();
    assertThat(s.poll(seen::add, 3)).isEqualTo(3);
    assertThat(s.pending()).isEqualTo(2);
    assertThat(s.poll(seen::add, 3)).isEqualTo(2);
    assertThat(seen).extracting(Event::count).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void concurrentProducersLoseNothingWithinCapacity() throws Exception {
    EventLog log = new EventLog(4096, 0);
    EventLog.Subscription s = log.subscribe();
    Thread[] producers = new Thread[4];
    for (int p = 0; p < producers.length; p++) {
      int base = p * 1000;
      EventDraft own = new EventDraft();   // one draft per emitting thread
      producers[p] = Thread.ofPlatform().start(() -> {
        for (int i = 0; i < 1000; i++) {
          log.emit(own.begin(i, Severity.WARNING, EventKind.FAULT, Cause.SENSOR_STALE).count(base + i));
        }
      });
    }
    Set<Long> counts = new HashSet<>();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (counts.size() < 4000 && System.nanoTime() < deadline) s.poll(e -> counts.add(e.count()), 100);
    for (Thread t : producers) t.join();
    assertThat(counts).hasSize(4000);
    assertThat(s.lost()).isZero();
  }

  @Test
  void emittingAllocatesNothing() {
    EventLog log = new EventLog(64, 0);
    for (int i = 0; i < 100_000; i++) emit(log, i, i);   // warm up
    long bytes = Allocation.smallestOfThree(() -> {
      for (int i = 0; i < 10_000; i++) emit(log, i, i);
    });
    assertThat(bytes).isZero();
  }

  @Test
  void aDraftStartsEachEventWithOnlyWhatEveryEventHas() {
    EventLog log = new EventLog(8, 0);
    EventLog.Subscription s = log.subscribe();
    emit(log, 1, 3);
    log.emit(draft.begin(2, Severity.INFO, EventKind.ARMED, Cause.COMMAND));
    List<Event> seen = new ArrayList<>();
    s.poll(seen::add, 10);
    Event armed = seen.get(1);
    assertThat(armed.subject()).isEmpty();
    assertThat(armed.response()).isEqualTo(Response.NONE);
    assertThat(armed.value()).isNaN();
    assertThat(armed.limit()).isNaN();
    assertThat(armed.count()).isZero();
    assertThat(armed.detail()).isEmpty();
    assertThat(log.emit(draft.begin(3, Severity.INFO, EventKind.ARMED, Cause.COMMAND).subject(null).detail(null)))
        .isEqualTo(2);
    s.poll(seen::add, 10);
    assertThat(seen.get(2).subject()).as("null is none").isEmpty();
    assertThat(seen.get(2).detail()).isEmpty();
  }

  @Test
  void alertsStayAfterRecoveryUntilAReset() {
    EventLog log = new EventLog(16, 0);
    Alerts alerts = new Alerts();
    EventPump pump = new EventPump(log, alerts);
    emit(log, 1, 0);
    log.emit(draft.begin(2, Severity.INFO, EventKind.RECOVERED, Cause.SENSOR_STALE).subject("pivot.angle"));
    pump.drain();
    assertThat(alerts.list()).singleElement().satisfies(a -> {
      assertThat(a.active()).isFalse();
      assertThat(a.severity()).isEqualTo(Severity.WARNING);
      assertThat(a.count()).isEqualTo(2);
    });
    log.emit(draft.begin(3, Severity.INFO, EventKind.RESET, Cause.COMMAND).subject("cli"));
    pump.drain();
    assertThat(alerts.list()).isEmpty();
  }
}
