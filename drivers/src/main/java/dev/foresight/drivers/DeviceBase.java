package dev.foresight.drivers;

import com.pi4j.io.IO;
import dev.foresight.config.device.DeviceConfig;

/** What every driver shares: its config, its context, and releasing Pi4J I/O quietly on close. */
public abstract class DeviceBase implements Device {

  protected final DeviceConfig config;
  protected final DriverContext context;

  protected DeviceBase(DeviceConfig config, DriverContext context) {
    this.config = config;
    this.context = context;
  }

  @Override
  public final String name() {
    return config.name();
  }

  @Override
  public final String type() {
    return config.type();
  }

  @Override
  public final boolean required() {
    return config.required();
  }

  /** Shuts a Pi4J I/O down (a shutdown state is applied to an output); null and repeats are fine. */
  protected final void release(IO<?, ?, ?> io) {
    if (io == null) return;
    try {
      context.pi4j().shutdown(io.id());
    } catch (RuntimeException e) {
      // Already shut down with the context: nothing is left to release.
    }
  }
}
