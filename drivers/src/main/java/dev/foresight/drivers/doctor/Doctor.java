package dev.foresight.drivers.doctor;

import dev.foresight.config.RobotConfig;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.I2cDeviceConfig;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.Output;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import dev.foresight.drivers.i2c.I2cDevice;
import dev.foresight.drivers.registry.DeviceRegistry;
import dev.foresight.drivers.registry.DeviceReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The probes behind {@code foresight doctor}: scan each I2C bus the config uses (a one-byte read
 * at every address, as {@code i2cdetect -r} does), start every device (identity registers,
 * configuration, a first reading), take a sample reading and time it, and put every output in
 * its safe state and read that back. Works the same against a Raspberry Pi's buses and the
 * simulator's emulated ones.
 *
 * <pre>{@code
 * DoctorReport report = Doctor.examine(config, context);
 * if (!report.ok()) report.blocking().forEach(r -> System.err.println(r.name() + ": " + r.message()));
 * }</pre>
 */
public final class Doctor {

  /** Reads timed per sensor; the median is reported. */
  static final int TIMED_READS = 21;

  private Doctor() {}

  /**
   * Examines every device of {@code config}; leaves every output in its safe state. What the
   * devices do never throws; the report says it.
   *
   * @throws IllegalArgumentException naming the device when no driver for its type is on the class path
   */
  public static DoctorReport examine(RobotConfig config, DriverContext context) {
    List<DoctorReport.BusScan> scans = scan(config, context);
    List<DoctorReport.Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    try (DeviceRegistry registry = DeviceRegistry.create(config, context)) {
      DeviceReport report = registry.start(context.clockNs().getAsLong());
      for (DeviceReport.Entry entry : report.entries()) {
        Device device = registry.device(entry.name()).orElseThrow();
        rows.add(row(device, entry.result(), context));
      }
    }
    for (DoctorReport.BusScan scan : scans) {
      for (int address : scan.found()) {
        boolean expected = config.devices().stream().anyMatch(d -> d instanceof I2cDeviceConfig i
            && busOf(i, config) == scan.bus() && i.address() == address);
        if (!expected) {
          notes.add(String.format(Locale.ROOT, "i2c-%d 0x%02X answers but no device is configured there", scan.bus(),
              address));
        }
      }
    }
    return new DoctorReport(scans, rows, notes);
  }

  private static List<DoctorReport.BusScan> scan(RobotConfig config, DriverContext context) {
    TreeSet<Integer> buses = new TreeSet<>();
    for (DeviceConfig d : config.devices()) if (d instanceof I2cDeviceConfig i) buses.add(busOf(i, config));
    List<DoctorReport.BusScan> scans = new ArrayList<>();
    for (int bus : buses) {
      List<Integer> found = new ArrayList<>();
      String error = "";
      for (int address = 0x03; address <= 0x77 && error.isEmpty(); address++) {
        I2cDevice probe = new I2cDevice(context.pi4j(), String.format(Locale.ROOT, "doctor-scan-%d-%02x", bus, address),
            bus, address);
        try {
          if (!probe.open()) error = probe.lastErrorMessage();
          else if (probe.probe(context.clockNs().getAsLong())) found.add(address);
        } finally {
          probe.close();
        }
      }
      scans.add(new DoctorReport.BusScan(bus, found, error));
    }
    return scans;
  }

  private static int busOf(I2cDeviceConfig d, RobotConfig config) {
    return d.bus() != null ? d.bus() : config.hardware().defaultBus();
  }

  private static DoctorReport.Row row(Device device, SelfTest test, DriverContext context) {
    String sample = "-";
    double latency = Double.NaN;
    String message = test.message();
    String verdict = switch (test.verdict()) {
      case OK -> "ok";
      case FAULT -> "fault";
      case WRONG_CHIP -> "wrong chip";
      case MISSING -> "missing";
    };
    if (test.found()) {
      if (device instanceof Sensor s) {
        double[] values = new double[s.channels().size()];
        byte[] status = new byte[values.length];
        long[] times = new long[TIMED_READS];
        for (int i = 0; i < TIMED_READS; i++) {
          long t0 = context.clockNs().getAsLong();
          s.read(t0, values, status, 0);
          times[i] = context.clockNs().getAsLong() - t0;
          if (i == 0) sample = sample(s, values, status);
        }
        latency = median(times) / 1e3;
      }
      if (device instanceof Output o) {
        long t0 = context.clockNs().getAsLong();
        byte status = o.safe();
        latency = (context.clockNs().getAsLong() - t0) / 1e3;
        String safe = status == Status.OK ? o.verifySafe() : "safe-state write failed";
        sample = safe.isEmpty() ? o.safeState() + " verified" : "safe state NOT verified";
        if (!safe.isEmpty() && test.ok()) {
          verdict = "fault";
          message = safe;
        }
      }
    }
    return new DoctorReport.Row(device.name(), device.type(), device.location(), device.required(), test.found(),
        test.identity(), sample, latency, verdict, message);
  }

  /** {@code angle +0.7000 rad} or, for several channels, {@code 12.00 V, 0.013 A, 0.16 W}. */
  static String sample(Sensor s, double[] values, byte[] status) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      String channel = s.channels().get(i);
      String unit = s.unit(channel);
      boolean valid = status[i] == Status.OK || status[i] == Status.STALE;
      if (channel.equals("active") && valid) {
        parts.add(values[i] > 0.5 ? "active" : "inactive");
        continue;
      }
      String value = valid ? String.format(Locale.ROOT, "%+.4g", values[i]) + (unit.isEmpty() ? "" : " " + unit)
          : Status.name(status[i]);
      parts.add(values.length == 1 ? channel + " " + value : shortName(channel) + " " + value);
    }
    return String.join(", ", parts);
  }

  private static String shortName(String channel) {
    return switch (channel) {
      case "bus_voltage" -> "bus";
      case "temperature" -> "temp";
      default -> channel;
    };
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
