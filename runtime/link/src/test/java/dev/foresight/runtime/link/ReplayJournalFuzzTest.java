package dev.foresight.runtime.link;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing (Jazzer) of the replay window's journal as it may be found in
 * {@code state_dir} after a crash or a disk error: it opens (damaged lines skipped) or fails with an
 * {@code IOException}, never another exception, and what is recorded afterwards survives reopening.
 *
 * <p>Plain {@code mvn verify} runs the committed inputs in {@code src/test/resources/dev/foresight/
 * runtime/link/ReplayJournalFuzzTestInputs/anyJournalOpensOrFailsWithAnIoError/}
 * (regression mode). With {@code JAZZER_FUZZ=1} and {@code -Dtest=ReplayJournalFuzzTest} it fuzzes for {@code maxDuration}
 * (Jazzer fuzzes one test per JVM, hence one per class); a finding is written to that folder: fix the code and commit the input with it.
 */
class ReplayJournalFuzzTest {

  static final long NOW = CommandDecoderTest.NOW;

  @FuzzTest(maxDuration = "15s")
  void anyJournalOpensOrFailsWithAnIoError(byte[] journal) throws IOException {
    Path dir = Files.createTempDirectory("fuzz-window");
    try {
      Files.write(dir.resolve(ReplayWindow.FILE), journal);
      try (ReplayWindow w = ReplayWindow.open(dir, 64)) {
        assertThat(w.size()).isBetween(0, 64);
        w.record("after", NOW);
        assertThat(w.contains("after")).isTrue();
      }
      try (ReplayWindow again = ReplayWindow.open(dir, 64)) {
        assertThat(again.contains("after")).as("what was recorded survives reopening").isTrue();
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) Files.delete(f);
      }
      Files.delete(dir);
    }
  }

}
