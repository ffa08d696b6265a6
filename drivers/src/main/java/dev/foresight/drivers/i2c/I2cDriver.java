package dev.foresight.drivers.i2c;

import dev.foresight.config.device.I2cDeviceConfig;
import dev.foresight.drivers.DeviceBase;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;

/**
 * What the I2C drivers share: the device from the config, its {@link I2cDevice}, and the
 * start-up sequence (open, identify, configure) with re-configuration when the chip comes back
 * after a failure.
 */
public abstract class I2cDriver extends DeviceBase {

  protected final I2cDevice i2c;
  /** Whether the chip holds our configuration (false before start and after it stopped answering). */
  protected boolean configured;

  protected I2cDriver(I2cDeviceConfig config, DriverContext context) {
    super(config, context);
    int bus = config.bus() != null ? config.bus() : context.defaultBus();
    this.i2c = new I2cDevice(context.pi4j(), config.name(), bus, config.address());
  }

  @Override
  public String location() {
    return i2c.location();
  }

  /** The I2C access, for reports and tests. */
  public final I2cDevice i2c() {
    return i2c;
  }

  @Override
  public final SelfTest start(long nowNs) {
    if (!i2c.open()) {
      return SelfTest.missing("cannot open i2c-" + i2c.bus() + ": " + i2c.lastErrorMessage()
          + "; enable I2C (sudo raspi-config nonint do_i2c 0) and add the user to the i2c group");
    }
    i2c.startup(true);
    try {
      return startUp(nowNs);
    } finally {
      i2c.startup(false);
      i2c.takeRecovered();     // transient errors during start-up are not a recovery to act on
    }
  }

  private SelfTest startUp(long nowNs) {
    if (!i2c.probe(nowNs)) {
      return SelfTest.missing("no answer at " + location() + " (" + i2c.lastErrorMessage() + "); check VCC, GND, "
          + "SDA and SCL, and that i2cdetect -y " + i2c.bus() + " shows it");
    }
    String wrong = identify(nowNs);
    // A transfer that failed is the bus's problem; registers that read wrong are another chip.
    if (wrong != null && i2c.failing()) return SelfTest.fault("", wrong);
    if (wrong != null) return SelfTest.wrongChip(wrong);
    configured = configure(nowNs);
    if (!configured) return SelfTest.fault(identity(), "configuration failed: " + i2c.lastErrorMessage());
    return check(nowNs);
  }

  /** Reads identity registers; null when the chip is what the config says, else what is wrong. */
  protected abstract String identify(long nowNs);

  /** What the chip said it is (after {@link #identify}), e.g. {@code AS5600}. */
  protected abstract String identity();

  /** Writes the configuration; false when a transfer failed. */
  protected abstract boolean configure(long nowNs);

  /** A first reading to show the device works; {@link SelfTest#ok} or a fault saying why not. */
  protected abstract SelfTest check(long nowNs);

  /**
   * Called at the start of each read or write: re-configures a chip that answered again after a
   * failure (it may have been power-cycled). Returns whether the chip is ready for the transfer.
   */
  protected final boolean ready(long nowNs) {
    if (i2c.takeRecovered()) configured = false;
    if (!configured && i2c.available(nowNs)) configured = configure(nowNs);
    return configured && i2c.available(nowNs);
  }

  @Override
  public void close() {
    i2c.close();
  }
}
