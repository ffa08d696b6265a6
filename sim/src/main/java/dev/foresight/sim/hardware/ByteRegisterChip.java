package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * A chip with 8-bit registers behind an address pointer (AS5600, MPU-6050, PCA9685): the first
 * byte of a write sets the pointer, following bytes go to consecutive registers, and reads start
 * at the pointer. Subclasses say which registers exist, which are writable, and how the pointer
 * moves.
 */
public abstract class ByteRegisterChip extends I2cChip {

  /** Register file; subclasses compute sampled registers into it. */
  protected final byte[] regs = new byte[256];
  /** The address pointer. */
  protected int pointer;
  private int readStart;

  protected ByteRegisterChip(String name, int address, SplittableRandom random) {
    super(name, address, random);
  }

  /** Whether {@code reg} exists (a pointer write to anything else is NACKed). */
  protected abstract boolean valid(int reg);

  /** Whether a write to {@code reg} is acknowledged and stored. */
  protected boolean writable(int reg) {
    return valid(reg);
  }

  /** The pointer after an access to {@code reg}. */
  protected int next(int reg) {
    return (reg + 1) & 0xFF;
  }

  /** The pointer after reading {@code reg} in a read that started at {@code start}. */
  protected int nextRead(int reg, int start) {
    return next(reg);
  }

  /** Stores a written byte; chips with side effects (reset bits, commands) override. */
  protected void store(int reg, byte value) {
    regs[reg] = value;
  }

  /** The byte read from {@code reg}; chips with read side effects override. */
  protected byte load(int reg) {
    return regs[reg];
  }

  /** Unsigned register value. */
  public final int register(int reg) {
    return regs[reg & 0xFF] & 0xFF;
  }

  /** Sets a register directly, as a test fixture would (no side effects). */
  public final void poke(int reg, int value) {
    regs[reg & 0xFF] = (byte) value;
  }

  @Override
  protected void startWrite() {}

  @Override
  protected boolean acceptByte(int index, byte value) {
    if (index == 0) {
      pointer = value & 0xFF;
      return valid(pointer);
    }
    int reg = pointer;
    boolean ack = writable(reg);
    if (ack) store(reg, value);
    pointer = next(reg);
    return ack;
  }

  @Override
  protected void startRead() {
    readStart = pointer;
  }

  @Override
  protected byte nextByte() {
    int reg = pointer;
    byte value = valid(reg) ? load(reg) : 0;
    pointer = nextRead(reg, readStart);
    return value;
  }

  /** Writes a 16-bit big-endian value at {@code reg}, {@code reg + 1}. */
  protected final void putInt16(int reg, int value) {
    regs[reg] = (byte) (value >> 8);
    regs[reg + 1] = (byte) value;
  }
}
