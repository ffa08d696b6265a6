package dev.foresight.runtime.record;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small JSON writer into a reused byte array, for the recorder's messages: objects, arrays,
 * numbers (non-finite ones as {@code null}, which JSON requires), booleans and escaped strings.
 * Commas are placed automatically. Not thread-safe: the recorder thread owns one.
 *
 * <pre>{@code
 * JsonOut j = new JsonOut();
 * j.clear().beginObject().field("tick").number(12).field("theta").number(0.5).endObject();
 * writer.message(channel, timeNs, timeNs, j.array(), 0, j.length());
 * }</pre>
 */
final class JsonOut {

  private byte[] bytes = new byte[1024];
  private int length;
  /** Whether the next value at the current depth needs a comma first. */
  private boolean comma;

  /** Starts a new document. */
  JsonOut clear() {
    length = 0;
    comma = false;
    return this;
  }

  JsonOut beginObject() {
    separate();
    put('{');
    comma = false;
    return this;
  }

  JsonOut endObject() {
    put('}');
    comma = true;
    return this;
  }

  JsonOut beginArray() {
    separate();
    put('[');
    comma = false;
    return this;
  }

  JsonOut endArray() {
    put(']');
    comma = true;
    return this;
  }

  /** A field name; the value follows. */
  JsonOut field(String name) {
    separate();
    string(name);
    put(':');
    comma = false;
    return this;
  }

  /** A number; NaN and infinities become {@code null}. */
  JsonOut number(double v) {
    separate();
    if (!Double.isFinite(v)) {
      ascii("null");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      ascii(Long.toString((long) v));
    } else {
      ascii(Double.toString(v));
    }
    comma = true;
    return this;
  }

  JsonOut number(long v) {
    separate();
    ascii(Long.toString(v));
    comma = true;
    return this;
  }

  JsonOut bool(boolean v) {
    separate();
    ascii(v ? "true" : "false");
    comma = true;
    return this;
  }

  /** A string value, escaped. */
  JsonOut text(String s) {
    separate();
    string(s);
    comma = true;
    return this;
  }

  byte[] array() {
    return bytes;
  }

  int length() {
    return length;
  }

  /** The document as a string (tests, small messages). */
  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void separate() {
    if (comma) put(',');
  }

  private void string(String s) {
    put('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> ascii("\\\"");
        case '\\' -> ascii("\\\\");
        case '\n' -> ascii("\\n");
        case '\r' -> ascii("\\r");
        case '\t' -> ascii("\\t");
        default -> {
          if (c < 0x20) {
            ascii(String.format("\\u%04x", (int) c));
          } else if (c < 0x80) {
            put(c);
          } else {
            byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
              utf8 = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
              i++;
            }
            for (byte b : utf8) putByte(b);
          }
        }
      }
    }
    put('"');
  }

  private void ascii(String s) {
    for (int i = 0; i < s.length(); i++) put(s.charAt(i));
  }

  private void put(char c) {
    putByte((byte) c);
  }

  private void putByte(byte b) {
    if (length == bytes.length) bytes = Arrays.copyOf(bytes, bytes.length * 2);
    bytes[length++] = b;
  }
}
