package dev.foresight.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.lifecycle.ShutdownSequence.Stage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ShutdownSequenceTest {

  @Test
  void runsStagesInOrderOnceEvenWhenAStepFails() throws Exception {
    ShutdownSequence s = new ShutdownSequence(5_000);
    List<String> ran = new CopyOnWriteArrayList<>();
    s.register(Stage.NOTIFY, "mqtt", why -> ran.add("notify " + why));
    s.register(Stage.FLUSH, "recorder", why -> {
      ran.add("flush");
      throw new IllegalStateException("disk full");
    });
    s.register(Stage.OUTPUTS_SAFE, "outputs", why -> ran.add("safe on " + Thread.currentThread().getName()));
    s.register(Stage.STOP_LOOP, "loop", why -> ran.add("stop"));
    Thread t = Thread.ofPlatform().name("caller").start(() -> s.run("signal"));
    t.join();
    s.run("again");
    assertThat(ran).containsExactly("safe on caller", "stop", "flush", "notify signal");
    assertThat(s.reason()).isEqualTo("signal");
    assertThat(s.steps()).containsExactly("outputs_safe: outputs", "stop_loop: loop", "flush: recorder", "notify: mqtt");
  }

  @Test
  void aHungStepDoesNotKeepTheNextFromRunningOrTheProcessFromExiting() {
    ShutdownSequence s = new ShutdownSequence(300);
    CountDownLatch never = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    s.register(Stage.FLUSH, "hung disk", why -> never.await());
    s.register(Stage.RELEASE, "devices", why -> ran.add("released"));
    long start = System.nanoTime();
    s.run("signal");
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ran).containsExactly("released");
    assertThat(ms).as("budget 300 ms, then at least 100 ms for the last step").isLessThan(2_000);
  }
}
