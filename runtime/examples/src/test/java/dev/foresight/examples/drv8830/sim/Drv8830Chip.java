package dev.foresight.examples.drv8830.sim;

import dev.foresight.sim.hardware.ByteRegisterChip;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A DRV8830 as the bus sees it: CONTROL 0x00 (VSET, IN2, IN1) and FAULT 0x01 (writing CLEAR,
 * bit 7, clears it), both zero at power-on: the bridge coasts until a driver writes.
 */
public final class Drv8830Chip extends ByteRegisterChip {

  private static final int CONTROL = 0x00;
  private static final int FAULT = 0x01;

  public Drv8830Chip(String name, int address, SplittableRandom random) {
    super(name, address, random);
    powerOnReset();
  }

  @Override
  public String type() {
    return "drv8830";
  }

  @Override
  public void powerOnReset() {
    Arrays.fill(regs, (byte) 0);
    pointer = 0;
  }

  @Override
  protected boolean valid(int reg) {
    return reg == CONTROL || reg == FAULT;
  }

  @Override
  protected void store(int reg, byte value) {
    if (reg == FAULT) {
      if ((value & 0x80) != 0) regs[FAULT] = 0;
    } else {
      regs[reg] = value;
    }
  }

  /** The regulated output voltage now, signed (forward positive); 0 when coasting or braking. */
  public double volts() {
    int control = regs[CONTROL] & 0xFF;
    int in = control & 0x03;
    if (in == 0x00 || in == 0x03) return 0.0;
    double volts = (control >> 2) * 4 * 1.285 / 64;
    return in == 0x02 ? volts : -volts;
  }

  /** Whether the bridge coasts (outputs open: no current flows). */
  public boolean coasting() {
    return (regs[CONTROL] & 0x03) == 0;
  }
}
