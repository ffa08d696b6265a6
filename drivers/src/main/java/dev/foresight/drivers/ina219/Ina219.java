package dev.foresight.drivers.ina219;

import dev.foresight.config.device.Ina219Config;
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
 * TI INA219 current and power monitor: channels {@code bus_voltage} (V), {@code current} (A,
 * signed), {@code power} (W).
 *
 * <p>Start: a software reset (CONFIG bit 15) must bring CONFIG back to its power-on 0x399F. Then
 * the datasheet's calibration: current LSB = {@code max_current_a} / 2^15, CALIBRATION =
 * trunc(0.04096 / (current LSB x {@code shunt_ohms})), power LSB = 20 x current LSB; the PGA range
 * is the smallest of 40/80/160/320 mV that holds max current x shunt; 32 V bus range, 12-bit
 * conversions, continuous.
 *
 * <p>A read is three 2-byte transfers: BUS, SHUNT and POWER (reading POWER clears the conversion
 * flag). The current comes from the shunt voltage (10 uV steps over {@code shunt_ohms}), which
 * does not depend on the calibration; POWER does, so POWER reading zero while current flows means
 * the chip reset (a brown-out) and is calibrated again at once. A CALIBRATION read every
 * {@value #VERIFY_EVERY} reads catches a reset while no current flows. The math-overflow flag
 * (OVF) makes power invalid, and current too when the shunt voltage is at the end of its range;
 * no new conversion since the last read makes every channel stale.
 */
public final class Ina219 extends I2cDriver implements Sensor {

  private static final List<String> CHANNELS = List.of("bus_voltage", "current", "power");

  /** Reads between calibration checks. */
  public static final int VERIFY_EVERY = 50;
  private static final int CONFIG = 0x00;
  private static final int SHUNT = 0x01;
  private static final int BUS = 0x02;
  private static final int POWER = 0x03;
  private static final int CALIBRATION = 0x05;
  private static final int CONFIG_RESET = 0x399F;

  private final int configWord;
  private final int calibration;
  private final double currentLsb;
  private final double shuntOhms;
  private final int shuntLimit;
  private final byte[] rx = new byte[6];
  private int configRead = -1;
  private int readsSinceVerify;
  private double lastCurrentA = Double.NaN;
  private byte lastCurrentStatus = Status.NO_RESPONSE;

  public Ina219(Ina219Config config, DriverContext context) {
    super(config, context);
    double lsb = config.maxCurrentA() / 32768.0;
    this.calibration = (int) Math.max(2, Math.min(0xFFFE, Math.floor(0.04096 / (lsb * config.shuntOhms())))) & 0xFFFE;
    // The LSB that the truncated calibration really gives.
    this.currentLsb = 0.04096 / (calibration * config.shuntOhms());
    double shuntV = config.maxCurrentA() * config.shuntOhms();
    int pga = shuntV <= 0.04 ? 0 : shuntV <= 0.08 ? 1 : shuntV <= 0.16 ? 2 : 3;
    this.configWord = 1 << 13 | pga << 11 | 0b0011 << 7 | 0b0011 << 3 | 0b111;
    this.shuntOhms = config.shuntOhms();
    this.shuntLimit = 4000 << pga;                  // the PGA's full scale in 10 uV steps
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  /** The CALIBRATION value written. */
  public int calibration() {
    return calibration;
  }

  /** Amperes per CURRENT count. */
  public double currentLsb() {
    return currentLsb;
  }

  /** The CONFIG value written. */
  public int configWord() {
    return configWord;
  }

  @Override
  protected String identify(long nowNs) {
    if (!i2c.writeWord(nowNs, CONFIG, 0x8000) || !i2c.readWord(nowNs, CONFIG, rx, 0)) {
      return "CONFIG unreadable: " + i2c.lastErrorMessage();
    }
    configRead = word(0);
    if (configRead == CONFIG_RESET) return null;
    return String.format(Locale.ROOT, "CONFIG reads 0x%04X after a reset, expected an INA219's 0x399F; is another "
        + "chip at %s?", configRead, location());
  }

  @Override
  protected String identity() {
    return configRead == CONFIG_RESET ? "INA219 (CONFIG 0x399F after reset)" : "";
  }

  @Override
  protected boolean configure(long nowNs) {
    readsSinceVerify = 0;
    return i2c.writeWord(nowNs, CONFIG, configWord)
        && i2c.writeWord(nowNs, CALIBRATION, calibration)
        && i2c.readWord(nowNs, CALIBRATION, rx, 0)
        && word(0) == calibration;
  }

  @Override
  protected SelfTest check(long nowNs) {
    return SelfTest.ok(String.format(Locale.ROOT, "INA219, CAL %d (%.1f uA/LSB)", calibration, currentLsb * 1e6));
  }

  /** Three 2-byte transfers, plus a CALIBRATION check every {@value #VERIFY_EVERY} reads. */
  @Override
  public void read(long nowNs, double[] values, byte[] status, int offset) {
    if (!ready(nowNs) || !i2c.readWord(nowNs, BUS, rx, 0) || !i2c.readWord(nowNs, SHUNT, rx, 2)
        || !i2c.readWord(nowNs, POWER, rx, 4)) {
      for (int i = 0; i < 3; i++) {
        values[offset + i] = Double.NaN;
        status[offset + i] = Status.NO_RESPONSE;
      }
      lastCurrentA = Double.NaN;
      lastCurrentStatus = Status.NO_RESPONSE;
      return;
    }
    int bus = word(0);
    int shunt = (short) word(2);
    int power = word(4);
    byte fresh = (bus & 0x02) != 0 ? Status.OK : Status.STALE;
    boolean overflow = (bus & 0x01) != 0;
    double volts = (bus >> 3) * 4e-3;
    double amps = shunt * 10e-6 / shuntOhms;
    byte powerStatus = fresh;
    if (power == 0 && Math.abs(shunt) > 2 && volts > 0.1 && !overflow) {
      configured = false;                         // reset: no calibration, so no power
      powerStatus = Status.STALE;
    } else if (++readsSinceVerify >= VERIFY_EVERY) {
      readsSinceVerify = 0;
      if (!i2c.readWord(nowNs, CALIBRATION, rx, 0) || word(0) != calibration) {
        configured = false;
        powerStatus = Status.STALE;
      }
    }
    values[offset] = volts;
    status[offset] = fresh;
    boolean saturated = Math.abs(shunt) >= shuntLimit;
    values[offset + 1] = saturated ? Double.NaN : amps;
    status[offset + 1] = saturated ? Status.INVALID : fresh;
    values[offset + 2] = overflow ? Double.NaN : power * 20 * currentLsb;
    status[offset + 2] = overflow ? Status.INVALID : powerStatus;
    lastCurrentA = values[offset + 1];
    lastCurrentStatus = status[offset + 1];
  }

  /** The current from the last read, A (NaN when it failed). */
  public double lastCurrentA() {
    return lastCurrentA;
  }

  /** The status of the last current reading. */
  public byte lastCurrentStatus() {
    return lastCurrentStatus;
  }

  private int word(int index) {
    return (rx[index] & 0xFF) << 8 | (rx[index + 1] & 0xFF);
  }

  @Override
  public String unit(String channel) {
    return switch (channel) {
      case "bus_voltage" -> "V";
      case "current" -> "A";
      default -> "W";
    };
  }

  /** Builds {@code Ina219} drivers for {@code Ina219Config} devices. */
  public static final class Factory implements DriverFactory<Ina219Config> {

    @Override
    public Class<Ina219Config> config() {
      return Ina219Config.class;
    }

    @Override
    public Device create(Ina219Config device, DriverContext context, Wiring wiring) {
      return new Ina219(device, context);
    }
  }
}
