package dev.foresight.drivers.mpu6050;

import dev.foresight.config.device.Mpu6050Config;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.i2c.I2cDriver;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Wiring;

/**
 * InvenSense MPU-6050 IMU: channels {@code accel_x|y|z} (m/s^2), {@code gyro_x|y|z} (rad/s),
 * {@code temperature} (degC).
 *
 * <p>Start: WHO_AM_I must read 0x68; then wake on the X-gyro PLL (PWR_MGMT_1 = 0x01), 1 kHz
 * sampling (SMPLRT_DIV = 0 with the DLPF on), the configured DLPF, gyro and accelerometer ranges,
 * read back to verify; with {@code calibrate_gyro}, the gyro bias is averaged over up to 64
 * samples (at most 200 ms; the robot must be still) and subtracted from then on.
 *
 * <p>A read is one 14-byte burst from ACCEL_XOUT_H (0x3B), plus one PWR_MGMT_1 read every
 * {@value #VERIFY_EVERY} reads to notice a chip that reset (it wakes up asleep, its data frozen).
 * A channel at the 16-bit limit is saturated and reads invalid; five identical bursts in a row
 * (impossible for a working sensor, whose noise moves every sample) read stale.
 */
public final class Mpu6050 extends I2cDriver implements Sensor {

  private static final List<String> CHANNELS = List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z", "temperature");

  /** Reads between checks that the chip is still configured. */
  public static final int VERIFY_EVERY = 50;
  private static final int STUCK_READS = 5;
  private static final int SMPLRT_DIV = 0x19;
  private static final int INT_STATUS = 0x3A;
  private static final int ACCEL_XOUT_H = 0x3B;
  private static final int GYRO_XOUT_H = 0x43;
  private static final int PWR_MGMT_1 = 0x6B;
  private static final int WHO_AM_I = 0x75;
  private static final int AWAKE_PLL_X = 0x01;
  private static final double G = 9.80665;

  private final Mpu6050Config mpu;
  private final LongSupplier clockNs;
  private final int dlpfCfg;
  private final double accelPerLsb;
  private final double gyroPerLsb;
  private final double[] gyroBias = new double[3];
  private final byte[] rx = new byte[14];
  private final byte[] previous = new byte[14];
  private final byte[] expected = new byte[4];
  private final byte[] check = new byte[4];
  private int whoAmI = -1;
  private int identical;
  private int readsSinceVerify;

  public Mpu6050(Mpu6050Config config, DriverContext context) {
    super(config, context);
    this.mpu = config;
    this.clockNs = context.clockNs();
    this.dlpfCfg = switch (config.dlpfHz()) {
      case 260 -> 0;
      case 184 -> 1;
      case 94 -> 2;
      case 44 -> 3;
      case 21 -> 4;
      case 10 -> 5;
      default -> 6;
    };
    int afsSel = Integer.numberOfTrailingZeros(config.accelRangeG() / 2);
    int fsSel = Integer.numberOfTrailingZeros(config.gyroRangeDps() / 250);
    this.accelPerLsb = G / (16384 >> afsSel);
    this.gyroPerLsb = Math.toRadians(1.0 / (131.0 / (1 << fsSel)));
    expected[0] = 0;                                  // SMPLRT_DIV: 1 kHz / (1 + 0)
    expected[1] = (byte) dlpfCfg;                     // CONFIG
    expected[2] = (byte) (fsSel << 3);                // GYRO_CONFIG
    expected[3] = (byte) (afsSel << 3);               // ACCEL_CONFIG
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  protected String identify(long nowNs) {
    if (!i2c.read(nowNs, WHO_AM_I, rx, 0, 1)) return "WHO_AM_I unreadable: " + i2c.lastErrorMessage();
    whoAmI = rx[0] & 0xFF;
    if (whoAmI == 0x68) return null;
    String part = switch (whoAmI) {
      case 0x70 -> " (an MPU-6500)";
      case 0x71 -> " (an MPU-9250)";
      case 0x73 -> " (an MPU-9255)";
      case 0x98 -> " (an ICM-20689)";
      case 0x12 -> " (an ICM-20602)";
      default -> "";
    };
    return String.format(Locale.ROOT, "WHO_AM_I reads 0x%02X%s, expected 0x68 for an MPU-6050", whoAmI, part);
  }

  @Override
  protected String identity() {
    return whoAmI < 0 ? "" : String.format(Locale.ROOT, "MPU-6050 (WHO_AM_I 0x%02X)", whoAmI);
  }

  @Override
  protected boolean configure(long nowNs) {
    boolean ok = i2c.writeByte(nowNs, PWR_MGMT_1, AWAKE_PLL_X)
        && i2c.writeBlock(nowNs, SMPLRT_DIV, expected, 0, 4)
        && i2c.read(nowNs, SMPLRT_DIV, check, 0, 4);
    if (!ok) return false;
    for (int i = 0; i < 4; i++) if (check[i] != expected[i]) return false;
    identical = 0;
    readsSinceVerify = 0;
    return true;
  }

  @Override
  protected SelfTest check(long nowNs) {
    if (mpu.calibrateGyro() && !calibrate(nowNs)) {
      return SelfTest.fault(identity(), "gyro calibration got no samples: " + i2c.lastErrorMessage());
    }
    double[] v = new double[7];
    byte[] s = new byte[7];
    read(nowNs, v, s, 0);
    for (byte b : s) if (b == Status.NO_RESPONSE) return SelfTest.fault(identity(), "no reading: " + i2c.lastErrorMessage());
    return SelfTest.ok(identity() + (mpu.calibrateGyro() ? ", gyro calibrated" : ""));
  }

  /** Averages the gyro over up to 64 new samples or 200 ms; the robot must be still. */
  private boolean calibrate(long nowNs) {
    long start = clockNs.getAsLong();
    double[] sum = new double[3];
    int samples = 0;
    for (int attempt = 0; attempt < 2000 && samples < 64 && clockNs.getAsLong() - start < 200_000_000L; attempt++) {
      if (!i2c.read(nowNs, INT_STATUS, rx, 0, 1)) return false;
      if ((rx[0] & 0x01) == 0) continue;
      if (!i2c.read(nowNs, GYRO_XOUT_H, rx, 0, 6)) return false;
      for (int i = 0; i < 3; i++) sum[i] += (short) ((rx[2 * i] & 0xFF) << 8 | (rx[2 * i + 1] & 0xFF)) * gyroPerLsb;
      samples++;
    }
    if (samples == 0) return false;
    for (int i = 0; i < 3; i++) gyroBias[i] = sum[i] / samples;
    return true;
  }

  /**
   * One 14-byte transfer (plus a one-byte PWR_MGMT_1 check every {@value #VERIFY_EVERY} reads or
   * when the data stops changing).
   */
  @Override
  public void read(long nowNs, double[] values, byte[] status, int offset) {
    if (!ready(nowNs) || !i2c.read(nowNs, ACCEL_XOUT_H, rx, 0, 14)) {
      fill(values, status, offset, Status.NO_RESPONSE);
      return;
    }
    boolean same = true;
    for (int i = 0; i < 14; i++) {
      if (rx[i] != previous[i]) same = false;
      previous[i] = rx[i];
    }
    identical = same ? identical + 1 : 0;
    if (++readsSinceVerify >= VERIFY_EVERY || identical == STUCK_READS - 1) {
      readsSinceVerify = 0;
      if (!i2c.read(nowNs, PWR_MGMT_1, check, 0, 1) || check[0] != AWAKE_PLL_X) configured = false;
    }
    byte quality = !configured || identical >= STUCK_READS - 1 ? Status.STALE : Status.OK;
    for (int i = 0; i < 3; i++) {
      channel(values, status, offset + i, word(2 * i), accelPerLsb, 0.0, quality);
      channel(values, status, offset + 3 + i, word(8 + 2 * i), gyroPerLsb, gyroBias[i], quality);
    }
    values[offset + 6] = word(6) / 340.0 + 36.53;
    status[offset + 6] = quality;
  }

  private static void channel(double[] values, byte[] status, int at, int raw, double scale, double bias, byte quality) {
    if (raw == Short.MAX_VALUE || raw == Short.MIN_VALUE) {
      values[at] = Double.NaN;                // saturated: the true value is beyond the range
      status[at] = Status.INVALID;
    } else {
      values[at] = raw * scale - bias;
      status[at] = quality;
    }
  }

  private int word(int index) {
    return (short) ((rx[index] & 0xFF) << 8 | (rx[index + 1] & 0xFF));
  }

  private static void fill(double[] values, byte[] status, int offset, byte code) {
    for (int i = 0; i < 7; i++) {
      values[offset + i] = Double.NaN;
      status[offset + i] = code;
    }
  }

  /** The gyro bias measured at start, rad/s (zeros without calibration). */
  public double[] gyroBias() {
    return gyroBias.clone();
  }

  @Override
  public String unit(String channel) {
    return channel.startsWith("accel") ? "m/s^2" : channel.startsWith("gyro") ? "rad/s" : "degC";
  }

  /** Builds {@code Mpu6050} drivers for {@code Mpu6050Config} devices. */
  public static final class Factory implements DriverFactory<Mpu6050Config> {

    @Override
    public Class<Mpu6050Config> config() {
      return Mpu6050Config.class;
    }

    @Override
    public Device create(Mpu6050Config device, DriverContext context, Wiring wiring) {
      return new Mpu6050(device, context);
    }
  }
}
