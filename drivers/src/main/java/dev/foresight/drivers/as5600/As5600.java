package dev.foresight.drivers.as5600;

import dev.foresight.config.Angles;
import dev.foresight.config.device.As5600Config;
import dev.foresight.config.device.Direction;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.i2c.I2cDriver;
import java.util.List;
import java.util.Locale;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Wiring;

/**
 * AMS AS5600 magnetic angle encoder: channel {@code angle}, rad in [-pi, pi), zero and direction
 * from the config. One read is one 3-byte transfer from STATUS (0x0B) through RAW ANGLE
 * (0x0C-0D); the chip's own zero/range registers are left alone (and its one-time-programmable
 * BURN command never sent). A reading is invalid when the magnet is missing (STATUS.MD clear),
 * too weak (ML) or too strong (MH), or when reserved bits are set (a corrupted transfer).
 *
 * <p>Wiring: DIR to GND (RAW ANGLE counts clockwise seen from the magnet side); {@code direction:
 * ccw} then makes counter-clockwise positive. {@code zero_offset_rad} is the raw angle (rad) read
 * where the robot's angle is zero.
 */
public final class As5600 extends I2cDriver implements Sensor {

  private static final List<String> CHANNELS = List.of("angle");

  private static final int ZMCO = 0x00;
  private static final int STATUS = 0x0B;
  private static final int AGC = 0x1A;
  private static final int MD = 0x20;
  private static final int ML = 0x10;
  private static final int MH = 0x08;
  private static final double RAD_PER_COUNT = 2 * Math.PI / 4096;

  private final As5600Config as5600;
  private final double sign;
  private final byte[] rx = new byte[4];
  private int lastStatus;
  private int lastAgc = -1;

  public As5600(As5600Config config, DriverContext context) {
    super(config, context);
    this.as5600 = config;
    this.sign = config.direction() == Direction.CW ? 1.0 : -1.0;
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  protected String identify(long nowNs) {
    if (!i2c.read(nowNs, ZMCO, rx, 0, 1) || !i2c.read(nowNs, STATUS, rx, 1, 3) || !i2c.read(nowNs, AGC, rx, 3, 1)) {
      return "identity registers unreadable: " + i2c.lastErrorMessage();
    }
    lastAgc = rx[3] & 0xFF;
    int zmco = rx[0] & 0xFF;
    lastStatus = rx[1] & 0xFF;
    if ((zmco & 0xFC) != 0 || (lastStatus & 0xC7) != 0 || (rx[2] & 0xF0) != 0) {
      return String.format(Locale.ROOT, "not an AS5600: reserved bits set (ZMCO 0x%02X, STATUS 0x%02X, RAW ANGLE "
          + "high byte 0x%02X); is another chip at %s?", zmco, lastStatus, rx[2] & 0xFF, location());
    }
    return null;
  }

  @Override
  protected String identity() {
    if (lastAgc < 0) return "";
    return "AS5600, " + magnet(lastStatus) + ", AGC " + lastAgc;
  }

  @Override
  protected boolean configure(long nowNs) {
    return true;   // factory settings: full 360 degrees, no filters changed, nothing burned
  }

  @Override
  protected SelfTest check(long nowNs) {
    double[] v = new double[1];
    byte[] s = new byte[1];
    read(nowNs, v, s, 0);
    if (s[0] == Status.OK) return SelfTest.ok(identity());
    if (s[0] == Status.INVALID) {
      return SelfTest.fault(identity(), switch (magnet(lastStatus)) {
        case "magnet too weak" -> "magnet too weak: move it closer (0.5-3 mm above the chip)";
        case "magnet too strong" -> "magnet too strong: move it further from the chip";
        case "no magnet" -> "no magnet detected: mount a diametrically magnetized magnet over the chip";
        default -> "invalid reading (reserved bits set): check the wiring and pull-ups";
      });
    }
    return SelfTest.fault(identity(), "no reading: " + i2c.lastErrorMessage());
  }

  /**
   * One transfer: STATUS, RAW ANGLE high, RAW ANGLE low. Angle in rad, wrapped to [-pi, pi).
   */
  @Override
  public void read(long nowNs, double[] values, byte[] status, int offset) {
    if (!ready(nowNs) || !i2c.read(nowNs, STATUS, rx, 0, 3)) {
      values[offset] = Double.NaN;
      status[offset] = Status.NO_RESPONSE;
      return;
    }
    int st = rx[0] & 0xFF;
    lastStatus = st;
    int high = rx[1] & 0xFF;
    if ((st & MD) == 0 || (st & (ML | MH)) != 0 || (st & 0xC7) != 0 || (high & 0xF0) != 0) {
      values[offset] = Double.NaN;
      status[offset] = Status.INVALID;
      return;
    }
    int raw = high << 8 | (rx[2] & 0xFF);
    values[offset] = Angles.wrap(sign * (raw * RAD_PER_COUNT - as5600.zeroOffsetRad()));
    status[offset] = Status.OK;
  }

  /** The magnet's condition from the last STATUS read: {@code magnet ok}, {@code no magnet}, ... */
  public String magnet() {
    return magnet(lastStatus);
  }

  private static String magnet(int status) {
    if ((status & MD) == 0) return "no magnet";
    if ((status & ML) != 0) return "magnet too weak";
    if ((status & MH) != 0) return "magnet too strong";
    return "magnet ok";
  }

  @Override
  public String unit(String channel) {
    return "rad";
  }

  /** Builds {@code As5600} drivers for {@code As5600Config} devices. */
  public static final class Factory implements DriverFactory<As5600Config> {

    @Override
    public Class<As5600Config> config() {
      return As5600Config.class;
    }

    @Override
    public Device create(As5600Config device, DriverContext context, Wiring wiring) {
      return new As5600(device, context);
    }
  }
}
