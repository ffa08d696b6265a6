package dev.foresight.drivers.pca9685;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import dev.foresight.config.device.Pca9685Config;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.i2c.I2cDriver;
import java.util.Locale;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Wiring;
import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.OutputBank;

/**
 * NXP PCA9685 16-channel 12-bit PWM controller. Its channels are {@link PwmChannel} actuators
 * ({@code <name>.<n>} targets, duty 0..1) or the PWM input of an H-bridge.
 *
 * <p>Start: the subaddress registers must hold their power-on values (E2 E4 E8 E0), which no
 * other common chip at 0x40 has (the INA219's default address too). Configuration follows the
 * datasheet: all outputs full off, sleep (PRE_SCALE can only be written asleep), PRE_SCALE =
 * round(25 MHz / (4096 f)) - 1, MODE2 totem-pole, wake with auto-increment; the OE pin, when
 * wired, is driven low only after that (and goes high again in the safe state, and when the
 * Pi4J context shuts down).
 *
 * <p>A channel write is one 5-byte transfer (LEDn_ON_L..LEDn_OFF_H). Once per tick, the first
 * write also reads MODE1: a chip that reset (brown-out) wakes up asleep with every output off,
 * so the write reports the output invalid, re-configures the chip and re-sends the duty.
 * The safe state is ALL_LED_OFF_H full off (one 2-byte transfer) plus OE high.
 */
public final class Pca9685 extends I2cDriver implements OutputBank {

  private static final int MODE1 = 0x00;
  private static final int MODE2 = 0x01;
  private static final int SUBADR1 = 0x02;
  private static final int LED0_ON_L = 0x06;
  private static final int ALL_LED_OFF_H = 0xFD;
  private static final int PRE_SCALE = 0xFE;
  private static final int SLEEP = 0x10;
  private static final int AI = 0x20;
  private static final int ALLCALL = 0x01;
  private static final int RUNNING = AI | ALLCALL;
  private static final double OSCILLATOR_HZ = 25_000_000.0;
  private static final byte[] FULL_OFF = {0, 0, 0, 0x10};

  private final Pca9685Config pca;
  private final int prescale;
  private final byte[] rx = new byte[64];
  private final byte[] led = new byte[4];
  private final PwmChannel[] channels = new PwmChannel[16];
  private DigitalOutput outputEnable;
  private long verifiedAtNs = Long.MIN_VALUE;
  private boolean resetSeen;
  private String identity = "";

  public Pca9685(Pca9685Config config, DriverContext context) {
    super(config, context);
    this.pca = config;
    this.prescale = prescale(config.frequencyHz());
    for (int n = 0; n < 16; n++) channels[n] = new PwmChannel(this, n);
  }

  /** PRE_SCALE for a frequency: round(25 MHz / (4096 f)) - 1, within the chip's 3..255. */
  public static int prescale(double frequencyHz) {
    return (int) Math.max(3, Math.min(255, Math.round(OSCILLATOR_HZ / (4096.0 * frequencyHz)) - 1));
  }

  /** The PWM frequency the chip really runs at, Hz. */
  public double frequencyHz() {
    return OSCILLATOR_HZ / (4096.0 * (prescale + 1));
  }

  /** Channel {@code n} (0..15) as an actuator. */
  public PwmChannel channel(int n) {
    return channels[n];
  }

  /** Channel {@code "0"}..{@code "15"} as an actuator. */
  @Override
  public Actuator output(String name) {
    return channel(Integer.parseInt(name));
  }

  @Override
  public String location() {
    return super.location() + pca.outputEnablePin().map(p -> ", OE GPIO " + p).orElse("");
  }

  @Override
  protected String identify(long nowNs) {
    // One register per transfer: auto-increment is off until we configure the chip.
    for (int i = 0; i < 4; i++) {
      if (!i2c.read(nowNs, SUBADR1 + i, rx, i, 1)) return "subaddress registers unreadable: " + i2c.lastErrorMessage();
    }
    int a = rx[0] & 0xFF, b = rx[1] & 0xFF, c = rx[2] & 0xFF, d = rx[3] & 0xFF;
    identity = String.format(Locale.ROOT, "PCA9685 (SUBADR %02X %02X %02X, ALLCALL %02X)", a, b, c, d);
    if (a == 0xE2 && b == 0xE4 && c == 0xE8 && d == 0xE0) return null;
    identity = "";
    return String.format(Locale.ROOT, "registers 0x02-0x05 read %02X %02X %02X %02X, expected a PCA9685's "
        + "power-on E2 E4 E8 E0; is another chip at %s (an INA219 defaults to 0x40 too)?", a, b, c, d, super.location());
  }

  @Override
  protected String identity() {
    return identity;
  }

  @Override
  protected boolean configure(long nowNs) {
    boolean ok = i2c.writeByte(nowNs, ALL_LED_OFF_H, 0x10)
        && i2c.writeByte(nowNs, MODE1, SLEEP | RUNNING)
        && i2c.writeByte(nowNs, PRE_SCALE, prescale)
        && i2c.writeByte(nowNs, MODE2, 0x04)
        && i2c.writeByte(nowNs, MODE1, RUNNING)
        && i2c.read(nowNs, PRE_SCALE, rx, 0, 1)
        && (rx[0] & 0xFF) == prescale;
    if (!ok) return false;
    if (pca.outputEnablePin().isPresent()) {
      try {
        if (outputEnable == null) {
          outputEnable = context.pi4j().create(DigitalOutput.newConfigBuilder(context.pi4j())
              .id(name() + "-oe").name(name() + " OE").address(pca.outputEnablePin().get())
              .initial(DigitalState.HIGH).shutdown(DigitalState.HIGH).build());
        }
        outputEnable.low();
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  @Override
  protected SelfTest check(long nowNs) {
    return SelfTest.ok(String.format(Locale.ROOT, "PCA9685, %.0f Hz", frequencyHz()));
  }

  /**
   * Sets channel {@code n}'s duty (0..1): full off at 0, full on at 1, otherwise ON at count 0
   * and OFF at round(duty x 4096).
   */
  byte setDuty(long nowNs, int n, double duty) {
    byte verdict = verify(nowNs);
    if (!ready(nowNs)) return Status.NO_RESPONSE;
    if (!(duty > 0)) {                       // NaN and negatives are off too
      led[0] = 0; led[1] = 0; led[2] = 0; led[3] = 0x10;
    } else if (duty >= 1) {
      led[0] = 0; led[1] = 0x10; led[2] = 0; led[3] = 0;
    } else {
      int off = (int) Math.max(1, Math.min(4095, Math.round(duty * 4096)));
      led[0] = 0; led[1] = 0; led[2] = (byte) off; led[3] = (byte) (off >> 8);
    }
    if (!i2c.writeBlock(nowNs, LED0_ON_L + 4 * n, led, 0, 4)) return Status.NO_RESPONSE;
    return verdict;
  }

  /** Reads MODE1 once per tick; a chip found asleep reset behind our back. */
  private byte verify(long nowNs) {
    if (verifiedAtNs == nowNs) return resetSeen ? Status.INVALID : Status.OK;
    verifiedAtNs = nowNs;
    resetSeen = false;
    if (!configured || !i2c.available(nowNs)) return Status.OK;
    if (!i2c.read(nowNs, MODE1, rx, 0, 1)) return Status.NO_RESPONSE;
    if ((rx[0] & 0x7F) != RUNNING) {
      configured = false;        // ready() re-configures; the output was wrong until now
      resetSeen = true;
      return Status.INVALID;
    }
    return Status.OK;
  }

  /** Channel {@code n} full off now, even while backing off (a safe state). */
  byte forceOff(long nowNs, int n) {
    if (!i2c.writeBlockNow(nowNs, LED0_ON_L + 4 * n, FULL_OFF, 0, 4)) return Status.NO_RESPONSE;
    return Status.OK;
  }

  /** Every output full off (one transfer) and OE high, even while backing off: the chip's safe state. */
  public byte allOff(long nowNs) {
    byte result = Status.OK;
    if (outputEnable != null) {
      try {
        outputEnable.high();
      } catch (RuntimeException e) {
        result = Status.NO_RESPONSE;
      }
    }
    if (!i2c.writeByteNow(nowNs, ALL_LED_OFF_H, 0x10)) return Status.NO_RESPONSE;
    return result;
  }

  @Override
  public byte safe() {
    return allOff(context.clockNs().getAsLong());
  }

  @Override
  public String safeState() {
    return "all outputs off" + (outputEnable != null ? ", OE high" : "");
  }

  @Override
  public String verifySafe() {
    long now = context.clockNs().getAsLong();
    if (allOff(now) != Status.OK) return "cannot switch the outputs off: " + i2c.lastErrorMessage();
    return verifyAllOff(now);
  }

  /** Reads back every channel's registers; empty when all are full off, else which are not. */
  public String verifyAllOff(long nowNs) {
    if (!i2c.read(nowNs, LED0_ON_L, rx, 0, 64)) return "cannot read back the outputs: " + i2c.lastErrorMessage();
    StringBuilder on = new StringBuilder();
    for (int n = 0; n < 16; n++) {
      if ((rx[4 * n + 3] & 0x10) == 0) on.append(on.isEmpty() ? "" : ", ").append(n);
    }
    if (!on.isEmpty()) return "channels " + on + " are not full off after ALL_LED_OFF";
    if (outputEnable != null && outputEnable.state() != DigitalState.HIGH) return "OE is not high";
    return "";
  }

  /** Reads channel {@code n}'s registers back; empty when it is full off, else what it holds. */
  String verifyOff(long nowNs, int n) {
    byte[] regs = new byte[4];
    if (!i2c.read(nowNs, LED0_ON_L + 4 * n, regs, 0, 4)) return "cannot read channel " + n + " back: " + i2c.lastErrorMessage();
    if ((regs[3] & 0x10) != 0) return "";
    return String.format(Locale.ROOT, "channel %d reads ON %02X%02X OFF %02X%02X, not full off", n, regs[1], regs[0],
        regs[3], regs[2]);
  }

  DriverContext context() {
    return context;
  }

  @Override
  public void close() {
    release(outputEnable);
    outputEnable = null;
    super.close();
  }

  /** Builds {@code Pca9685} drivers for {@code Pca9685Config} devices. */
  public static final class Factory implements DriverFactory<Pca9685Config> {

    @Override
    public Class<Pca9685Config> config() {
      return Pca9685Config.class;
    }

    @Override
    public Device create(Pca9685Config device, DriverContext context, Wiring wiring) {
      return new Pca9685(device, context);
    }
  }
}
