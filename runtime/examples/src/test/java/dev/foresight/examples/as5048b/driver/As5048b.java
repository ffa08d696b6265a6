package dev.foresight.examples.as5048b.driver;

import dev.foresight.config.Angles;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.Wiring;
import dev.foresight.drivers.i2c.I2cDriver;
import dev.foresight.examples.as5048b.As5048bConfig;
import java.util.List;
import java.util.Locale;

/**
 * AMS AS5048B: channel {@code angle}, rad in [-pi, pi). One read is one 5-byte transfer from
 * DIAG (0xFB) through ANGLE (0xFE-0xFF, 14 bits); the reading is invalid unless DIAG says the
 * offset compensation finished (OCF) and the CORDIC did not overflow (COF).
 */
public final class As5048b extends I2cDriver implements Sensor {

  private static final int DIAG = 0xFB;
  private static final int OCF = 0x01;
  private static final int COF = 0x02;
  private static final double RAD_PER_COUNT = 2 * Math.PI / 16384;

  private final As5048bConfig as5048b;
  private final byte[] rx = new byte[5];
  private int magnitude = -1;

  public As5048b(As5048bConfig config, DriverContext context) {
    super(config, context);
    this.as5048b = config;
  }

  @Override
  public List<String> channels() {
    return List.of("angle");
  }

  @Override
  public String unit(String channel) {
    return "rad";
  }

  @Override
  protected String identify(long nowNs) {
    if (!i2c.read(nowNs, DIAG, rx, 0, 5)) return "DIAG unreadable: " + i2c.lastErrorMessage();
    // DIAG bits 7..4 and ANGLE's low byte bits 7..6 read zero on an AS5048B.
    if ((rx[0] & 0xF0) != 0 || (rx[4] & 0xC0) != 0) {
      return String.format(Locale.ROOT, "not an AS5048B: reserved bits set (DIAG 0x%02X, ANGLE low 0x%02X)",
          rx[0] & 0xFF, rx[4] & 0xFF);
    }
    magnitude = (rx[1] & 0xFF) << 6 | (rx[2] & 0x3F);
    return null;
  }

  @Override
  protected String identity() {
    return magnitude < 0 ? "" : "AS5048B, magnitude " + magnitude;
  }

  @Override
  protected boolean configure(long nowNs) {
    return true;   // factory settings; the zero position is applied here, never burned into the OTP
  }

  @Override
  protected SelfTest check(long nowNs) {
    double[] value = new double[1];
    byte[] status = new byte[1];
    read(nowNs, value, status, 0);
    return status[0] == Status.OK ? SelfTest.ok(identity())
        : SelfTest.fault(identity(), "no valid angle (" + Status.name(status[0]) + "): check the magnet");
  }

  @Override
  public void read(long nowNs, double[] values, byte[] status, int offset) {
    if (!ready(nowNs) || !i2c.read(nowNs, DIAG, rx, 0, 5)) {
      values[offset] = Double.NaN;
      status[offset] = Status.NO_RESPONSE;
      return;
    }
    if ((rx[0] & OCF) == 0 || (rx[0] & COF) != 0) {
      values[offset] = Double.NaN;
      status[offset] = Status.INVALID;
      return;
    }
    int raw = (rx[3] & 0xFF) << 6 | (rx[4] & 0x3F);
    values[offset] = Angles.wrap(raw * RAD_PER_COUNT - as5048b.zeroOffsetRad());
    status[offset] = Status.OK;
  }

  /** Builds {@code As5048b} drivers for {@code type: as5048b} devices. */
  public static final class Factory implements DriverFactory<As5048bConfig> {

    @Override
    public Class<As5048bConfig> config() {
      return As5048bConfig.class;
    }

    @Override
    public Device create(As5048bConfig device, DriverContext context, Wiring wiring) {
      return new As5048b(device, context);
    }
  }
}
