package dev.foresight.config;

import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Where validation code reports what is wrong with one part of a config: keys are relative to
 * that part ({@code address} under {@code devices[2]} becomes {@code devices[2].address}), and
 * the checks every part needs (positive, in range, one of, finite) word their messages the same
 * way everywhere. A {@link dev.foresight.config.device.DeviceType} gets one for its device.
 *
 * <pre>{@code
 * checks.range("frequency_hz", pca.frequencyHz(), 24, 1526, "Hz");
 * // devices[1].frequency_hz: 2000 Hz is out of range (24..1526 Hz)
 * }</pre>
 */
public final class Checks {

  private final RobotConfig robot;
  private final String at;
  private final BiConsumer<String, String> problem;

  Checks(RobotConfig robot, String at, BiConsumer<String, String> problem) {
    this.robot = robot;
    this.at = at;
    this.problem = problem;
  }

  /** The whole config, for checks that follow a reference to another part. */
  public RobotConfig robot() {
    return robot;
  }

  /** The key path these checks report under, e.g. {@code devices[2]}. */
  public String at() {
    return at;
  }

  /** Reports a problem with {@code key} (relative; empty for the part itself). */
  public void problem(String key, String message) {
    problem.accept(key.isEmpty() ? at : at.isEmpty() ? key : at + "." + key, message);
  }

  /** {@code value} must be a positive finite number. */
  public void positive(String key, double value, String unit) {
    if (!(value > 0) || Double.isInfinite(value)) {
      problem(key, number(value) + (unit.isEmpty() ? "" : " " + unit) + " must be a positive finite number");
    }
  }

  /** {@code value} must lie in {@code [lo, hi]}. */
  public void range(String key, double value, double lo, double hi, String unit) {
    if (!(value >= lo && value <= hi)) {
      String u = unit.isEmpty() ? "" : " " + unit;
      problem(key, number(value) + u + " is out of range (" + number(lo) + ".." + number(hi) + u + ")");
    }
  }

  /** {@code value} must be one of {@code allowed}. */
  public void oneOf(String key, int value, Set<Integer> allowed) {
    if (!allowed.contains(value)) {
      problem(key, value + " is not one of " + allowed.stream().sorted().map(String::valueOf).toList());
    }
  }

  /** {@code value} must be finite. */
  public void finite(String key, double value) {
    if (!Double.isFinite(value)) problem(key, number(value) + " must be a finite number");
  }

  /** A number as a config file would show it: {@code 5000}, {@code 0.25}, {@code NaN}, {@code inf}. */
  public static String number(double value) {
    if (Double.isNaN(value)) return "NaN";
    if (Double.isInfinite(value)) return value > 0 ? "inf" : "-inf";
    if (value == Math.rint(value) && Math.abs(value) < 1e15) return String.valueOf((long) value);
    return String.valueOf(value);
  }

  /** An I2C address as datasheets write it: {@code 0x36}. */
  public static String hex(int value) {
    return String.format(Locale.ROOT, "0x%02X", value);
  }

  /** A device type with its article: "an as5600", "a pca9685". */
  public static String article(String type) {
    return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }
}
