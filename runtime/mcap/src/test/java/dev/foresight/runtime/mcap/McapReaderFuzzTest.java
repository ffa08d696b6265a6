package dev.foresight.runtime.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple3;
import org.junit.jupiter.api.Test;

/**
 * Malformed MCAP input: the reader gives a clean scan, a scan with a one-line damage message, or a
 * one-line {@link McapException}; never another exception type, and it allocates in proportion to
 * the file, not to the sizes the file declares.
 */
class McapReaderFuzzTest {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static byte[] validFile(McapWriter.Compression compression) throws IOException {
    Path dir = Files.createTempDirectory("mcap-fuzz");
    Path file = dir.resolve("run.mcap");
    try (McapWriter w = McapWriter.create(file, "fuzz", new McapWriter.Options(512, false, compression))) {
      int schema = w.schema("tick", "jsonschema", "{}".getBytes(StandardCharsets.UTF_8));
      int a = w.channel("/state", schema, "json", Map.of("robot", "fuzz"));
      w.metadata("run", Map.of("seed", "7"));
      for (int i = 0; i < 60; i++) w.message(a, 1_000L * i, ("{\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.delete(file);
    Files.delete(dir);
    return bytes;
  }

  /** Reads {@code bytes}; asserts the outcome is a scan or a one-line McapException; returns the scan or null. */
  private static McapReader.Scan readChecked(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("mcap-fuzz", ".mcap");
    try {
      Files.write(file, bytes);
      long before = THREADS.getCurrentThreadAllocatedBytes();
      McapReader.Scan scan;
      try {
        scan = McapReader.read(file, m -> { });
      } catch (McapException e) {
        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        scan = null;
      }
      long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
      // zstd may expand up to MAX_ZSTD_RATIO; beyond that (and a fixed 64 KiB read buffer) is a declared size allocated as given
      assertThat(allocated).as("bytes allocated reading a %d-byte file", bytes.length)
          .isLessThan((McapReader.MAX_ZSTD_RATIO + 8) * bytes.length + (8L << 20));
      if (scan != null && scan.damage().isPresent()) {
        assertThat(scan.damage().get()).isNotBlank().doesNotContain("\n");
      }
      return scan;
    } finally {
      Files.delete(file);
    }
  }

  @Provide
  Arbitrary<Tuple3<Integer, Integer, Long>> mutations() {
    return Arbitraries.integers().between(0, Integer.MAX_VALUE).flatMap(pos ->
        Arbitraries.integers().between(1, 8).flatMap(width ->
            Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.<Long>of(-1L, 0L, (long) Integer.MAX_VALUE, Integer.MAX_VALUE - 16L, 1L << 31, (1L << 31) - 1,
                    (long) Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE, 0xffff_ffffL))
                .map(v -> Tuple.of(pos, width, v))));
  }

  /** Overwrites 1-8 bytes of a valid file (plain or zstd) with a hostile value (negative, near 2 GiB, random). */
  @Property(tries = 300, seed = "13")
  void mutatedFileGivesScanOrOneLineError(@ForAll("mutations") Tuple3<Integer, Integer, Long> m,
      @ForAll boolean zstd) throws IOException {
    byte[] bytes = validFile(zstd ? McapWriter.Compression.ZSTD : McapWriter.Compression.NONE);
    int at = m.get1() % bytes.length;
    long v = m.get3();
    for (int i = 0; i < m.get2() && at + i < bytes.length; i++) bytes[at + i] = (byte) (v >>> (8 * i));
    readChecked(bytes);
  }

  /** A valid magic followed by random bytes, and random bytes cut at any length. */
  @Property(tries = 200, seed = "13")
  void randomBytesGiveScanOrOneLineError(@ForAll byte[] tail, @ForAll boolean withMagic) throws IOException {
    byte[] bytes = new byte[(withMagic ? 8 : 0) + tail.length];
    if (withMagic) System.arraycopy(Mcap.MAGIC, 0, bytes, 0, 8);
    System.arraycopy(tail, 0, bytes, withMagic ? 8 : 0, tail.length);
    readChecked(bytes);
  }

  /** A valid file cut at every length still reads (up to its damage). */
  @Test
  void everyTruncationReads() throws IOException {
    byte[] bytes = validFile(McapWriter.Compression.ZSTD);
    for (int n = 0; n < bytes.length; n += 7) readChecked(java.util.Arrays.copyOf(bytes, n));
  }

  // ---- regressions: each crafted file used to throw or allocate as declared ----

  /** Magic + one chunk record with the given fields and inner records. */
  private static byte[] chunkFile(long uncompressedSize, String compression, long recordsLength, byte[] records) {
    byte[] comp = compression.getBytes(StandardCharsets.UTF_8);
    int contentLength = 8 + 8 + 8 + 4 + 4 + comp.length + 8 + records.length;
    ByteBuffer b = ByteBuffer.allocate(8 + 9 + contentLength).order(ByteOrder.LITTLE_ENDIAN);
    b.put(Mcap.MAGIC).put((byte) Mcap.CHUNK).putLong(contentLength);
    b.putLong(0).putLong(0).putLong(uncompressedSize).putInt(0).putInt(comp.length).put(comp);
    b.putLong(recordsLength).put(records);
    return b.array();
  }

  private static String damage(byte[] bytes) throws IOException {
    McapReader.Scan scan = readChecked(bytes);
    assertThat(scan).isNotNull();
    assertThat(scan.damage()).isPresent();
    return scan.damage().get();
  }

  @Test
  void zstdChunkDeclaringNearTwoGibIsRefusedNotAllocated() throws IOException {
    byte[] zstd = com.github.luben.zstd.Zstd.compress(new byte[16]);
    assertThat(damage(chunkFile(Integer.MAX_VALUE - 100L, "zstd", zstd.length, zstd)))
        .contains("chunk at byte 8").contains("claims 2147483547 uncompressed bytes").contains("corrupt");
  }

  @Test
  void zstdChunkDeclaringFarMoreThanItsRatioIsRefused() throws IOException {
    byte[] zstd = com.github.luben.zstd.Zstd.compress(new byte[16]);
    assertThat(damage(chunkFile(100L << 20, "zstd", zstd.length, zstd))).contains("chunk at byte 8").contains("limit");
  }

  @Test
  void negativeUncompressedSizeIsCorruptNotNegativeArraySize() throws IOException {
    byte[] zstd = com.github.luben.zstd.Zstd.compress(new byte[16]);
    assertThat(damage(chunkFile(-5, "zstd", zstd.length, zstd))).contains("chunk at byte 8").contains("inconsistent sizes");
  }

  @Test
  void negativeRecordsLengthIsCorruptNotIndexOutOfBounds() throws IOException {
    assertThat(damage(chunkFile(-1, "", -1, new byte[0]))).contains("chunk at byte 8").contains("inconsistent sizes");
  }

  @Test
  void negativeInnerRecordLengthIsCorruptNotIndexOutOfBounds() throws IOException {
    ByteBuffer inner = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
    inner.put((byte) Mcap.MESSAGE).putLong(-3).putLong(0).put(new byte[3]);
    assertThat(damage(chunkFile(20, "", 20, inner.array()))).contains("inside the chunk at byte 8").contains("overruns");
  }

  @Test
  void schemaWithNegativeDataLengthIsMalformedNotNegativeArraySize() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 9 + 2 + 4 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(Mcap.MAGIC).put((byte) Mcap.SCHEMA).putLong(14).putShort((short) 1).putInt(0).putInt(0).putInt(-7);
    assertThat(damage(b.array())).isEqualTo("a schema record at byte 8 is malformed (corrupt)");
  }

  @Test
  void schemaDeclaringNearTwoGibOfDataIsMalformedNotAllocated() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 + 9 + 2 + 4 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put(Mcap.MAGIC).put((byte) Mcap.SCHEMA).putLong(14).putShort((short) 1).putInt(0).putInt(0)
        .putInt(Integer.MAX_VALUE - 8);
    assertThat(damage(b.array())).isEqualTo("a schema record at byte 8 is malformed (corrupt)");
  }

  @Test
  void validFilesStillReadClean() throws IOException {
    for (McapWriter.Compression c : List.of(McapWriter.Compression.NONE, McapWriter.Compression.ZSTD)) {
      McapReader.Scan scan = readChecked(validFile(c));
      assertThat(scan.complete()).isTrue();
      assertThat(scan.messages()).isEqualTo(60);
    }
  }
}
