package dev.foresight.config;

/** Angle helpers used wherever angles are compared: estimation, control, costs and plants. */
public final class Angles {

  private static final double TWO_PI = 2.0 * Math.PI;

  private Angles() {}

  /**
   * Wraps an angle to [-pi, pi): {@code ((x + pi) mod 2 pi) - pi} with a floored modulo, exactly
   * Gymnasium's {@code angle_normalize}.
   */
  public static double wrap(double angleRad) {
    double r = (angleRad + Math.PI) % TWO_PI;
    if (r < 0) r += TWO_PI;
    return r - Math.PI;
  }
}
