package dev.foresight.runtime.io;

import dev.foresight.drivers.registry.DeviceReport;
import dev.foresight.runtime.AssemblyException;

/**
 * A required device failed its start-up check: the robot is not run. The message names the
 * devices; {@link #report()} has every device's result for a full table.
 */
public final class DeviceStartException extends AssemblyException {

  private static final long serialVersionUID = 1L;

  private final transient DeviceReport report;

  public DeviceStartException(DeviceReport report) {
    super(message(report));
    this.report = report;
  }

  private static String message(DeviceReport report) {
    StringBuilder s = new StringBuilder("devices: ");
    var failed = report.entries().stream().filter(e -> e.required() && !e.result().ok()).toList();
    for (int i = 0; i < failed.size(); i++) {
      var e = failed.get(i);
      if (i > 0) s.append("; ");
      s.append(e.name()).append(" (").append(e.type()).append(" at ").append(e.location()).append(") ")
          .append(e.result().verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
          .append(": ").append(e.result().message());
    }
    return s.toString();
  }

  /** Every device's start-up result. */
  public DeviceReport report() {
    return report;
  }
}
