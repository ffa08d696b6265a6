package dev.foresight.runtime.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.time.SteppedClock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The runner's contract: lifecycle on its own thread, time from its clock, failures reported, never silent. */
class AgentRunnerTest {

  /** An agent that records what happened to it; {@code work} decides each cycle's outcome. */
  static class Probe implements Agent {
    final List<Long> times = new CopyOnWriteArrayList<>();
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    volatile Thread startThread;
    volatile Thread closeThread;
    volatile Cycle work = (n, now) -> 0;

    interface Cycle {
      int run(int n, long nowNs) throws Exception;
    }

    @Override
    public void onStart() {
      starts.incrementAndGet();
      startThread = Thread.currentThread();
    }

    @Override
    public int doWork(long nowNs) throws Exception {
      times.add(nowNs);
      return work.run(times.size(), nowNs);
    }

    @Override
    public void onClose() {
      closes.incrementAndGet();
      closeThread = Thread.currentThread();
    }

    @Override
    public String roleName() {
      return "test-agent";
    }
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting until " + what);
      Thread.sleep(1);
    }
  }

  private static AgentRunner.Builder quick(Agent agent) {
    return AgentRunner.builder(agent).idle(new SleepingIdleStrategy(100_000L));
  }

  @Test
  void runsStartThenCyclesWithItsClocksTimeThenCloseOnOneNamedDaemonThread() throws Exception {
    SteppedClock clock = new SteppedClock();
    clock.advance(5_000L);
    Probe probe = new Probe();
    AgentRunner runner = quick(probe).clock(clock).start();
    eventually("three cycles", () -> probe.times.size() >= 3);
    runner.close();

    assertThat(runner.alive()).isFalse();
    assertThat(probe.starts).hasValue(1);
    assertThat(probe.closes).hasValue(1);
    assertThat(probe.startThread.getName()).isEqualTo("test-agent");
    assertThat(probe.startThread.isDaemon()).isTrue();
    assertThat(probe.closeThread).isSameAs(probe.startThread);
    assertThat(probe.times).containsOnly(5_000L);
    assertThat(runner.errors()).isZero();
  }

  @Test
  void aFailingCycleIsCountedAndReportedAndTheAgentGoesOn() throws Exception {
    Probe probe = new Probe();
    probe.work = (n, now) -> {
      if (n <= 2) throw new IllegalStateException("cycle " + n);
      return 1;
    };
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    try (AgentRunner runner = quick(probe).errorHandler(reported::add).start()) {
      eventually("ten cycles", () -> probe.times.size() >= 10);
      assertThat(runner.errors()).isEqualTo(2);
      assertThat(reported).extracting(Throwable::getMessage).containsExactly("cycle 1", "cycle 2");
      assertThat(runner.alive()).isTrue();
    }
  }

  @Test
  void anErrorHandlerThatThrowsDoesNotEndTheAgent() throws Exception {
    Probe probe = new Probe();
    probe.work = (n, now) -> {
      if (n == 1) throw new IllegalStateException("first");
      return 1;
    };
    try (AgentRunner runner = quick(probe).errorHandler(e -> { throw new IllegalArgumentException("handler"); }).start()) {
      eventually("five cycles", () -> probe.times.size() >= 5);
      assertThat(runner.errors()).isOne();
      assertThat(runner.alive()).isTrue();
    }
  }

  @Test
  void anErrorIsReportedAndEndsTheAgentAfterItsClose() throws Exception {
    Probe probe = new Probe();
    probe.work = (n, now) -> {
      throw new StackOverflowError("deep");
    };
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    AgentRunner runner = quick(probe).errorHandler(reported::add).start();
    eventually("the thread ended", () -> probe.closes.get() == 1 && !runner.alive());
    assertThat(probe.times).hasSize(1);
    assertThat(reported).singleElement().isInstanceOf(StackOverflowError.class);
    runner.close();
    assertThat(probe.closes).as("closed once").hasValue(1);
  }

  @Test
  void terminationEndsTheAgentWithoutAReport() throws Exception {
    Probe probe = new Probe();
    probe.work = (n, now) -> {
      if (n == 3) throw new AgentTerminationException("done");
      return 1;
    };
    AgentRunner runner = quick(probe).start();
    eventually("the thread ended", () -> !runner.alive() && probe.closes.get() == 1);
    assertThat(probe.times).hasSize(3);
    assertThat(runner.errors()).isZero();
  }

  @Test
  void aFailingStartIsReportedAndTheAgentIsStillClosedWithoutCycles() throws Exception {
    Probe probe = new Probe() {
      @Override
      public void onStart() {
        throw new IllegalStateException("no device");
      }
    };
    List<Throwable> reported = new CopyOnWriteArrayList<>();
    AgentRunner runner = quick(probe).errorHandler(reported::add).start();
    eventually("the thread ended", () -> !runner.alive() && probe.closes.get() == 1);
    assertThat(probe.times).isEmpty();
    assertThat(reported).extracting(Throwable::getMessage).containsExactly("no device");
  }

  @Test
  void anInterruptEndsTheAgentAfterItsCloseInsteadOfSpinning() throws Exception {
    Probe probe = new Probe();
    AgentRunner runner = AgentRunner.builder(probe).idle(SleepingIdleStrategy.untilWoken()).start();
    eventually("parked", () -> runner.thread().getState() == Thread.State.WAITING);
    runner.thread().interrupt();
    eventually("the thread ended", () -> !runner.alive() && probe.closes.get() == 1);
    assertThat(probe.times.size()).as("no spin on a set interrupt flag").isLessThan(5);
    assertThat(runner.errors()).isZero();
  }

  @Test
  void closeIsIdempotentAndAClosedRunnerDoesNotStartAgain() throws Exception {
    Probe probe = new Probe();
    AgentRunner runner = quick(probe).start();
    runner.start();   // already running: nothing happens
    eventually("a cycle", () -> !probe.times.isEmpty());
    runner.close();
    runner.close();
    assertThat(probe.starts).hasValue(1);
    assertThat(probe.closes).hasValue(1);
    assertThatThrownBy(runner::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("test-agent is closed");
  }

  @Test
  void closingARunnerThatNeverStartedClosesTheAgentOnTheCallingThread() {
    Probe probe = new Probe();
    AgentRunner runner = quick(probe).build();
    runner.close();
    runner.close();
    assertThat(probe.starts).hasValue(0);
    assertThat(probe.closes).hasValue(1);
    assertThat(probe.closeThread).isSameAs(Thread.currentThread());
    assertThat(runner.alive()).isFalse();
  }

  @Test
  void anAgentParkedUntilWokenRunsWhenWokenAndStopsWhenClosed() throws Exception {
    AtomicInteger pending = new AtomicInteger();
    AtomicInteger handled = new AtomicInteger();
    Probe probe = new Probe();
    probe.work = (n, now) -> {
      int p = pending.getAndSet(0);
      handled.addAndGet(p);
      return p;
    };
    AgentRunner runner = AgentRunner.builder(probe).idle(SleepingIdleStrategy.untilWoken()).start();
    eventually("parked", () -> runner.thread().getState() == Thread.State.WAITING);
    int cycles = probe.times.size();
    pending.set(3);
    runner.wake();
    eventually("the work handled", () -> handled.get() == 3);
    assertThat(probe.times.size()).isGreaterThan(cycles);
    eventually("parked again", () -> runner.thread().getState() == Thread.State.WAITING);

    long start = System.nanoTime();
    runner.close();
    assertThat(runner.alive()).isFalse();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("close unparks, not times out")
        .isLessThan(900);
  }
}
