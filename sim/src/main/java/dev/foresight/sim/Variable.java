package dev.foresight.sim;

/**
 * A named plant variable.
 *
 * @param name identifier, matching what configs write after {@code plant.}
 * @param unit SI unit
 * @param min  lowest value the plant produces or accepts (may be infinite)
 * @param max  highest value the plant produces or accepts (may be infinite)
 */
public record Variable(String name, String unit, double min, double max) {

  /** An unbounded variable. */
  public static Variable of(String name, String unit) {
    return new Variable(name, unit, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
  }
}
