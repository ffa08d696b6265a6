package dev.foresight.sim.hardware;

import java.util.SplittableRandom;

/**
 * TI ADS1115 16-bit ADC (0x48..0x4B), as its datasheet describes it:
 * <ul>
 *   <li>16-bit registers, MSB first: CONVERSION 0x00 (signed), CONFIG 0x01 (power-on 0x8583),
 *       LO_THRESH 0x02 (0x8000), HI_THRESH 0x03 (0x7FFF);</li>
 *   <li>CONFIG: OS bit 15 (write 1 in single-shot mode to start a conversion; reads 0 while
 *       converting, 1 when idle), MUX 14:12 (100..111 = AINx against GND), PGA 11:9 (6.144,
 *       4.096, 2.048, 1.024, 0.512, 0.256 V), MODE bit 8 (1 single-shot), DR 7:5 (8..860 SPS);</li>
 *   <li>a conversion takes 1 / data rate; the result is round(V / FS x 32768), clipped to
 *       -32768..32767 (full scale means out of range).</li>
 * </ul>
 * Differential inputs (MUX 000..011) read the difference of the two inputs.
 */
public final class Ads1115Chip extends WordRegisterChip {

  /** Power-on CONFIG value. */
  public static final int CONFIG_RESET = 0x8583;
  private static final double[] FULL_SCALE_V = {6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256};
  private static final int[] DATA_RATE_SPS = {8, 16, 32, 64, 128, 250, 475, 860};

  private final double[] inputV = new double[4];
  private final double[] noiseV = new double[4];
  private final double[] biasV = new double[4];
  private int config;
  private int conversion;
  private int loThresh;
  private int hiThresh;
  private long nowNs;
  private long doneNs = Long.MIN_VALUE;
  private boolean converting;

  public Ads1115Chip(String name, int address, SplittableRandom random) {
    super(name, address, random);
    powerOnReset();
  }

  @Override
  public String type() {
    return "ads1115";
  }

  @Override
  public void powerOnReset() {
    config = CONFIG_RESET;
    conversion = 0;
    loThresh = 0x8000;
    hiThresh = 0x7FFF;
    converting = false;
    pointer = 0;
  }

  /** The voltage on input {@code channel} (0..3) against GND. */
  public void input(int channel, double volts) {
    inputV[channel] = volts;
  }

  /** Noise standard deviation on an input, V. */
  public void noise(int channel, double volts) {
    noiseV[channel] = volts;
  }

  /** A constant offset on an input, V. */
  public void bias(int channel, double volts) {
    biasV[channel] = volts;
  }

  @Override
  protected boolean valid(int reg) {
    return reg <= 3;
  }

  @Override
  protected boolean writable(int reg) {
    return reg >= 1;
  }

  @Override
  protected void writeWord(int reg, int value) {
    switch (reg) {
      case 1 -> {
        config = value & 0x7FFF;
        boolean singleShot = (value & 0x0100) != 0;
        if (!singleShot || (value & 0x8000) != 0) start();
      }
      case 2 -> loThresh = value;
      case 3 -> hiThresh = value;
      default -> { }
    }
  }

  @Override
  protected int readWord(int reg) {
    return switch (reg) {
      case 0 -> conversion & 0xFFFF;
      case 1 -> config | (converting ? 0 : 0x8000);
      case 2 -> loThresh;
      default -> hiThresh;
    };
  }

  @Override
  protected void refresh(long nowNs) {
    this.nowNs = nowNs;
    if (!converting || nowNs < doneNs) return;
    if (!stuck) conversion = convert();
    boolean continuous = (config & 0x0100) == 0;
    if (continuous) start();
    else converting = false;
  }

  private void start() {
    converting = true;
    doneNs = nowNs + 1_000_000_000L / DATA_RATE_SPS[(config >> 5) & 0x07];
  }

  private int convert() {
    if (invalid) return 32767;
    int mux = (config >> 12) & 0x07;
    double volts = switch (mux) {
      case 0 -> in(0) - in(1);
      case 1 -> in(0) - in(3);
      case 2 -> in(1) - in(3);
      case 3 -> in(2) - in(3);
      default -> in(mux - 4);
    };
    double fullScale = FULL_SCALE_V[(config >> 9) & 0x07];
    return int16(volts / fullScale * 32768.0);
  }

  private double in(int channel) {
    return inputV[channel] + biasV[channel] + gaussian(noiseV[channel]);
  }
}
