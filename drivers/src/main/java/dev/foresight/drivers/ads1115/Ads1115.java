package dev.foresight.drivers.ads1115;

import dev.foresight.config.device.Ads1115Config;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.i2c.I2cDriver;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Wiring;
import dev.foresight.config.StateVariable;

/**
 * TI ADS1115 16-bit ADC, single-ended: channels {@code ain0}..{@code ain3}, each
 * {@code scale x volts + offset} (volts by default).
 *
 * <p>Start: LO_THRESH and HI_THRESH must hold their power-on 0x8000 / 0x7FFF (nothing here
 * writes them). The programmable gain follows {@code full_scale_v}; 860 samples/s; comparator off.
 *
 * <p>Reads never wait for a conversion. With one channel in use (a potentiometer on a joint), the
 * chip converts it continuously and a read is one 2-byte transfer. With several, channels are
 * converted in turn, single-shot: a read checks CONFIG.OS (conversion done), reads CONVERSION for
 * the channel that was converting and starts the next one (three transfers); each channel keeps
 * its last value between turns. A reading at the 16-bit limit is outside the range: invalid.
 */
public final class Ads1115 extends I2cDriver implements Sensor {

  private static final List<String> CHANNELS = List.of("ain0", "ain1", "ain2", "ain3");

  private static final int CONVERSION = 0x00;
  private static final int CONFIG = 0x01;
  private static final int LO_THRESH = 0x02;
  private static final int HI_THRESH = 0x03;
  private static final double[] RANGES = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256};
  /** Reads between checks that a continuously converting chip still is. */
  public static final int VERIFY_EVERY = 50;

  private final Ads1115Config ads;
  private final int[] used;
  private final int pga;
  private final double voltsPerCount;
  private final double[] held = new double[4];
  private final byte[] heldStatus = new byte[4];
  private final byte[] rx = new byte[4];
  private int converting = -1;
  private int turn;
  private int readsSinceVerify;
  private boolean identified;

  /**
   * @param used the channels the robot reads (0..3); empty means all four
   */
  public Ads1115(Ads1115Config config, DriverContext context, int[] used) {
    super(config, context);
    this.ads = config;
    this.used = used.length == 0 ? new int[] {0, 1, 2, 3} : used.clone();
    int p = 0;
    for (int i = 0; i < RANGES.length; i++) if (Math.abs(RANGES[i] - config.fullScaleV()) < 1e-9) p = i;
    this.pga = p;
    this.voltsPerCount = RANGES[p] / 32768.0;
    Arrays.fill(held, Double.NaN);
    Arrays.fill(heldStatus, Status.STALE);
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  /** CONFIG for converting {@code channel} against GND. */
  int configWord(int channel, boolean continuous) {
    return (continuous ? 0 : 0x8000) | (4 + channel) << 12 | pga << 9 | (continuous ? 0 : 0x0100) | 7 << 5 | 0x03;
  }

  @Override
  protected String identify(long nowNs) {
    if (!i2c.readWord(nowNs, LO_THRESH, rx, 0) || !i2c.readWord(nowNs, HI_THRESH, rx, 2)) {
      return "threshold registers unreadable: " + i2c.lastErrorMessage();
    }
    int lo = word(0);
    int hi = word(2);
    identified = lo == 0x8000 && hi == 0x7FFF;
    if (identified) return null;
    return String.format(Locale.ROOT, "LO_THRESH/HI_THRESH read 0x%04X/0x%04X, expected an ADS1115's power-on "
        + "0x8000/0x7FFF; is another chip at %s?", lo, hi, location());
  }

  @Override
  protected String identity() {
    return identified ? "ADS1115 (thresholds 0x8000/0x7FFF)" : "";
  }

  @Override
  protected boolean configure(long nowNs) {
    converting = used[0];
    turn = 0;
    return i2c.writeWord(nowNs, CONFIG, configWord(used[0], used.length == 1));
  }

  @Override
  protected SelfTest check(long nowNs) {
    return SelfTest.ok(String.format(Locale.ROOT, "ADS1115, +/-%.3f V", RANGES[pga]));
  }

  /** One transfer with one channel in use, up to three with several (see the class comment). */
  @Override
  public void read(long nowNs, double[] values, byte[] status, int offset) {
    if (!ready(nowNs)) {
      Arrays.fill(heldStatus, Status.NO_RESPONSE);
      Arrays.fill(held, Double.NaN);
    } else if (used.length == 1) {
      if (i2c.readWord(nowNs, CONVERSION, rx, 0)) hold(used[0], (short) word(0));
      else fail(used[0], Status.NO_RESPONSE);
      // A chip that reset is back in single-shot mode, its CONVERSION frozen: check now and then.
      if (++readsSinceVerify >= VERIFY_EVERY) {
        readsSinceVerify = 0;
        if (!i2c.readWord(nowNs, CONFIG, rx, 0) || (word(0) & 0x7FFF) != (configWord(used[0], true) & 0x7FFF)) {
          configured = false;
          heldStatus[used[0]] = Status.STALE;
        }
      }
    } else {
      roundRobin(nowNs);
    }
    for (int c = 0; c < 4; c++) {
      values[offset + c] = held[c];
      status[offset + c] = heldStatus[c];
    }
  }

  private void roundRobin(long nowNs) {
    if (!i2c.readWord(nowNs, CONFIG, rx, 0)) {
      fail(converting, Status.NO_RESPONSE);
      return;
    }
    if ((word(0) & 0x8000) == 0) {                 // still converting: nothing new this tick
      if (heldStatus[converting] == Status.OK) heldStatus[converting] = Status.STALE;
      return;
    }
    if (!i2c.readWord(nowNs, CONVERSION, rx, 0)) {
      fail(converting, Status.NO_RESPONSE);
      return;
    }
    hold(converting, (short) word(0));
    turn = (turn + 1) % used.length;
    int next = used[turn];
    if (i2c.writeWord(nowNs, CONFIG, configWord(next, false))) converting = next;
  }

  private void hold(int channel, int raw) {
    if (raw == Short.MAX_VALUE || raw == Short.MIN_VALUE) {
      held[channel] = Double.NaN;
      heldStatus[channel] = Status.INVALID;
    } else {
      held[channel] = ads.scale() * raw * voltsPerCount + ads.offset();
      heldStatus[channel] = Status.OK;
    }
  }

  private void fail(int channel, byte failure) {
    held[channel] = Double.NaN;
    heldStatus[channel] = failure;
  }

  private int word(int index) {
    return (rx[index] & 0xFF) << 8 | (rx[index + 1] & 0xFF);
  }

  /** Volts, unless the channels are scaled into another unit the config does not name. */
  @Override
  public String unit(String channel) {
    return ads.scale() == 1.0 && ads.offset() == 0.0 ? "V" : "";
  }

  /** Builds {@code Ads1115} drivers converting only the channels state variables read. */
  public static final class Factory implements DriverFactory<Ads1115Config> {

    @Override
    public Class<Ads1115Config> config() {
      return Ads1115Config.class;
    }

    @Override
    public Device create(Ads1115Config device, DriverContext context, Wiring wiring) {
      String prefix = device.name() + ".ain";
      int[] used = wiring.robot().state().stream().map(StateVariable::source).filter(s -> s.startsWith(prefix))
          .mapToInt(s -> Integer.parseInt(s.substring(prefix.length()))).distinct().sorted().toArray();
      return new Ads1115(device, context, used);
    }
  }
}
