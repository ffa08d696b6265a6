package dev.foresight.runtime.mcap;

/** MCAP constants: magic and record opcodes. */
final class Mcap {

  /** Leading and trailing magic: 0x89 "MCAP" '0' '\r' '\n'. */
  static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};

  static final int HEADER = 0x01;
  static final int FOOTER = 0x02;
  static final int SCHEMA = 0x03;
  static final int CHANNEL = 0x04;
  static final int MESSAGE = 0x05;
  static final int CHUNK = 0x06;
  static final int MESSAGE_INDEX = 0x07;
  static final int CHUNK_INDEX = 0x08;
  static final int ATTACHMENT = 0x09;
  static final int ATTACHMENT_INDEX = 0x0A;
  static final int STATISTICS = 0x0B;
  static final int METADATA = 0x0C;
  static final int METADATA_INDEX = 0x0D;
  static final int SUMMARY_OFFSET = 0x0E;
  static final int DATA_END = 0x0F;

  /** Record framing: opcode (1) + content length (8). */
  static final int RECORD_PREFIX = 9;

  private Mcap() {}

  static String opcodeName(int op) {
    return switch (op) {
      case HEADER -> "header";
      case FOOTER -> "footer";
      case SCHEMA -> "schema";
      case CHANNEL -> "channel";
      case MESSAGE -> "message";
      case CHUNK -> "chunk";
      case MESSAGE_INDEX -> "message index";
      case CHUNK_INDEX -> "chunk index";
      case ATTACHMENT -> "attachment";
      case ATTACHMENT_INDEX -> "attachment index";
      case STATISTICS -> "statistics";
      case METADATA -> "metadata";
      case METADATA_INDEX -> "metadata index";
      case SUMMARY_OFFSET -> "summary offset";
      case DATA_END -> "data end";
      default -> String.format("0x%02x", op);
    };
  }
}
