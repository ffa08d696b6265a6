package dev.foresight.runtime.mcap;

import com.github.luben.zstd.Zstd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Writes an MCAP file: messages are gathered into chunks (CRC-checked, zstd-compressed or not, each
 * followed by its message index records) and written whenever a chunk reaches {@link Options#chunkSizeBytes()}, so a crash
 * loses at most the chunk being gathered. {@link #close()} writes the last chunk, the data end
 * record, the summary section and the footer. Not thread-safe: one recording thread owns a writer.
 */
public final class McapWriter implements AutoCloseable {

  /**
   * @param chunkSizeBytes gather this many bytes of records before writing a chunk
   * @param syncEachChunk  {@code fsync} after every chunk (survives power loss, costs a disk flush)
   * @param compression    how chunks are stored
   */
  public record Options(int chunkSizeBytes, boolean syncEachChunk, Compression compression) {
    /** 256 KiB chunks, no fsync per chunk, zstd. */
    public static final Options DEFAULT = new Options(256 * 1024, false, Compression.ZSTD);

    /** Uncompressed chunks. */
    public Options(int chunkSizeBytes, boolean syncEachChunk) {
      this(chunkSizeBytes, syncEachChunk, Compression.NONE);
    }
  }

  /** Chunk compression, by its MCAP name. */
  public enum Compression {
    /** Records stored as they are. */
    NONE(""),
    /** Zstandard, level 3 (JSON chunks shrink about 4x). */
    ZSTD("zstd");

    private final String id;

    Compression(String id) {
      this.id = id;
    }

    /** The name in the chunk record ({@code ""} or {@code zstd}). */
    public String id() {
      return id;
    }
  }

  private record SchemaRecord(int id, String name, String encoding, byte[] data) {}

  private record ChannelRecord(int id, int schemaId, String topic, String encoding, Map<String, String> metadata) {}

  private record ChunkIndex(long start, long end, long offset, long length, Map<Integer, Long> indexOffsets,
      long indexLength, long compressedSize, long uncompressedSize) {}

  private record MetadataIndex(long offset, long length, String name) {}

  private static final int ZSTD_LEVEL = 3;

  private final FileChannel out;
  private final Options options;
  private final CRC32 crc = new CRC32();
  private final LeBuffer record = new LeBuffer(4096);
  private final LeBuffer chunk = new LeBuffer(64 * 1024);
  private byte[] compressed = new byte[0];   // zstd output, grown to the largest chunk's bound and reused
  private final List<SchemaRecord> schemas = new ArrayList<>();
  private final List<ChannelRecord> channels = new ArrayList<>();
  private final List<ChunkIndex> chunkIndexes = new ArrayList<>();
  private final List<MetadataIndex> metadataIndexes = new ArrayList<>();
  private final Map<Integer, long[]> chunkMessageIndex = new TreeMap<>();
  private final Map<Integer, Integer> chunkMessageIndexSize = new TreeMap<>();
  private final Map<Integer, Long> channelMessageCounts = new TreeMap<>();
  private final Map<Integer, Integer> sequences = new LinkedHashMap<>();
  private long position;
  private long chunkStart = Long.MAX_VALUE;
  private long chunkEnd = Long.MIN_VALUE;
  private int chunkMessages;
  private long messageCount;
  private long messageStart = Long.MAX_VALUE;
  private long messageEnd = Long.MIN_VALUE;
  private boolean closed;

  private McapWriter(FileChannel out, Options options) {
    this.out = out;
    this.options = options;
  }

  /**
   * Creates (or truncates) {@code file} and writes the magic and header.
   *
   * @param library free text naming the writer, e.g. {@code foresight 0.1.0}
   */
  public static McapWriter create(Path file, String library, Options options) throws IOException {
    FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    McapWriter w = new McapWriter(out, options);
    w.writeRaw(ByteBuffer.wrap(Mcap.MAGIC), true);
    w.record.clear();
    int at = w.record.beginRecord(Mcap.HEADER);
    w.record.string("").string(library);
    w.record.endRecord(at);
    w.writeRecordBuffer(true);
    return w;
  }

  /** Registers a schema (e.g. a JSON Schema) and returns its id (1, 2, ...). */
  public int schema(String name, String encoding, byte[] data) throws IOException {
    SchemaRecord s = new SchemaRecord(schemas.size() + 1, name, encoding, data.clone());
    schemas.add(s);
    writeSchema(chunk, s);
    return s.id();
  }

  /** Registers a channel (topic) using a schema id (0 for none) and returns the channel id (1, 2, ...). */
  public int channel(String topic, int schemaId, String messageEncoding, Map<String, String> metadata)
      throws IOException {
    ChannelRecord c = new ChannelRecord(channels.size() + 1, schemaId, topic, messageEncoding,
        new TreeMap<>(metadata));
    channels.add(c);
    sequences.put(c.id(), 0);
    writeChannel(chunk, c);
    return c.id();
  }

  /** Appends a message to the current chunk, writing the chunk out when it is full. */
  public void message(int channelId, long logTimeNs, long publishTimeNs, byte[] data, int offset, int length)
      throws IOException {
    int sequence = sequences.merge(channelId, 1, Integer::sum);
    int recordOffset = chunk.position();
    int at = chunk.beginRecord(Mcap.MESSAGE);
    chunk.u16(channelId).u32(sequence).u64(logTimeNs).u64(publishTimeNs).bytes(data, offset, length);
    chunk.endRecord(at);
    addIndexEntry(channelId, logTimeNs, recordOffset);
    chunkStart = Math.min(chunkStart, logTimeNs);
    chunkEnd = Math.max(chunkEnd, logTimeNs);
    chunkMessages++;
    messageCount++;
    messageStart = Math.min(messageStart, logTimeNs);
    messageEnd = Math.max(messageEnd, logTimeNs);
    channelMessageCounts.merge(channelId, 1L, Long::sum);
    if (chunk.position() >= options.chunkSizeBytes()) flushChunk();
  }

  /** Appends a whole byte array as a message. */
  public void message(int channelId, long logTimeNs, byte[] data) throws IOException {
    message(channelId, logTimeNs, logTimeNs, data, 0, data.length);
  }

  /** Writes a metadata record (outside chunks) after writing out the current chunk. */
  public void metadata(String name, Map<String, String> values) throws IOException {
    flushChunk();
    record.clear();
    int at = record.beginRecord(Mcap.METADATA);
    record.string(name).stringMap(new TreeMap<>(values));
    record.endRecord(at);
    long offset = position;
    writeRecordBuffer(true);
    metadataIndexes.add(new MetadataIndex(offset, position - offset, name));
  }

  /** Writes out the chunk being gathered, if any (e.g. before a pause, so it survives a crash). */
  public void flushChunk() throws IOException {
    if (chunk.position() == 0) return;
    long chunkOffset = position;
    int uncompressed = chunk.position();
    CRC32 chunkCrc = new CRC32();
    chunkCrc.update(chunk.array(), 0, uncompressed);
    long start = chunkMessages > 0 ? chunkStart : 0;
    long end = chunkMessages > 0 ? chunkEnd : 0;

    byte[] stored = chunk.array();
    int storedLength = uncompressed;
    if (options.compression() == Compression.ZSTD) {
      int bound = (int) Zstd.compressBound(uncompressed);
      if (compressed.length < bound) compressed = new byte[bound];
      long n;
      try {
        n = Zstd.compressByteArray(compressed, 0, bound, chunk.array(), 0, uncompressed, ZSTD_LEVEL);
      } catch (RuntimeException e) {   // zstd-jni's ZstdException
        throw new IOException("zstd could not compress a chunk: " + e.getMessage(), e);
      }
      stored = compressed;
      storedLength = (int) n;
    }
    record.clear();
    int at = record.beginRecord(Mcap.CHUNK);
    record.u64(start).u64(end).u64(uncompressed).u32(chunkCrc.getValue()).string(options.compression().id())
        .u64(storedLength);
    record.bytes(stored, 0, storedLength);
    record.endRecord(at);
    writeRecordBuffer(true);
    long chunkLength = position - chunkOffset;

    Map<Integer, Long> indexOffsets = new TreeMap<>();
    long indexStart = position;
    for (Map.Entry<Integer, long[]> e : chunkMessageIndex.entrySet()) {
      int n = chunkMessageIndexSize.get(e.getKey());
      long[] entries = e.getValue();
      record.clear();
      int ia = record.beginRecord(Mcap.MESSAGE_INDEX);
      record.u16(e.getKey()).u32(n * 16L);
      for (int i = 0; i < n; i++) record.u64(entries[2 * i]).u64(entries[2 * i + 1]);
      record.endRecord(ia);
      indexOffsets.put(e.getKey(), position);
      writeRecordBuffer(true);
    }
    chunkIndexes.add(new ChunkIndex(start, end, chunkOffset, chunkLength, indexOffsets, position - indexStart,
        storedLength, uncompressed));
    if (options.syncEachChunk()) out.force(false);

    chunk.clear();
    chunkMessageIndex.clear();
    chunkMessageIndexSize.clear();
    chunkStart = Long.MAX_VALUE;
    chunkEnd = Long.MIN_VALUE;
    chunkMessages = 0;
  }

  /** Writes the last chunk, the summary and the footer, and closes the file. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    try {
      flushChunk();
      record.clear();
      int at = record.beginRecord(Mcap.DATA_END);
      record.u32(crc.getValue());
      record.endRecord(at);
      writeRecordBuffer(false);

      crc.reset();   // from here on: the summary CRC
      long summaryStart = position;
      List<long[]> groups = new ArrayList<>();   // {opcode, start, length}
      if (!schemas.isEmpty()) {
        long start = position;
        for (SchemaRecord s : schemas) {
          record.clear();
          writeSchema(record, s);
          writeRecordBuffer(true);
        }
        groups.add(new long[] {Mcap.SCHEMA, start, position - start});
      }
      if (!channels.isEmpty()) {
        long start = position;
        for (ChannelRecord c : channels) {
          record.clear();
          writeChannel(record, c);
          writeRecordBuffer(true);
        }
        groups.add(new long[] {Mcap.CHANNEL, start, position - start});
      }
      long statsStart = position;
      record.clear();
      int sa = record.beginRecord(Mcap.STATISTICS);
      record.u64(messageCount).u16(schemas.size()).u32(channels.size()).u32(0).u32(metadataIndexes.size())
          .u32(chunkIndexes.size()).u64(messageCount > 0 ? messageStart : 0).u64(messageCount > 0 ? messageEnd : 0);
      int mapAt = record.position();
      record.u32(0);
      for (Map.Entry<Integer, Long> e : channelMessageCounts.entrySet()) record.u16(e.getKey()).u64(e.getValue());
      record.putU32At(mapAt, record.position() - mapAt - 4);
      record.endRecord(sa);
      writeRecordBuffer(true);
      groups.add(new long[] {Mcap.STATISTICS, statsStart, position - statsStart});
      if (!metadataIndexes.isEmpty()) {
        long start = position;
        for (MetadataIndex m : metadataIndexes) {
          record.clear();
          int ma = record.beginRecord(Mcap.METADATA_INDEX);
          record.u64(m.offset()).u64(m.length()).string(m.name());
          record.endRecord(ma);
          writeRecordBuffer(true);
        }
        groups.add(new long[] {Mcap.METADATA_INDEX, start, position - start});
      }
      if (!chunkIndexes.isEmpty()) {
        long start = position;
        for (ChunkIndex c : chunkIndexes) {
          record.clear();
          int ca = record.beginRecord(Mcap.CHUNK_INDEX);
          record.u64(c.start()).u64(c.end()).u64(c.offset()).u64(c.length());
          int offsetsAt = record.position();
          record.u32(0);
          for (Map.Entry<Integer, Long> e : c.indexOffsets().entrySet()) record.u16(e.getKey()).u64(e.getValue());
          record.putU32At(offsetsAt, record.position() - offsetsAt - 4);
          record.u64(c.indexLength()).string(options.compression().id()).u64(c.compressedSize())
              .u64(c.uncompressedSize());
          record.endRecord(ca);
          writeRecordBuffer(true);
        }
        groups.add(new long[] {Mcap.CHUNK_INDEX, start, position - start});
      }
      long summaryOffsetStart = position;
      for (long[] g : groups) {
        record.clear();
        int ga = record.beginRecord(Mcap.SUMMARY_OFFSET);
        record.u8((int) g[0]).u64(g[1]).u64(g[2]);
        record.endRecord(ga);
        writeRecordBuffer(true);
      }
      // Footer: the summary CRC covers everything since summaryStart up to the footer's CRC field.
      record.clear();
      record.u8(Mcap.FOOTER).u64(20).u64(summaryStart).u64(summaryOffsetStart);
      crc.update(record.array(), 0, record.position());
      record.u32(crc.getValue());
      writeRecordBuffer(false);
      writeRaw(ByteBuffer.wrap(Mcap.MAGIC), false);
      out.force(true);
    } finally {
      out.close();
    }
  }

  /** Messages written so far. */
  public long messageCount() {
    return messageCount;
  }

  private void addIndexEntry(int channelId, long logTimeNs, long offset) {
    long[] entries = chunkMessageIndex.computeIfAbsent(channelId, k -> new long[64]);
    int n = chunkMessageIndexSize.getOrDefault(channelId, 0);
    if (2 * n + 2 > entries.length) {
      entries = Arrays.copyOf(entries, entries.length * 2);
      chunkMessageIndex.put(channelId, entries);
    }
    entries[2 * n] = logTimeNs;
    entries[2 * n + 1] = offset;
    chunkMessageIndexSize.put(channelId, n + 1);
  }

  private static void writeSchema(LeBuffer b, SchemaRecord s) {
    int at = b.beginRecord(Mcap.SCHEMA);
    b.u16(s.id()).string(s.name()).string(s.encoding()).u32(s.data().length).bytes(s.data());
    b.endRecord(at);
  }

  private static void writeChannel(LeBuffer b, ChannelRecord c) {
    int at = b.beginRecord(Mcap.CHANNEL);
    b.u16(c.id()).u16(c.schemaId()).string(c.topic()).string(c.encoding()).stringMap(c.metadata());
    b.endRecord(at);
  }

  private void writeRecordBuffer(boolean checksum) throws IOException {
    if (checksum) crc.update(record.array(), 0, record.position());
    ByteBuffer view = ByteBuffer.wrap(record.array(), 0, record.position());
    while (view.hasRemaining()) position += out.write(view);
  }

  private void writeRaw(ByteBuffer bytes, boolean checksum) throws IOException {
    if (checksum) crc.update(bytes.duplicate());
    while (bytes.hasRemaining()) position += out.write(bytes);
  }
}
