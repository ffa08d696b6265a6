package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * One emulated chip on an I2C bus, seen byte by byte the way the bus sees it: a write transaction
 * is {@link #startWrite()} then {@link #acceptByte} per byte (returning the chip's ACK), a read is
 * {@link #startRead()} then {@link #nextByte()} per byte, and {@link #stop()} ends either.
 *
 * <p>Chips are driven by the simulator: physical inputs are set after each plant step, and
 * {@link #refresh(long)} (called by the bus before every transaction) lets a chip take a new
 * sample when its own sample period has passed, drawing its noise then. Faults that the bus
 * decides (NACK, timeout, dropout, power) live here as flags; faults that change what the chip
 * reports are each chip's own.
 */
public abstract class I2cChip {

  private final String name;
  private final int address;
  /** Seeded per chip; noise and dropouts draw from it in a fixed order, so runs repeat. */
  protected final SplittableRandom random;

  boolean unplugged;
  boolean hung;
  double dropout;
  /** While true, sampled registers keep their values. */
  protected boolean stuck;
  /** The chip reports its own invalid-data indication (see {@code SimFaultKind.NAN}). */
  protected boolean invalid;

  protected I2cChip(String name, int address, SplittableRandom random) {
    this.name = name;
    this.address = address;
    this.random = random;
  }

  /** The device name from the config. */
  public final String name() {
    return name;
  }

  /** 7-bit address. */
  public final int address() {
    return address;
  }

  /** The chip type, e.g. {@code as5600}. */
  public abstract String type();

  /** Puts every register in its power-on value, as after a power cycle. */
  public abstract void powerOnReset();

  /** Takes a new sample if one is due at {@code nowNs} (bus time). */
  protected void refresh(long nowNs) {}

  /** A write transaction starts (after the address byte was acknowledged). */
  protected abstract void startWrite();

  /**
   * Byte {@code index} (0 first) of a write transaction.
   *
   * @return the chip's ACK: false NACKs the byte (an invalid register, a read-only one)
   */
  protected abstract boolean acceptByte(int index, byte value);

  /** A read transaction starts (after the address byte was acknowledged). */
  protected abstract void startRead();

  /** The next byte the chip sends. */
  protected abstract byte nextByte();

  /** STOP (or a repeated START) ends the transaction. */
  protected void stop() {}

  /** Unplugged: the chip acknowledges nothing (a NACK on its address). */
  public void unplug(boolean unplugged) {
    this.unplugged = unplugged;
  }

  /** Hung: the chip holds SCL low and every transaction times out. */
  public void hang(boolean hung) {
    this.hung = hung;
  }

  /** Probability that one transaction fails with a NACK. */
  public void dropout(double probability) {
    this.dropout = probability;
  }

  /** Freezes (or unfreezes) the sampled output registers. */
  public void stuck(boolean stuck) {
    this.stuck = stuck;
  }

  /** Makes the chip report its own invalid-data indication (or stop doing so). */
  public void invalid(boolean invalid) {
    this.invalid = invalid;
  }

  /** Whether the chip answers its address right now. */
  public boolean present() {
    return !unplugged;
  }

  /** Gaussian noise with standard deviation {@code std} (0 draws nothing, so runs without noise use no randomness). */
  protected final double gaussian(double std) {
    return std > 0 ? std * random.nextGaussian() : 0.0;
  }

  /** Rounds and clips to a signed 16-bit register value. */
  protected static int int16(double value) {
    if (Double.isNaN(value)) return 0;
    return (int) Math.max(-32768, Math.min(32767, Math.round(value)));
  }
}
