package dev.foresight.examples.drv8830.driver;

import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.Wiring;
import dev.foresight.drivers.i2c.I2cDriver;
import dev.foresight.examples.drv8830.Drv8830Config;
import java.util.Locale;

/**
 * TI DRV8830: the command is volts; CONTROL (0x00) holds VSET (bits 7..2, output 4 x 1.285 V x
 * VSET / 64) and IN2/IN1 (bits 1, 0: 10 forward, 01 reverse, 11 brake, 00 coast). Below VSET 6
 * (0.48 V) the bridge is put in its safe state. A write is one 1-byte register write.
 */
public final class Drv8830 extends I2cDriver implements Actuator {

  /** Volts per VSET step. */
  public static final double VOLTS_PER_STEP = 4 * 1.285 / 64;

  private static final int CONTROL = 0x00;
  private static final int FAULT = 0x01;
  private static final int CLEAR = 0x80;

  private final int safePattern;
  private final byte[] rx = new byte[1];

  public Drv8830(Drv8830Config config, DriverContext context) {
    super(config, context);
    this.safePattern = config.brake() ? 0x03 : 0x00;
  }

  /** The CONTROL byte for a command in volts. */
  static int control(double volts, int safePattern) {
    long vset = Double.isNaN(volts) ? 0 : Math.min(0x3F, Math.round(Math.abs(volts) / VOLTS_PER_STEP));
    if (vset < 6) return safePattern;
    return (int) vset << 2 | (volts > 0 ? 0x02 : 0x01);
  }

  @Override
  protected String identify(long nowNs) {
    if (!i2c.read(nowNs, FAULT, rx, 0, 1)) return "FAULT unreadable: " + i2c.lastErrorMessage();
    if ((rx[0] & 0x60) != 0) {
      return String.format(Locale.ROOT, "not a DRV8830: reserved FAULT bits set (0x%02X)", rx[0] & 0xFF);
    }
    return null;
  }

  @Override
  protected String identity() {
    return "DRV8830, " + safeState();
  }

  @Override
  protected boolean configure(long nowNs) {
    return i2c.writeByte(nowNs, FAULT, CLEAR) && i2c.writeByte(nowNs, CONTROL, safePattern);
  }

  @Override
  protected SelfTest check(long nowNs) {
    String safe = verifySafe();
    return safe.isEmpty() ? SelfTest.ok(identity()) : SelfTest.fault(identity(), safe);
  }

  @Override
  public byte write(long nowNs, double volts) {
    if (!ready(nowNs)) return Status.NO_RESPONSE;
    return i2c.writeByte(nowNs, CONTROL, control(volts, safePattern)) ? Status.OK : Status.NO_RESPONSE;
  }

  @Override
  public byte safe() {
    return i2c.writeByteNow(context.clockNs().getAsLong(), CONTROL, safePattern) ? Status.OK : Status.NO_RESPONSE;
  }

  @Override
  public String safeState() {
    return safePattern == 0x03 ? "brake" : "coast";
  }

  @Override
  public String verifySafe() {
    if (safe() != Status.OK) return "safe-state write failed: " + i2c.lastErrorMessage();
    if (!i2c.read(context.clockNs().getAsLong(), CONTROL, rx, 0, 1)) return "CONTROL unreadable: " + i2c.lastErrorMessage();
    return (rx[0] & 0xFF) == safePattern ? "" : String.format(Locale.ROOT, "CONTROL reads 0x%02X, not 0x%02X",
        rx[0] & 0xFF, safePattern);
  }

  /** Builds {@code Drv8830} drivers for {@code type: drv8830} devices. */
  public static final class Factory implements DriverFactory<Drv8830Config> {

    @Override
    public Class<Drv8830Config> config() {
      return Drv8830Config.class;
    }

    @Override
    public Device create(Drv8830Config device, DriverContext context, Wiring wiring) {
      return new Drv8830(device, context);
    }
  }
}
