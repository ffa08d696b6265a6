package dev.foresight.runtime.mcap;

import com.github.luben.zstd.Zstd;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Reads an MCAP file front to back, the way a recovery tool would: it needs no summary, checks
 * every chunk's CRC, and on damage (a file cut short by a crash, a corrupted chunk) stops there and
 * reports where and why, having delivered every message before the damage.
 *
 * <pre>{@code
 * McapReader.Scan scan = McapReader.read(path, message -> handle(message));
 * scan.damage().ifPresent(d -> System.err.println(d));
 * }</pre>
 */
public final class McapReader {

  /**
   * The largest chunk this reader decompresses. A chunk declares its uncompressed size; a crafted or
   * corrupt size is refused here instead of being allocated as given (the writer's chunks are a few MiB).
   */
  static final long MAX_UNCOMPRESSED_CHUNK = 256L << 20;

  /** The most a zstd chunk may expand (zstd's own limit per block is far above real data's 10-100x). */
  static final long MAX_ZSTD_RATIO = 1024;

  /** A schema record. */
  public record Schema(int id, String name, String encoding, byte[] data) {}

  /** A channel record. */
  public record Channel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {}

  /** A message record. */
  public record Message(Channel channel, long sequence, long logTimeNs, long publishTimeNs, byte[] data) {}

  /** Receives messages in file order. */
  @FunctionalInterface
  public interface MessageHandler {
    /** Handles one message. */
    void onMessage(Message message) throws IOException;
  }

  /**
   * What a read found.
   *
   * @param schemas   schemas by id
   * @param channels  channels by id
   * @param metadata  metadata records by name
   * @param messages  messages delivered
   * @param chunks    complete, CRC-checked chunks read
   * @param complete  the file ends with a data end record, a footer and the closing magic
   * @param damage    where and why reading stopped early, if it did
   */
  public record Scan(Map<Integer, Schema> schemas, Map<Integer, Channel> channels,
      Map<String, Map<String, String>> metadata, long messages, long chunks, boolean complete,
      Optional<String> damage) {}

  private final InputStream in;
  private final Map<Integer, Schema> schemas = new LinkedHashMap<>();
  private final Map<Integer, Channel> channels = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> metadata = new LinkedHashMap<>();
  private final MessageHandler handler;
  private final long fileSize;
  private long offset;
  private long messages;
  private long chunks;

  private McapReader(InputStream in, long fileSize, MessageHandler handler) {
    this.in = in;
    this.fileSize = fileSize;
    this.handler = handler;
  }

  /**
   * Reads {@code file}, passing each message to {@code handler}.
   *
   * @throws McapException when the file is not MCAP at all (no magic at the start)
   */
  public static Scan read(Path file, MessageHandler handler) throws IOException, McapException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return new McapReader(in, Files.size(file), handler).scan();
    }
  }

  private Scan scan() throws IOException, McapException {
    byte[] magic = new byte[Mcap.MAGIC.length];
    int got = in.readNBytes(magic, 0, magic.length);
    offset += got;
    if (got < magic.length || !Arrays.equals(magic, Mcap.MAGIC)) {
      throw new McapException("not an MCAP file (it does not start with the MCAP magic bytes)");
    }
    boolean dataEnded = false;
    while (true) {
      long recordStart = offset;
      byte[] prefix = new byte[Mcap.RECORD_PREFIX];
      int n = in.readNBytes(prefix, 0, prefix.length);
      offset += n;
      if (n == 0) {
        return result(false, dataEnded ? "the file ends after its data without a footer"
            : "the file ends at byte " + recordStart + " without a data end record (recording was cut short)");
      }
      if (n < prefix.length) {
        return result(false, "the file ends inside a record header at byte " + recordStart + " (cut short)");
      }
      ByteBuffer p = ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN);
      int op = p.get() & 0xff;
      long length = p.getLong();
      if (length < 0 || length > Integer.MAX_VALUE - 16) {
        return result(false, "a " + Mcap.opcodeName(op) + " record at byte " + recordStart
            + " claims an impossible length " + Long.toUnsignedString(length) + " (corrupt)");
      }
      if (length > fileSize - offset) {
        return result(false, "the file ends inside a " + Mcap.opcodeName(op) + " record at byte " + recordStart
            + " (" + (fileSize - offset) + " of " + length + " bytes present; cut short)");
      }
      byte[] content = new byte[(int) length];
      offset += in.readNBytes(content, 0, content.length);
      ByteBuffer b = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
      try {
        Optional<Scan> end = record(op, b, recordStart, dataEnded);
        if (end.isPresent()) return end.get();
      } catch (java.nio.BufferUnderflowException | EOFException e) {
        return result(false, "a " + Mcap.opcodeName(op) + " record at byte " + recordStart + " is malformed (corrupt)");
      }
      if (op == Mcap.DATA_END) dataEnded = true;
    }
  }

  /** Handles one top-level record; returns the final scan when the record ends the file. */
  private Optional<Scan> record(int op, ByteBuffer b, long recordStart, boolean dataEnded) throws IOException {
    switch (op) {
      case Mcap.CHUNK -> {
        Optional<String> damage = chunk(b, recordStart);
        if (damage.isPresent()) return Optional.of(result(false, damage.get()));
        chunks++;
      }
      case Mcap.SCHEMA, Mcap.CHANNEL, Mcap.MESSAGE -> {
        if (!dataEnded) inner(op, b);
      }
      case Mcap.METADATA -> {
        String name = string(b);
        metadata.put(name, stringMap(b));
      }
      case Mcap.FOOTER -> {
        byte[] closing = in.readNBytes(Mcap.MAGIC.length);
        boolean closed = Arrays.equals(closing, Mcap.MAGIC);
        return Optional.of(result(closed,
            closed ? null : "the footer at byte " + recordStart + " is not followed by the MCAP magic"));
      }
      default -> { }   // data end, indexes, statistics, attachments: nothing to collect
    }
    return Optional.empty();
  }

  private Optional<String> chunk(ByteBuffer b, long recordStart) throws IOException {
    b.getLong();   // message start time
    b.getLong();   // message end time
    long uncompressedSize = b.getLong();
    long expectedCrc = b.getInt() & 0xffffffffL;
    String compression = string(b);
    long recordsLength = b.getLong();
    if (!compression.isEmpty() && !compression.equals("zstd")) {
      return Optional.of("the chunk at byte " + recordStart + " is compressed with '" + compression
          + "', which this reader does not support (it reads uncompressed and zstd chunks)");
    }
    if (recordsLength < 0 || recordsLength > b.remaining() || uncompressedSize < 0
        || (compression.isEmpty() && recordsLength != uncompressedSize)) {
      return Optional.of("the chunk at byte " + recordStart + " has inconsistent sizes (records "
          + Long.toUnsignedString(recordsLength) + ", uncompressed " + Long.toUnsignedString(uncompressedSize)
          + ", " + b.remaining() + " bytes left in the record; corrupt)");
    }
    if (compression.equals("zstd")
        && (uncompressedSize > MAX_UNCOMPRESSED_CHUNK || uncompressedSize > recordsLength * MAX_ZSTD_RATIO + 4096)) {
      return Optional.of("the chunk at byte " + recordStart + " claims " + uncompressedSize
          + " uncompressed bytes from " + recordsLength + " compressed (over the reader's limit of "
          + MAX_UNCOMPRESSED_CHUNK + " bytes or " + MAX_ZSTD_RATIO + "x; corrupt)");
    }
    byte[] data = b.array();
    int start = b.position();
    if (compression.equals("zstd")) {
      byte[] plain = new byte[(int) uncompressedSize];
      long n;
      try {
        n = Zstd.decompressByteArray(plain, 0, plain.length, b.array(), start, (int) recordsLength);
      } catch (RuntimeException e) {   // zstd-jni's ZstdException: damaged data
        return Optional.of("the chunk at byte " + recordStart + " does not decompress (corrupt): zstd: " + e.getMessage());
      }
      if (n != uncompressedSize) {
        return Optional.of("the chunk at byte " + recordStart + " decompresses to " + n + " bytes, not "
            + uncompressedSize + " (corrupt)");
      }
      data = plain;
      start = 0;
    }
    int length = (int) uncompressedSize;
    if (expectedCrc != 0) {
      CRC32 crc = new CRC32();
      crc.update(data, start, length);
      if (crc.getValue() != expectedCrc) {
        return Optional.of("the chunk at byte " + recordStart + " fails its CRC check (corrupt); "
            + "messages before it were read");
      }
    }
    ByteBuffer records = ByteBuffer.wrap(data, start, length).slice().order(ByteOrder.LITTLE_ENDIAN);
    try {
      return chunkRecords(records, recordStart);
    } catch (java.nio.BufferUnderflowException | EOFException e) {
      return Optional.of("a record inside the chunk at byte " + recordStart + " is malformed (corrupt)");
    }
  }

  private Optional<String> chunkRecords(ByteBuffer records, long recordStart) throws IOException {
    while (records.remaining() >= Mcap.RECORD_PREFIX) {
      int op = records.get() & 0xff;
      long length = records.getLong();
      if (length < 0 || length > records.remaining()) {
        return Optional.of("a record inside the chunk at byte " + recordStart + " overruns the chunk (corrupt)");
      }
      ByteBuffer inner = records.slice(records.position(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
      records.position(records.position() + (int) length);
      inner(op, inner);
    }
    return Optional.empty();
  }

  private void inner(int op, ByteBuffer b) throws IOException {
    switch (op) {
      case Mcap.SCHEMA -> {
        int id = b.getShort() & 0xffff;
        String name = string(b);
        String encoding = string(b);
        int dataLength = b.getInt();
        if (dataLength < 0 || dataLength > b.remaining()) throw new EOFException("schema data overruns its record");
        byte[] data = new byte[dataLength];
        b.get(data);
        schemas.put(id, new Schema(id, name, encoding, data));
      }
      case Mcap.CHANNEL -> {
        int id = b.getShort() & 0xffff;
        int schemaId = b.getShort() & 0xffff;
        String topic = string(b);
        String encoding = string(b);
        channels.put(id, new Channel(id, schemaId, topic, encoding, stringMap(b)));
      }
      case Mcap.MESSAGE -> {
        int channelId = b.getShort() & 0xffff;
        long sequence = b.getInt() & 0xffffffffL;
        long logTime = b.getLong();
        long publishTime = b.getLong();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        Channel channel = channels.get(channelId);
        if (channel == null) channel = new Channel(channelId, 0, "(unknown channel " + channelId + ")", "", Map.of());
        messages++;
        handler.onMessage(new Message(channel, sequence, logTime, publishTime, data));
      }
      default -> { }
    }
  }

  private Scan result(boolean complete, String damage) {
    return new Scan(Map.copyOf(schemas), Map.copyOf(channels), Map.copyOf(metadata), messages, chunks, complete,
        Optional.ofNullable(damage));
  }

  private static String string(ByteBuffer b) throws EOFException {
    int length = b.getInt();
    if (length < 0 || length > b.remaining()) throw new EOFException("string overruns its record");
    byte[] bytes = new byte[length];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Map<String, String> stringMap(ByteBuffer b) throws EOFException {
    int length = b.getInt();
    if (length < 0 || length > b.remaining()) throw new EOFException("map overruns its record");
    int end = b.position() + length;
    Map<String, String> map = new LinkedHashMap<>();
    while (b.position() < end) map.put(string(b), string(b));
    return map;
  }
}
