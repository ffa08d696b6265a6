package dev.foresight.sim.hardware;

/**
 * The motor supply: an open-circuit voltage behind a source resistance, so it sags with the
 * current the bridges draw (using the previous step's current, a one-step lag far below the
 * supply's own dynamics). A brown-out replaces the open-circuit voltage for its window.
 */
final class Supply {

  private final double nominalV;
  private final double resistanceOhm;
  private double brownoutV = Double.NaN;
  private double currentA;
  private double drawnA;

  Supply(double nominalV, double resistanceOhm) {
    this.nominalV = nominalV;
    this.resistanceOhm = resistanceOhm;
  }

  /** Terminal voltage now, V. */
  double voltage() {
    double open = Double.isNaN(brownoutV) ? nominalV : brownoutV;
    return Math.max(0.0, open - resistanceOhm * currentA);
  }

  /** Current drawn over the last step, A (negative while motors regenerate). */
  double current() {
    return currentA;
  }

  /** A bridge draws {@code amps} this step. */
  void draw(double amps) {
    drawnA += amps;
  }

  /** The step is over: what was drawn becomes the measured current. */
  void endStep() {
    currentA = drawnA;
    drawnA = 0;
  }

  void brownout(double volts) {
    brownoutV = volts;
  }

  void restore() {
    brownoutV = Double.NaN;
  }

  double nominalV() {
    return nominalV;
  }
}
