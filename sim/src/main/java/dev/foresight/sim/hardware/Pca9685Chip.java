package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * NXP PCA9685 16-channel 12-bit PWM controller, as its datasheet describes it:
 * <ul>
 *   <li>registers MODE1 0x00, MODE2 0x01, SUBADR1..3 0x02-04, ALLCALLADR 0x05, LEDn_ON_L/H and
 *       LEDn_OFF_L/H from 0x06 + 4n, ALL_LED_ON/OFF 0xFA-FD (write only, read as zero), PRE_SCALE
 *       0xFE; 0x46-0xF9 are reserved and not acknowledged;</li>
 *   <li>power-on values MODE1 0x11 (SLEEP, ALLCALL), MODE2 0x04, SUBADR 0xE2/0xE4/0xE8,
 *       ALLCALLADR 0xE0, every LEDn_OFF_H 0x10 (full off), PRE_SCALE 0x1E (200 Hz);</li>
 *   <li>auto-increment only with MODE1.AI (bit 5): past 0x45 the pointer returns to MODE1, and
 *       0xFA..0xFE rolls over to 0x00;</li>
 *   <li>PRE_SCALE writes are ignored unless SLEEP is set; the hardware forces a minimum of 3;
 *       f = 25 MHz / (4096 (PRE_SCALE + 1));</li>
 *   <li>per channel, full OFF (OFF_H bit 4) wins over full ON (ON_H bit 4), otherwise the duty is
 *       (OFF - ON) mod 4096 / 4096; asleep (oscillator off) only full ON drives an output;</li>
 *   <li>going to sleep with PWM running sets RESTART (bit 7); writing 1 to it clears it.</li>
 * </ul>
 * The active-low OE pin is wired by the simulator ({@link #outputEnable}); with OE high and the
 * reset MODE2 (OUTNE = 00) every output is low. MODE2's INVRT and OUTDRV are not emulated.
 */
public final class Pca9685Chip extends ByteRegisterChip {

  /** Internal oscillator, Hz. */
  public static final double OSCILLATOR_HZ = 25_000_000.0;

  private static final int MODE1 = 0x00;
  private static final int LED0 = 0x06;
  private static final int ALL_LED = 0xFA;
  private static final int PRE_SCALE = 0xFE;
  private static final int SLEEP = 0x10;
  private static final int AI = 0x20;
  private static final int RESTART = 0x80;

  private boolean outputEnable = true;
  private long ledWrites;

  public Pca9685Chip(String name, int address, SplittableRandom random) {
    super(name, address, random);
    powerOnReset();
  }

  @Override
  public String type() {
    return "pca9685";
  }

  @Override
  public void powerOnReset() {
    java.util.Arrays.fill(regs, (byte) 0);
    regs[MODE1] = 0x11;
    regs[0x01] = 0x04;
    regs[0x02] = (byte) 0xE2;
    regs[0x03] = (byte) 0xE4;
    regs[0x04] = (byte) 0xE8;
    regs[0x05] = (byte) 0xE0;
    for (int n = 0; n < 16; n++) regs[LED0 + 4 * n + 3] = 0x10;
    regs[PRE_SCALE] = 0x1E;
    pointer = 0;
  }

  /** The OE pin's effect: true while OE is low (outputs enabled). */
  public void outputEnable(boolean enabled) {
    outputEnable = enabled;
  }

  /** Writes that reached any LEDn or ALL_LED register. */
  public long ledWrites() {
    return ledWrites;
  }

  @Override
  protected boolean valid(int reg) {
    return reg <= 0x45 || reg >= ALL_LED;
  }

  @Override
  protected int next(int reg) {
    if ((regs[MODE1] & AI) == 0) return reg;
    if (reg == 0x45 || reg == PRE_SCALE) return 0;
    return (reg + 1) & 0xFF;
  }

  @Override
  protected void store(int reg, byte value) {
    switch (reg) {
      case MODE1 -> {
        int old = regs[MODE1] & 0xFF;
        int v = value & 0x7F;
        boolean sleeping = (v & SLEEP) != 0;
        int restart = old & RESTART;
        if ((value & RESTART) != 0) restart = 0;
        else if (sleeping && (old & SLEEP) == 0 && anyPwmRunning()) restart = RESTART;
        regs[MODE1] = (byte) (v | restart);
      }
      case PRE_SCALE -> {
        if ((regs[MODE1] & SLEEP) != 0) regs[PRE_SCALE] = (byte) Math.max(3, value & 0xFF);
      }
      case 0xFA, 0xFB, 0xFC, 0xFD -> {
        ledWrites++;
        for (int n = 0; n < 16; n++) regs[LED0 + 4 * n + (reg - ALL_LED)] = value;
      }
      case 0xFF -> { }   // TestMode: reserved, ignored
      default -> {
        if (reg >= LED0) ledWrites++;
        regs[reg] = value;
      }
    }
  }

  @Override
  protected byte load(int reg) {
    return reg >= ALL_LED && reg <= 0xFD ? 0 : regs[reg];
  }

  /** PWM frequency from PRE_SCALE, Hz. */
  public double frequencyHz() {
    return OSCILLATOR_HZ / (4096.0 * (register(PRE_SCALE) + 1));
  }

  /** Whether the oscillator is off (MODE1.SLEEP). */
  public boolean sleeping() {
    return (regs[MODE1] & SLEEP) != 0;
  }

  /** The fraction of each period channel {@code n} is high, 0..1, with OE and sleep applied. */
  public double duty(int n) {
    if (!outputEnable) return 0.0;
    int base = LED0 + 4 * n;
    if ((regs[base + 3] & 0x10) != 0) return 0.0;                 // full OFF wins
    if ((regs[base + 1] & 0x10) != 0) return 1.0;                 // full ON
    if (sleeping()) return 0.0;
    int on = (regs[base + 1] & 0x0F) << 8 | (regs[base] & 0xFF);
    int off = (regs[base + 3] & 0x0F) << 8 | (regs[base + 2] & 0xFF);
    return ((off - on) & 0x0FFF) / 4096.0;
  }

  private boolean anyPwmRunning() {
    for (int n = 0; n < 16; n++) {
      int base = LED0 + 4 * n;
      if ((regs[base + 3] & 0x10) == 0 && (regs[base + 1] & 0x10) == 0) return true;
    }
    return false;
  }
}
