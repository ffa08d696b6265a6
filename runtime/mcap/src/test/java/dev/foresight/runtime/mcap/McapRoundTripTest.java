package dev.foresight.runtime.mcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class McapRoundTripTest {

  /** Writes {@code n} messages alternating over two channels, in small chunks. */
  static Path write(Path dir, int n, int chunkBytes) throws IOException {
    Path file = dir.resolve("run.mcap");
    try (McapWriter w = McapWriter.create(file, "foresight-test", new McapWriter.Options(chunkBytes, false))) {
      int schema = w.schema("tick", "jsonschema", "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8));
      int a = w.channel("/state", schema, "json", Map.of("robot", "test"));
      int b = w.channel("/action", schema, "json", Map.of());
      w.metadata("run", Map.of("seed", "7", "config_sha256", "abc"));
      for (int i = 0; i < n; i++) {
        byte[] data = ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
        w.message(i % 2 == 0 ? a : b, 1_000_000L * i, data);
      }
    }
    return file;
  }

  @Test
  void readsBackEverythingItWrote(@TempDir Path dir) throws Exception {
    Path file = write(dir, 1000, 4096);
    List<McapReader.Message> messages = new ArrayList<>();

    McapReader.Scan scan = McapReader.read(file, messages::add);

    assertThat(scan.complete()).isTrue();
    assertThat(scan.damage()).isEmpty();
    assertThat(scan.messages()).isEqualTo(1000);
    assertThat(scan.chunks()).isGreaterThan(3);
    assertThat(scan.channels()).hasSize(2);
    assertThat(scan.channels().get(1).topic()).isEqualTo("/state");
    assertThat(scan.channels().get(1).metadata()).containsEntry("robot", "test");
    assertThat(scan.schemas().get(1).encoding()).isEqualTo("jsonschema");
    assertThat(scan.metadata().get("run")).containsEntry("seed", "7");
    assertThat(messages.get(999).logTimeNs()).isEqualTo(999_000_000L);
    assertThat(new String(messages.get(999).data(), StandardCharsets.UTF_8)).isEqualTo("{\"i\":999}");
    assertThat(messages.get(998).channel().topic()).isEqualTo("/state");
    assertThat(messages.get(998).sequence()).isEqualTo(500);
  }

  @Test
  void fileEndsWithFooterAndMagic(@TempDir Path dir) throws Exception {
    byte[] bytes = Files.readAllBytes(write(dir, 10, 4096));
    assertThat(Arrays.copyOfRange(bytes, 0, 8)).isEqualTo(Mcap.MAGIC);
    assertThat(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length)).isEqualTo(Mcap.MAGIC);
    assertThat(bytes[bytes.length - 8 - 29] & 0xff).as("footer opcode").isEqualTo(Mcap.FOOTER);
  }

  /** Cut the file at every length: never an exception, and exactly the complete chunks' messages. */
  @Test
  void aFileCutAnywhereReadsUpToItsLastCompleteChunk(@TempDir Path dir) throws Exception {
    Path whole = write(dir, 200, 512);
    byte[] bytes = Files.readAllBytes(whole);
    McapReader.Scan full = McapReader.read(whole, m -> { });
    long previous = 0;
    for (int cut = 8; cut < bytes.length; cut += 7) {
      Path part = dir.resolve("cut.mcap");
      Files.write(part, Arrays.copyOf(bytes, cut));
      List<McapReader.Message> got = new ArrayList<>();

      McapReader.Scan scan = McapReader.read(part, got::add);

      assertThat(scan.complete()).isFalse();
      assertThat(scan.damage()).isPresent();
      assertThat(scan.messages()).isLessThanOrEqualTo(full.messages()).isGreaterThanOrEqualTo(previous);
      for (int i = 0; i < got.size(); i++) {
        assertThat(new String(got.get(i).data(), StandardCharsets.UTF_8)).isEqualTo("{\"i\":" + i + "}");
      }
      previous = scan.messages();
    }
    assertThat(previous).isEqualTo(full.messages());
  }

  @Test
  void aCorruptedChunkStopsTheReadAndSaysWhere(@TempDir Path dir) throws Exception {
    Path file = write(dir, 200, 512);
    byte[] bytes = Files.readAllBytes(file);
    int target = indexOf(bytes, "{\"i\":150}".getBytes(StandardCharsets.UTF_8));
    bytes[target + 5] = '9';
    Files.write(file, bytes);
    List<McapReader.Message> got = new ArrayList<>();

    McapReader.Scan scan = McapReader.read(file, got::add);

    assertThat(scan.damage()).get().asString().matches("the chunk at byte \\d+ fails its CRC check \\(corrupt\\); "
        + "messages before it were read");
    assertThat(got).hasSizeLessThan(151);
    assertThat(got).isNotEmpty();
  }

  @Test
  void zstdChunksReadBackSmallerAndACutOrCorruptedOneStopsTheRead(@TempDir Path dir) throws Exception {
    Path plain = write(dir, 2000, 8192);
    long plainSize = Files.size(plain);
    Path file = dir.resolve("z.mcap");
    try (McapWriter w = McapWriter.create(file, "foresight-test",
        new McapWriter.Options(8192, false, McapWriter.Compression.ZSTD))) {
      int schema = w.schema("tick", "jsonschema", "{\"type\":\"object\"}".getBytes(StandardCharsets.UTF_8));
      int a = w.channel("/state", schema, "json", Map.of());
      for (int i = 0; i < 2000; i++) w.message(a, 1_000_000L * i, ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    List<McapReader.Message> got = new ArrayList<>();
    McapReader.Scan scan = McapReader.read(file, got::add);
    assertThat(scan.complete()).isTrue();
    assertThat(got).hasSize(2000);
    assertThat(new String(got.get(1234).data(), StandardCharsets.UTF_8)).isEqualTo("{\"i\":1234}");
    assertThat(Files.size(file)).as("zstd file vs uncompressed").isLessThan(plainSize / 2);

    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    McapReader.Scan cut = McapReader.read(file, m -> { });
    assertThat(cut.damage()).get().asString().contains("cut short");
    assertThat(cut.messages()).isBetween(1L, 1999L);

    bytes[bytes.length / 3] ^= 0x5a;   // inside a compressed chunk
    Files.write(file, bytes);
    McapReader.Scan corrupt = McapReader.read(file, m -> { });
    assertThat(corrupt.damage()).get().asString()
        .matches("the chunk at byte \\d+ (does not decompress|fails its CRC check|decompresses to).*\\(corrupt\\).*");
  }

  @Test
  void somethingThatIsNotMcapIsRejectedInOneLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("notes.mcap");
    Files.writeString(file, "hello, I am a text file");
    assertThatThrownBy(() -> McapReader.read(file, m -> { }))
        .isInstanceOf(McapException.class)
        .hasMessage("not an MCAP file (it does not start with the MCAP magic bytes)");
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    throw new AssertionError("not found");
  }
}
