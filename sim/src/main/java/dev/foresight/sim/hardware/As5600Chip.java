package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * AMS AS5600 12-bit magnetic angle encoder at 0x36, as its datasheet describes it over I2C:
 * <ul>
 *   <li>registers ZMCO 0x00, ZPOS 0x01-02, MPOS 0x03-04, MANG 0x05-06, CONF 0x07-08, STATUS 0x0B
 *       (MD bit 5 magnet detected, ML bit 4 too weak, MH bit 3 too strong), RAW ANGLE 0x0C-0D,
 *       ANGLE 0x0E-0F, AGC 0x1A, MAGNITUDE 0x1B-1C, BURN 0xFF (write only); others are invalid:
 *       a pointer write to them is not acknowledged and they read as zero;</li>
 *   <li>the pointer increments after every byte, except that a read starting at the high byte of
 *       RAW ANGLE, ANGLE or MAGNITUDE alternates between its two bytes and leaves the pointer
 *       there, so the value can be re-read without a pointer write;</li>
 *   <li>ANGLE is RAW ANGLE relative to ZPOS, scaled to the MPOS/MANG range when one is set;</li>
 *   <li>a missing magnet clears MD and leaves the angle registers holding noise.</li>
 * </ul>
 * The magnet sits on the shaft: {@link #angle(double)} sets the field angle (rad, counting
 * clockwise seen from the magnet side, as RAW ANGLE does with DIR tied to GND). Output noise
 * defaults to the datasheet's 0.015 deg rms. Hysteresis and the slow/fast filters are not
 * emulated (the filters' settling is far below a control period).
 */
public final class As5600Chip extends ByteRegisterChip {

  /** The fixed address. */
  public static final int ADDRESS = 0x36;
  /** Datasheet output noise, rad rms. */
  public static final double DATASHEET_NOISE_RAD = Math.toRadians(0.015);

  private static final int STATUS = 0x0B;
  private static final int RAW_ANGLE = 0x0C;
  private static final int ANGLE = 0x0E;
  private static final int AGC = 0x1A;
  private static final int MAGNITUDE = 0x1B;
  private static final int BURN = 0xFF;
  private static final double TWO_PI = 2 * Math.PI;
  /** The ADC runs continuously; a new angle every 150 us (datasheet t_sample in NOM mode). */
  private static final long SAMPLE_NS = 150_000;

  /** Magnet conditions the chip can report. */
  public enum Magnet { OK, MISSING, WEAK, STRONG }

  private double angleRad;
  private double noiseRad = DATASHEET_NOISE_RAD;
  private double biasRad;
  private Magnet magnet = Magnet.OK;
  private long nextSampleNs = Long.MIN_VALUE;
  private int burns;
  private int specialStart = -1;

  public As5600Chip(String name, SplittableRandom random) {
    super(name, ADDRESS, random);
    powerOnReset();
  }

  @Override
  public String type() {
    return "as5600";
  }

  @Override
  public void powerOnReset() {
    java.util.Arrays.fill(regs, (byte) 0);
    pointer = 0;
    nextSampleNs = Long.MIN_VALUE;
  }

  /** The field angle at the sensor, rad, clockwise from the magnet side. */
  public void angle(double radians) {
    angleRad = radians;
  }

  /** Output noise, rad rms (replaces the datasheet value). */
  public void noise(double radRms) {
    noiseRad = radRms;
  }

  /** A constant offset, rad. */
  public void bias(double rad) {
    biasRad = rad;
  }

  /** The magnet's condition. */
  public void magnet(Magnet condition) {
    magnet = condition;
  }

  /** BURN commands received (a driver must never send one: OTP can be written only three times). */
  public int burns() {
    return burns;
  }

  @Override
  protected boolean valid(int reg) {
    return reg <= 0x08 || (reg >= STATUS && reg <= 0x0F) || (reg >= AGC && reg <= 0x1C) || reg == BURN;
  }

  @Override
  protected boolean writable(int reg) {
    return (reg >= 0x01 && reg <= 0x08) || reg == BURN;
  }

  @Override
  protected void store(int reg, byte value) {
    if (reg == BURN) {
      burns++;
      return;
    }
    regs[reg] = reg == 0x01 || reg == 0x03 || reg == 0x05 ? (byte) (value & 0x0F) : value;
    if (reg == 0x07) regs[reg] = (byte) (value & 0x3F);
  }

  @Override
  protected byte load(int reg) {
    return reg == BURN ? 0 : regs[reg];
  }

  @Override
  protected int nextRead(int reg, int start) {
    boolean special = start == RAW_ANGLE || start == ANGLE || start == MAGNITUDE;
    if (special && (reg == start || reg == start + 1)) return reg == start ? start + 1 : start;
    return next(reg);
  }

  @Override
  protected void startRead() {
    super.startRead();
    specialStart = pointer == RAW_ANGLE || pointer == ANGLE || pointer == MAGNITUDE ? pointer : -1;
  }

  @Override
  protected void stop() {
    // After a read that started at a special register's high byte, the pointer rests there again.
    if (specialStart >= 0) pointer = specialStart;
    specialStart = -1;
  }

  @Override
  protected void refresh(long nowNs) {
    if (nextSampleNs != Long.MIN_VALUE && nowNs < nextSampleNs) return;
    nextSampleNs = nowNs + SAMPLE_NS;
    if (stuck) return;
    boolean detected = magnet != Magnet.MISSING && !invalid;
    int status = (detected ? 0x20 : 0) | (magnet == Magnet.WEAK ? 0x10 : 0) | (magnet == Magnet.STRONG ? 0x08 : 0);
    regs[STATUS] = (byte) status;
    // AGC: mid-range with a good magnet (3.3 V mode, 0..128); pinned at an end otherwise.
    regs[AGC] = (byte) (switch (magnet) {
      case OK -> 64;
      case STRONG -> 0;
      default -> 128;
    });
    int raw;
    if (detected) {
      double measured = angleRad + biasRad + gaussian(noiseRad);
      raw = (int) Math.floor(wrapTwoPi(measured) / TWO_PI * 4096) & 0x0FFF;
      putInt16(MAGNITUDE, magnet == Magnet.OK ? 0x0700 : magnet == Magnet.WEAK ? 0x0090 : 0x0FF0);
    } else {
      raw = random.nextInt(4096);
      putInt16(MAGNITUDE, 0);
    }
    putInt16(RAW_ANGLE, raw);
    putInt16(ANGLE, scaled(raw));
  }

  private int scaled(int raw) {
    int zpos = (register(0x01) & 0x0F) << 8 | register(0x02);
    int mpos = (register(0x03) & 0x0F) << 8 | register(0x04);
    int mang = (register(0x05) & 0x0F) << 8 | register(0x06);
    int range = mpos != 0 ? ((mpos - zpos) & 0x0FFF) : mang;
    int relative = (raw - zpos) & 0x0FFF;
    if (range == 0) return relative;
    return Math.min(4095, relative * 4096 / range);
  }

  private static double wrapTwoPi(double angle) {
    double a = angle % TWO_PI;
    return a < 0 ? a + TWO_PI : a;
  }
}
