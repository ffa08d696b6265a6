package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * InvenSense MPU-6050 6-axis IMU at 0x68/0x69, as its register map describes it:
 * <ul>
 *   <li>power-on values: every register 0x00 except PWR_MGMT_1 (0x6B) = 0x40 (asleep) and
 *       WHO_AM_I (0x75) = 0x68; DEVICE_RESET (0x6B bit 7) restores them;</li>
 *   <li>SMPLRT_DIV (0x19), CONFIG (0x1A, DLPF_CFG bits 2:0), GYRO_CONFIG (0x1B, FS_SEL bits 4:3),
 *       ACCEL_CONFIG (0x1C, AFS_SEL bits 4:3); the sample rate is 8 kHz (DLPF off) or 1 kHz
 *       divided by 1 + SMPLRT_DIV;</li>
 *   <li>big-endian two's-complement ACCEL_XOUT 0x3B .. GYRO_ZOUT 0x48 with TEMP_OUT at 0x41
 *       (T = raw / 340 + 36.53 degC), refreshed once per sample while awake, frozen asleep;
 *       INT_STATUS (0x3A) bit 0 DATA_RDY, cleared by reading it;</li>
 *   <li>the pointer auto-increments, so one 14-byte read from 0x3B gets every sample.</li>
 * </ul>
 * Noise follows the datasheet densities (accelerometer 400 ug/sqrt(Hz), gyroscope
 * 0.005 deg/s/sqrt(Hz)) over the DLPF bandwidth unless a channel's noise is set. Outputs saturate
 * at the 16-bit limits.
 */
public final class Mpu6050Chip extends ByteRegisterChip {

  /** WHO_AM_I of a genuine MPU-6050. */
  public static final int WHO_AM_I_VALUE = 0x68;
  /** Standard gravity, m/s^2. */
  public static final double G = 9.80665;

  private static final int SMPLRT_DIV = 0x19;
  private static final int CONFIG = 0x1A;
  private static final int GYRO_CONFIG = 0x1B;
  private static final int ACCEL_CONFIG = 0x1C;
  private static final int INT_STATUS = 0x3A;
  private static final int ACCEL_XOUT_H = 0x3B;
  private static final int TEMP_OUT_H = 0x41;
  private static final int GYRO_XOUT_H = 0x43;
  private static final int PWR_MGMT_1 = 0x6B;
  private static final int WHO_AM_I = 0x75;
  private static final int[] ACCEL_BANDWIDTH_HZ = {260, 184, 94, 44, 21, 10, 5, 260};
  private static final int[] GYRO_BANDWIDTH_HZ = {256, 188, 98, 42, 20, 10, 5, 256};
  private static final double ACCEL_DENSITY = 400e-6 * G;                 // m/s^2 per sqrt(Hz)
  private static final double GYRO_DENSITY = Math.toRadians(0.005);       // rad/s per sqrt(Hz)

  private final int whoAmI;
  /** Physical inputs: accel x, y, z (m/s^2), gyro x, y, z (rad/s), temperature (degC). */
  private final double[] input = {0, 0, G, 0, 0, 0, 25.0};
  private final double[] bias = new double[7];
  /** Per-channel noise override (SI), NaN for the datasheet value. */
  private final double[] noise = {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0.0};
  private long nextSampleNs = Long.MIN_VALUE;
  private long samples;

  /**
   * @param whoAmI what WHO_AM_I answers: {@link #WHO_AM_I_VALUE}, or another part's value to
   *               emulate a wrong chip (0x70 MPU-6500, 0x71 MPU-9250)
   */
  public Mpu6050Chip(String name, int address, int whoAmI, SplittableRandom random) {
    super(name, address, random);
    this.whoAmI = whoAmI;
    powerOnReset();
  }

  @Override
  public String type() {
    return "mpu6050";
  }

  @Override
  public void powerOnReset() {
    java.util.Arrays.fill(regs, (byte) 0);
    regs[PWR_MGMT_1] = 0x40;
    regs[WHO_AM_I] = (byte) whoAmI;
    pointer = 0;
    nextSampleNs = Long.MIN_VALUE;
  }

  /** Sets a physical input: channel 0..2 accel (m/s^2), 3..5 gyro (rad/s), 6 temperature (degC). */
  public void input(int channel, double value) {
    input[channel] = value;
  }

  /** A constant offset for a channel, in its SI unit. */
  public void bias(int channel, double value) {
    bias[channel] = value;
  }

  /** Noise standard deviation for a channel in its SI unit (replaces the datasheet density). */
  public void noise(int channel, double std) {
    noise[channel] = std;
  }

  /** Samples taken so far (how often the data registers changed). */
  public long samples() {
    return samples;
  }

  @Override
  protected boolean valid(int reg) {
    return reg >= 0x0D && reg <= WHO_AM_I;
  }

  @Override
  protected boolean writable(int reg) {
    return valid(reg) && !(reg >= INT_STATUS && reg <= 0x60) && reg != 0x72 && reg != 0x73 && reg != WHO_AM_I;
  }

  @Override
  protected void store(int reg, byte value) {
    if (reg == PWR_MGMT_1 && (value & 0x80) != 0) {
      powerOnReset();
      return;
    }
    regs[reg] = value;
    // A new configuration shows in the next sample, which arrives within a millisecond: sooner
    // than a host can look again, so the next transfer sees it (also while simulated time stands still).
    if (reg == PWR_MGMT_1 || (reg >= SMPLRT_DIV && reg <= ACCEL_CONFIG)) nextSampleNs = Long.MIN_VALUE;
  }

  @Override
  protected byte load(int reg) {
    byte value = regs[reg];
    if (reg == INT_STATUS) regs[INT_STATUS] = (byte) (value & ~0x01);
    return value;
  }

  @Override
  protected void refresh(long nowNs) {
    if ((regs[PWR_MGMT_1] & 0x40) != 0 || stuck) return;       // asleep: data registers hold
    if (nextSampleNs != Long.MIN_VALUE && nowNs < nextSampleNs) return;
    int dlpf = regs[CONFIG] & 0x07;
    long outputRateHz = dlpf == 0 || dlpf == 7 ? 8000 : 1000;
    nextSampleNs = nowNs + 1_000_000_000L * (1 + (regs[SMPLRT_DIV] & 0xFF)) / outputRateHz;
    samples++;
    double accelLsbPerMs2 = (16384 >> ((regs[ACCEL_CONFIG] >> 3) & 0x03)) / G;
    double gyroLsbPerRadS = 131.0 / (1 << ((regs[GYRO_CONFIG] >> 3) & 0x03)) * (180.0 / Math.PI);
    double accelStd = ACCEL_DENSITY * Math.sqrt(ACCEL_BANDWIDTH_HZ[dlpf]);
    double gyroStd = GYRO_DENSITY * Math.sqrt(GYRO_BANDWIDTH_HZ[dlpf]);
    for (int i = 0; i < 3; i++) {
      double a = input[i] + bias[i] + gaussian(Double.isNaN(noise[i]) ? accelStd : noise[i]);
      putInt16(ACCEL_XOUT_H + 2 * i, invalid ? 32767 : int16(a * accelLsbPerMs2));
      double w = input[3 + i] + bias[3 + i] + gaussian(Double.isNaN(noise[3 + i]) ? gyroStd : noise[3 + i]);
      putInt16(GYRO_XOUT_H + 2 * i, invalid ? 32767 : int16(w * gyroLsbPerRadS));
    }
    double t = input[6] + bias[6] + gaussian(noise[6]);
    putInt16(TEMP_OUT_H, int16((t - 36.53) * 340.0));
    regs[INT_STATUS] |= 0x01;
  }
}
