package dev.foresight.runtime.mcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A growable little-endian byte buffer for building MCAP records. Reused; not thread-safe. */
final class LeBuffer {

  private ByteBuffer buffer;

  LeBuffer(int initialCapacity) {
    buffer = ByteBuffer.allocate(initialCapacity).order(ByteOrder.LITTLE_ENDIAN);
  }

  private void ensure(int more) {
    if (buffer.remaining() >= more) return;
    int capacity = Math.max(buffer.capacity() * 2, buffer.position() + more);
    ByteBuffer bigger = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    buffer.flip();
    bigger.put(buffer);
    buffer = bigger;
  }

  LeBuffer u8(int v) {
    ensure(1);
    buffer.put((byte) v);
    return this;
  }

  LeBuffer u16(int v) {
    ensure(2);
    buffer.putShort((short) v);
    return this;
  }

  LeBuffer u32(long v) {
    ensure(4);
    buffer.putInt((int) v);
    return this;
  }

  LeBuffer u64(long v) {
    ensure(8);
    buffer.putLong(v);
    return this;
  }

  LeBuffer bytes(byte[] b, int offset, int length) {
    ensure(length);
    buffer.put(b, offset, length);
    return this;
  }

  LeBuffer bytes(byte[] b) {
    return bytes(b, 0, b.length);
  }

  /** uint32 length-prefixed UTF-8. */
  LeBuffer string(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return u32(utf8.length).bytes(utf8);
  }

  /** Map&lt;string, string&gt;: uint32 byte length, then key/value strings. */
  LeBuffer stringMap(Map<String, String> map) {
    int lengthAt = position();
    u32(0);
    for (Map.Entry<String, String> e : map.entrySet()) string(e.getKey()).string(e.getValue());
    putU32At(lengthAt, position() - lengthAt - 4);
    return this;
  }

  /** Starts a record; returns the position of its length field, for {@link #endRecord}. */
  int beginRecord(int opcode) {
    u8(opcode);
    int at = position();
    u64(0);
    return at;
  }

  void endRecord(int lengthAt) {
    buffer.putLong(lengthAt, position() - lengthAt - 8);
  }

  void putU32At(int at, long v) {
    buffer.putInt(at, (int) v);
  }

  int position() {
    return buffer.position();
  }

  void clear() {
    buffer.clear();
  }

  byte[] array() {
    return buffer.array();
  }

  /** A read view of the bytes written so far (shares the array). */
  ByteBuffer written() {
    return ByteBuffer.wrap(buffer.array(), 0, buffer.position()).order(ByteOrder.LITTLE_ENDIAN);
  }
}
