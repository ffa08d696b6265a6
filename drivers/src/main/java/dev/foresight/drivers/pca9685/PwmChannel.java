package dev.foresight.drivers.pca9685;

import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Status;

/**
 * One PCA9685 output as an actuator: the command is the duty, 0..1 (clipped). Safe state: full
 * off. {@link #pulseUs} drives a hobby servo (1000..2000 us at 50 Hz).
 */
public final class PwmChannel implements Actuator {

  private final Pca9685 chip;
  private final int n;

  PwmChannel(Pca9685 chip, int n) {
    this.chip = chip;
    this.n = n;
  }

  @Override
  public String name() {
    return chip.name() + "." + n;
  }

  @Override
  public String type() {
    return "pca9685 channel";
  }

  @Override
  public String location() {
    return chip.location() + " channel " + n;
  }

  @Override
  public boolean required() {
    return chip.required();
  }

  /** Started with its chip. */
  @Override
  public SelfTest start(long nowNs) {
    return SelfTest.ok("channel of " + chip.name());
  }

  @Override
  public byte write(long nowNs, double duty) {
    return chip.setDuty(nowNs, n, duty);
  }

  /**
   * A servo pulse: {@code micros} high per period (e.g. 1500 us at 50 Hz is centre).
   *
   * @return a {@link Status}
   */
  public byte pulseUs(long nowNs, double micros) {
    return chip.setDuty(nowNs, n, micros * 1e-6 * chip.frequencyHz());
  }

  @Override
  public byte safe() {
    return chip.forceOff(chip.context().clockNs().getAsLong(), n);
  }

  @Override
  public String safeState() {
    return "full off";
  }

  /** Full off, read back from the chip's registers. */
  @Override
  public String verifySafe() {
    long now = chip.context().clockNs().getAsLong();
    if (safe() != Status.OK) return "cannot switch channel " + n + " off";
    return chip.verifyOff(now, n);
  }

  /** The chip. */
  public Pca9685 chip() {
    return chip;
  }

  /** The channel number. */
  public int number() {
    return n;
  }

  @Override
  public void close() {
    safe();
  }
}
