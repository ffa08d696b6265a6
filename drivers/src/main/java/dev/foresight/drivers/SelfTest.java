package dev.foresight.drivers;

/**
 * What a device's start-up check found.
 *
 * @param verdict  the outcome
 * @param identity what the device says it is, e.g. {@code AS5600, magnet ok, AGC 64}; empty when unknown
 * @param message  empty when ok; otherwise what is wrong and what to check
 */
public record SelfTest(Verdict verdict, String identity, String message) {

  /** Outcomes, worst last. */
  public enum Verdict {
    /** Found, the right chip, configured, valid readings. */
    OK,
    /** Found and identified, but not working (bad reading, configuration failed, safe state not reached). */
    FAULT,
    /** Something answers, but not the chip the config names. */
    WRONG_CHIP,
    /** Nothing answers (or the bus or pins cannot be opened). */
    MISSING
  }

  /** Started and working. */
  public static SelfTest ok(String identity) {
    return new SelfTest(Verdict.OK, identity, "");
  }

  /** Found but not usable. */
  public static SelfTest fault(String identity, String message) {
    return new SelfTest(Verdict.FAULT, identity, message);
  }

  /** Another chip answers at the address. */
  public static SelfTest wrongChip(String message) {
    return new SelfTest(Verdict.WRONG_CHIP, "", message);
  }

  /** Not found at all. */
  public static SelfTest missing(String message) {
    return new SelfTest(Verdict.MISSING, "", message);
  }

  /** Whether the device answered. */
  public boolean found() {
    return verdict != Verdict.MISSING;
  }

  /** Whether it is ready to use. */
  public boolean ok() {
    return verdict == Verdict.OK;
  }
}
