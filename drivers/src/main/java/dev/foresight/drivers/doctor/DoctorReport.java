package dev.foresight.drivers.doctor;

import java.util.List;

/**
 * What {@code foresight doctor} found.
 *
 * @param buses  one scan per I2C bus the config uses
 * @param rows   one per configured device, in config order
 * @param notes  things worth knowing that are not a device's fault (unexpected chips on a bus)
 */
public record DoctorReport(List<BusScan> buses, List<Row> rows, List<String> notes) {

  /**
   * The addresses that answered on one bus.
   *
   * @param bus      bus number
   * @param found    7-bit addresses that acknowledged, ascending
   * @param error    why the bus could not be scanned, or empty
   */
  public record BusScan(int bus, List<Integer> found, String error) {}

  /**
   * One device.
   *
   * @param name      device name
   * @param type      config type
   * @param location  bus/address or pins
   * @param required  whether the robot cannot run without it
   * @param found     it answered
   * @param identity  what it says it is
   * @param sample    a reading (sensors) or the safe-state check (outputs)
   * @param latencyUs median time of one read (or safe-state write), microseconds; NaN when not measured
   * @param verdict   {@code ok}, {@code missing}, {@code wrong chip}, {@code fault}
   * @param message   what is wrong and what to check; empty when ok
   */
  public record Row(String name, String type, String location, boolean required, boolean found, String identity,
      String sample, double latencyUs, String verdict, String message) {

    /** Whether this row makes the robot unable to run. */
    public boolean blocking() {
      return required && !verdict.equals("ok");
    }
  }

  public DoctorReport {
    buses = List.copyOf(buses);
    rows = List.copyOf(rows);
    notes = List.copyOf(notes);
  }

  /** Whether every required device is ok. */
  public boolean ok() {
    return rows.stream().noneMatch(Row::blocking);
  }

  /** Required devices that are not ok. */
  public List<Row> blocking() {
    return rows.stream().filter(Row::blocking).toList();
  }
}
