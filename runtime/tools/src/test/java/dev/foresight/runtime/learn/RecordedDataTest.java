package dev.foresight.runtime.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foresight.runtime.learn.trainer.Transitions;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.mcap.McapWriter;
import dev.foresight.runtime.record.Recorder;
import dev.foresight.runtime.record.RecordingLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recordings into transitions: what never becomes a transition (episode ends, drops, NaNs) and what is refused. */
public class RecordedDataTest {

  static final long PERIOD_NS = 50_000_000L;

  /**
   * Writes a recording of state {x, v} and action {u}: tick t has x = t, v = 2t, u = -t, except
   * ticks listed in {@code nan} (x is NaN); ticks in {@code skip} are missing; an episode mark
   * precedes each tick in {@code episodes}.
   */
  public static Path write(Path file, List<String> state, int ticks, List<Integer> nan, List<Integer> skip,
      List<Integer> episodes) throws Exception {
    RecordingLayout layout = new RecordingLayout(List.of(), state, List.of("m", "m/s"), new boolean[] {false, false},
        List.of("u"), List.of("N"), 0, PERIOD_NS);
    try (Recorder r = Recorder.create(file, layout, Map.of("robot", "test"), null, 0, McapWriter.Options.DEFAULT)) {
      TickFrame f = new TickFrame(0, 2, 1, 0);
      for (int t = 1; t <= ticks; t++) {
        if (episodes.contains(t)) r.episode(t * PERIOD_NS, episodes.indexOf(t), 100 + t, "test", Map.of(), Map.of());
        if (skip.contains(t)) continue;
        f.tick = t;
        f.nowNs = t * PERIOD_NS;
        f.state[0] = nan.contains(t) ? Double.NaN : t;
        f.state[1] = 2 * t;
        f.action[0] = -t;
        f.applied[0] = -t;
        r.tick(f);
      }
      r.close(0, 0, "test");
    }
    return file;
  }

  @Test
  void transitionsNeverCrossEpisodesDropsOrNonFiniteTicks(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("a.mcap"), List.of("x", "v"), 30, List.of(12), List.of(20), List.of(1, 25));
    RecordedData data = RecordedData.read(List.of(file));
    // Segments: 1..11 | (12 NaN) 13..19 | (20 missing) 21..24 | (episode) 25..30
    assertThat(data.segments()).hasSize(4);
    assertThat(data.segments().stream().map(s -> s.ticks(2)).toList()).containsExactly(11, 7, 4, 6);
    assertThat(data.files().getFirst().nonFinite()).isEqualTo(1);
    assertThat(data.files().getFirst().gaps()).isEqualTo(1);
    assertThat(data.files().getFirst().episodes()).isEqualTo(2);
    Transitions t = data.transitions();
    assertThat(t.count()).isEqualTo(10 + 6 + 3 + 5);
    for (int i = 0; i < t.count(); i++) {
      assertThat(t.next()[2 * i]).as("next x is the next tick's").isEqualTo(t.states()[2 * i] + 1);
      assertThat(t.actions()[i]).isEqualTo(-t.states()[2 * i]);
    }
    assertThat(data.dtS()).isEqualTo(0.05);
    assertThat(data.sha256()).startsWith("sha256:").hasSize(71);
  }

  @Test
  void aCutShortFileGivesWhatItHeldBeforeTheCut(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("a.mcap"), List.of("x", "v"), 4000, List.of(), List.of(), List.of());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, (int) (bytes.length * 0.7)));
    RecordedData data = RecordedData.read(List.of(file));
    assertThat(data.files().getFirst().damage()).hasValueSatisfying(d -> assertThat(d).contains("cut short"));
    assertThat(data.ticks()).as("complete chunks before the cut at 70%% of the bytes").isBetween(1000L, 3600L);
  }

  @Test
  void recordingsOfDifferentVariablesAreRefused(@TempDir Path dir) throws Exception {
    Path a = write(dir.resolve("a.mcap"), List.of("x", "v"), 10, List.of(), List.of(), List.of());
    Path b = write(dir.resolve("b.mcap"), List.of("x", "w"), 10, List.of(), List.of(), List.of());
    assertThatThrownBy(() -> RecordedData.read(List.of(a, b))).isInstanceOf(LearnException.class)
        .hasMessage(b + ": state variables [x, w] do not match " + a + "'s [x, v]; train on recordings of one robot layout");
  }

  @Test
  void aRecordingWithoutTransitionsIsRefused(@TempDir Path dir) throws Exception {
    Path file = write(dir.resolve("a.mcap"), List.of("x", "v"), 6, List.of(2, 4, 6), List.of(), List.of());
    assertThatThrownBy(() -> RecordedData.read(List.of(file))).isInstanceOf(LearnException.class)
        .hasMessage(file + ": no transitions (a transition needs two consecutive ticks with finite values)");
  }
}
