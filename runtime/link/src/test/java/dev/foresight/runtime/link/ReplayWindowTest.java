package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persistent replay window: what survives a restart, a crash mid-append and a crash
 * mid-compaction. Small capacities keep the fsyncs few; {@code SignedCommandsTest} runs the
 * configured 16,384 across more than 4,096 commands.
 */
class ReplayWindowTest {

  @TempDir Path dir;

  @Test
  void remembersAcrossReopenAndForgetsOnlyBeyondItsCapacity() throws Exception {
    try (ReplayWindow w = ReplayWindow.open(dir, 100)) {
      for (int i = 0; i < 150; i++) w.record("c" + i, 1_000L + i);
      assertThat(w.size()).isEqualTo(100);
      assertThat(w.contains("c49")).isFalse();
      assertThat(w.contains("c50")).isTrue();
    }
    try (ReplayWindow w = ReplayWindow.open(dir, 100)) {
      assertThat(w.size()).isEqualTo(100);
      assertThat(w.contains("c49")).isFalse();
      assertThat(w.contains("c50")).isTrue();
      assertThat(w.contains("c149")).isTrue();
      assertThat(w.skippedLines()).isZero();
    }
  }

  @Test
  void compactsTheJournalKeepingTheNewestIds() throws Exception {
    try (ReplayWindow w = ReplayWindow.open(dir, 100)) {
      for (int i = 0; i < 350; i++) w.record("c" + i, 7L);
    }
    long lines = Files.readAllLines(dir.resolve(ReplayWindow.FILE)).size();
    assertThat(lines).as("rewritten at 2 x capacity, then appended").isEqualTo(150);
    assertThat(Files.readAllLines(dir.resolve(ReplayWindow.FILE)).getLast()).isEqualTo("c349 7");
    try (ReplayWindow w = ReplayWindow.open(dir, 100)) {
      assertThat(w.contains("c349")).isTrue();
      assertThat(w.contains("c250")).isTrue();
      assertThat(w.contains("c249")).isFalse();
    }
  }

  @Test
  void aLineCutShortByACrashIsDroppedAndEverythingBeforeKept() throws Exception {
    try (ReplayWindow w = ReplayWindow.open(dir, 4096)) {
      w.record("a", 1);
      w.record("b", 2);
    }
    // A crash during the third append: part of its line reached the disk.
    Files.writeString(dir.resolve(ReplayWindow.FILE), "cc 3", StandardOpenOption.APPEND);
    // And one during a compaction: a half-written temporary file.
    Files.writeString(dir.resolve(ReplayWindow.FILE + ".tmp"), "x 1\ny");
    try (ReplayWindow w = ReplayWindow.open(dir, 4096)) {
      assertThat(w.contains("a")).isTrue();
      assertThat(w.contains("b")).isTrue();
      assertThat(w.contains("cc")).as("never acknowledged as recorded, so never executed").isFalse();
      assertThat(w.contains("x")).isFalse();
      assertThat(Files.exists(dir.resolve(ReplayWindow.FILE + ".tmp"))).isFalse();
      w.record("d", 4);
    }
    assertThat(Files.readString(dir.resolve(ReplayWindow.FILE), StandardCharsets.US_ASCII)).isEqualTo("a 1\nb 2\nd 4\n");
  }

  @Test
  void damagedLinesAreSkippedAndCounted() throws Exception {
    Files.writeString(dir.resolve(ReplayWindow.FILE), "a 1\nnot a line\n\u0000\u0000\nb 2\n");
    try (ReplayWindow w = ReplayWindow.open(dir, 4096)) {
      assertThat(w.contains("a")).isTrue();
      assertThat(w.contains("b")).isTrue();
      assertThat(w.skippedLines()).isEqualTo(2);
    }
  }

  @Test
  void aFolderInUseIsRefusedAndAClosedWindowRecordsNothing() throws Exception {
    try (ReplayWindow w = ReplayWindow.open(dir, 4096)) {
      assertThatThrownBy(() -> ReplayWindow.open(dir, 4096)).isInstanceOf(IOException.class)
          .hasMessageContaining("is in use by another foresight process");
      w.close();
      assertThatThrownBy(() -> w.record("late", 1)).hasMessage("the replay window is closed");
    }
  }
}
