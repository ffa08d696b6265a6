package dev.foresight.examples.as5048b.sim;

import dev.foresight.sim.hardware.ByteRegisterChip;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * An AS5048B as the bus sees it: AGC 0xFA, DIAG 0xFB (OCF bit 0, COF bit 1), MAGNITUDE 0xFC-0xFD
 * and ANGLE 0xFE-0xFF (14 bits, the high byte first, the low byte's 6 bits last); read-only.
 */
public final class As5048bChip extends ByteRegisterChip {

  private static final int AGC = 0xFA;
  private static final int DIAG = 0xFB;
  private static final int MAGNITUDE = 0xFC;
  private static final int ANGLE = 0xFE;

  public As5048bChip(String name, int address, SplittableRandom random) {
    super(name, address, random);
    powerOnReset();
  }

  @Override
  public String type() {
    return "as5048b";
  }

  @Override
  public void powerOnReset() {
    Arrays.fill(regs, (byte) 0);
    pointer = 0;
    regs[AGC] = (byte) 0x70;
    regs[DIAG] = 0x01;                       // offset compensation finished
    regs[MAGNITUDE] = (byte) (0x1000 >> 6);
    regs[MAGNITUDE + 1] = (byte) (0x1000 & 0x3F);
  }

  @Override
  protected boolean valid(int reg) {
    return reg >= AGC;
  }

  @Override
  protected boolean writable(int reg) {
    return false;
  }

  /** The magnet's angle, rad (counter-clockwise seen from the magnet side). */
  public void angle(double rad) {
    if (stuck) return;
    long raw = Math.floorMod(Math.round(rad / (2 * Math.PI) * 16384), 16384L);
    regs[ANGLE] = (byte) (raw >> 6);
    regs[ANGLE + 1] = (byte) (raw & 0x3F);
    regs[DIAG] = (byte) (invalid ? 0x03 : 0x01);   // an invalid reading is a CORDIC overflow
  }
}
