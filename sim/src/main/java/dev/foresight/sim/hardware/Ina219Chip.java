package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * TI INA219 current and power monitor (0x40..0x4F), as its datasheet describes it:
 * <ul>
 *   <li>16-bit registers, MSB first: CONFIG 0x00 (power-on 0x399F: 32 V range, PGA /8 = 320 mV,
 *       12-bit ADCs, shunt and bus continuous; bit 15 resets), SHUNT 0x01 (signed, 10 uV LSB,
 *       clipped at the PGA range), BUS 0x02 (bits 15:3 in 4 mV, CNVR bit 1, OVF bit 0), POWER
 *       0x03, CURRENT 0x04, CALIBRATION 0x05 (bit 0 always 0);</li>
 *   <li>CURRENT = SHUNT x CALIBRATION / 4096 and POWER = CURRENT x BUS / 5000, both zero until
 *       CALIBRATION is written (it is zero after reset); OVF when either overflows;</li>
 *   <li>a conversion completes every 532 us (12-bit) and sets CNVR, which reading POWER clears;
 *       mode 000 (power-down) stops conversions.</li>
 * </ul>
 * Its invalid-data indication ({@code nan} fault) is an over-range current: SHUNT pinned at the
 * PGA's full scale and OVF set.
 */
public final class Ina219Chip extends WordRegisterChip {

  /** Power-on CONFIG value. */
  public static final int CONFIG_RESET = 0x399F;
  private static final long CONVERSION_NS = 532_000;

  private final double shuntOhms;
  private int config;
  private int shunt;
  private int bus;
  private int power;
  private int current;
  private int calibration;
  private double busVoltageV;
  private double currentA;
  private double busNoiseV;
  private double currentNoiseA;
  private double busBiasV;
  private double currentBiasA;
  private long nextSampleNs = Long.MIN_VALUE;

  /** @param shuntOhms the shunt resistor on the board (what turns current into shunt voltage) */
  public Ina219Chip(String name, int address, double shuntOhms, SplittableRandom random) {
    super(name, address, random);
    this.shuntOhms = shuntOhms;
    powerOnReset();
  }

  @Override
  public String type() {
    return "ina219";
  }

  @Override
  public void powerOnReset() {
    config = CONFIG_RESET;
    shunt = 0;
    bus = 0;
    power = 0;
    current = 0;
    calibration = 0;
    pointer = 0;
    nextSampleNs = Long.MIN_VALUE;
  }

  /** The measured load: bus voltage (V) and current through the shunt (A, signed). */
  public void load(double busVoltageV, double currentA) {
    this.busVoltageV = busVoltageV;
    this.currentA = currentA;
  }

  /** Noise standard deviations: bus voltage (V) and current (A). */
  public void noise(double busV, double currentA) {
    busNoiseV = busV;
    currentNoiseA = currentA;
  }

  /** Constant offsets: bus voltage (V) and current (A). */
  public void bias(double busV, double currentA) {
    busBiasV = busV;
    currentBiasA = currentA;
  }

  @Override
  protected boolean valid(int reg) {
    return reg <= 5;
  }

  @Override
  protected boolean writable(int reg) {
    return reg == 0 || reg == 5;
  }

  @Override
  protected void writeWord(int reg, int value) {
    if (reg == 0) {
      if ((value & 0x8000) != 0) {
        powerOnReset();
      } else {
        config = value;
        bus &= ~0x02;
      }
    } else if (reg == 5) {
      calibration = value & 0xFFFE;
    }
  }

  @Override
  protected int readWord(int reg) {
    return switch (reg) {
      case 0 -> config;
      case 1 -> shunt & 0xFFFF;
      case 2 -> bus;
      case 3 -> power;
      case 4 -> current & 0xFFFF;
      default -> calibration;
    };
  }

  @Override
  protected void onRead(int reg) {
    if (reg == 3) bus &= ~0x02;   // reading POWER clears CNVR
  }

  @Override
  protected void refresh(long nowNs) {
    if ((config & 0x07) == 0 || stuck) return;
    if (nextSampleNs != Long.MIN_VALUE && nowNs < nextSampleNs) return;
    nextSampleNs = nowNs + CONVERSION_NS;
    int pga = (config >> 11) & 0x03;
    int shuntLimit = 4000 << pga;                                        // 40 mV x 2^PG, in 10 uV
    double amps = currentA + currentBiasA + gaussian(currentNoiseA);
    shunt = (int) Math.max(-shuntLimit, Math.min(shuntLimit, Math.round(amps * shuntOhms / 10e-6)));
    if (invalid) shunt = shuntLimit;     // over-range: the shunt voltage is past the PGA's full scale
    int busLimit = (config & 0x2000) != 0 ? 8000 : 4000;                // 32 V or 16 V range, in 4 mV
    double volts = busVoltageV + busBiasV + gaussian(busNoiseV) - amps * shuntOhms;
    int bd = (int) Math.max(0, Math.min(busLimit, Math.round(volts / 4e-3)));
    long currentRaw = (long) shunt * calibration / 4096;
    long powerRaw = Math.abs(currentRaw) * bd / 5000;
    boolean overflow = invalid || Math.abs(currentRaw) > 32767 || powerRaw > 65535;
    current = (int) Math.max(-32768, Math.min(32767, currentRaw));
    power = (int) Math.min(65535, powerRaw);
    bus = bd << 3 | 0x02 | (overflow ? 0x01 : 0);
  }
}
