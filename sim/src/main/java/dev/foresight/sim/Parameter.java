package dev.foresight.sim;

/**
 * A physical parameter of a plant: a mass, a length, a friction coefficient, a motor constant.
 * Configs can set it ({@code sim.parameters}) or draw it per run ({@code sim.randomize}).
 *
 * @param name        identifier, as configs write it ({@code mass_pole})
 * @param unit        SI unit ({@code ""} for dimensionless)
 * @param value       the value in use
 * @param zeroAllowed whether 0 is a valid value (friction) or the value must be strictly positive (a mass)
 * @param description what it is, for docs and error messages
 */
public record Parameter(String name, String unit, double value, boolean zeroAllowed, String description) {

  /** A parameter that must be strictly positive. */
  public static Parameter positive(String name, String unit, double value, String description) {
    return new Parameter(name, unit, value, false, description);
  }

  /** A parameter that may be zero (frictions, offsets that default to off). */
  public static Parameter nonNegative(String name, String unit, double value, String description) {
    return new Parameter(name, unit, value, true, description);
  }

  /** The same parameter with another value. */
  public Parameter withValue(double newValue) {
    return new Parameter(name, unit, newValue, zeroAllowed, description);
  }

  /** Whether {@code candidate} is a valid value: finite, and positive (or zero where allowed). */
  public boolean accepts(double candidate) {
    return Double.isFinite(candidate) && (candidate > 0 || (zeroAllowed && candidate == 0));
  }

  /** The valid range in words, for error messages. */
  public String domain() {
    return zeroAllowed ? ">= 0" : "> 0";
  }
}
