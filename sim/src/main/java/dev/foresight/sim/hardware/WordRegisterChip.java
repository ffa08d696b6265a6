package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * A chip with 16-bit registers behind a pointer register (INA219, ADS1115): a write is the pointer
 * byte, optionally followed by the register's MSB and LSB; a read returns the pointed register,
 * MSB first. The pointer does not move on its own.
 */
public abstract class WordRegisterChip extends I2cChip {

  /** The pointer register. */
  protected int pointer;
  private int msb;
  private int readWord;
  private int readIndex;

  protected WordRegisterChip(String name, int address, SplittableRandom random) {
    super(name, address, random);
  }

  /** Whether {@code reg} exists. */
  protected abstract boolean valid(int reg);

  /** Whether {@code reg} can be written. */
  protected abstract boolean writable(int reg);

  /** The register's value as a read sees it (unsigned 16 bits), without side effects. */
  protected abstract int readWord(int reg);

  /** Side effects of reading {@code reg} (e.g. a flag cleared by the read). */
  protected void onRead(int reg) {}

  /** Stores a written register value. */
  protected abstract void writeWord(int reg, int value);

  @Override
  protected void startWrite() {}

  @Override
  protected boolean acceptByte(int index, byte value) {
    switch (index) {
      case 0 -> {
        pointer = value & 0xFF;
        return valid(pointer);
      }
      case 1 -> {
        msb = value & 0xFF;
        return writable(pointer);
      }
      case 2 -> {
        writeWord(pointer, msb << 8 | (value & 0xFF));
        return true;
      }
      default -> {
        return false;
      }
    }
  }

  @Override
  protected void startRead() {
    readIndex = 0;
  }

  @Override
  protected byte nextByte() {
    if ((readIndex & 1) == 0) {
      readWord = valid(pointer) ? readWord(pointer) : 0;
      if (valid(pointer)) onRead(pointer);
    }
    return (byte) ((readIndex++ & 1) == 0 ? readWord >> 8 : readWord);
  }

  /** A register's value without side effects, for tests. */
  public int peekWord(int reg) {
    return readWord(reg);
  }
}
