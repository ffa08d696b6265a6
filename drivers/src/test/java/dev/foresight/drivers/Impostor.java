package dev.foresight.drivers;

import dev.foresight.sim.hardware.ByteRegisterChip;
import java.util.SplittableRandom;

/** Some other chip at the address: every register exists and reads {@code value}. */
public final class Impostor extends ByteRegisterChip {

  private final int value;

  public Impostor(int address, int value) {
    super("impostor", address, new SplittableRandom(1));
    this.value = value;
    powerOnReset();
  }

  @Override
  public String type() {
    return "impostor";
  }

  @Override
  public void powerOnReset() {
    java.util.Arrays.fill(regs, (byte) value);
  }

  @Override
  protected boolean valid(int reg) {
    return true;
  }
}
