package dev.foresight.sim.hardware;

import dev.foresight.config.sim.SimDeviceConfig;
import dev.foresight.sim.PlantSpec;
import java.util.SplittableRandom;

/**
 * What an {@link EmulationFactory} builds one device's emulation from: the device's
 * {@code sim.devices} entry, its own random stream, the plant's variables by name, the GPIO
 * lines, and the emulations built before it.
 */
public final class EmulationContext {

  /** The reference of a channel bound to no plant variable (it reads the chip at rest). */
  public static final int UNBOUND = Integer.MIN_VALUE;

  private final SimHardware hardware;
  private final String device;
  private final SimDeviceConfig sim;
  private final SplittableRandom random;

  EmulationContext(SimHardware hardware, String device, SimDeviceConfig sim, SplittableRandom random) {
    this.hardware = hardware;
    this.device = device;
    this.sim = sim;
    this.random = random;
  }

  /** The device's {@code sim.devices} entry (a still, perfect chip when it has none). */
  public SimDeviceConfig sim() {
    return sim;
  }

  /** The key path of that entry, {@code sim.devices.<name>}, to start messages with. */
  public String at() {
    return "sim.devices." + device;
  }

  /** The device's own seeded stream ({@code device/<name>}): noise and dropouts draw from it. */
  public SplittableRandom random() {
    return random;
  }

  /**
   * The plant variable {@code measures.<channel>} binds, as a {@link PlantReadout} reference, or
   * {@link #UNBOUND}.
   *
   * @throws IllegalArgumentException naming the key and the plant's variables when there is no such variable
   */
  public int measures(String channel) {
    String variable = sim.measures().get(channel);
    return variable == null ? UNBOUND : hardware.readout().reference(at() + ".measures." + channel, variable);
  }

  /**
   * A plant state or observation variable by name, as a {@link PlantReadout} reference.
   *
   * @param key where the name came from, relative to {@link #at()} ({@code speed})
   */
  public int plantVariable(String key, String name) {
    return hardware.readout().reference(at() + "." + key, name);
  }

  /** The plant's variables, units and time step. */
  public PlantSpec plant() {
    return hardware.plant().spec();
  }

  /**
   * Makes this device the one that drives the plant action {@code sim.devices.<name>.drives}
   * names; returns the action's index, or -1 when the entry names none.
   *
   * @throws IllegalArgumentException when the plant has no such action or another device drives it
   */
  public int drives() {
    return sim.drives().map(action -> hardware.bindAction(at() + ".drives", device, action)).orElse(-1);
  }

  /** The header's GPIO lines. */
  public EmulatedGpio gpio() {
    return hardware.gpio();
  }

  /** The emulation of a device built earlier (one this device depends on). */
  public Emulation device(String name) {
    Emulation e = hardware.emulation(name);
    if (e == null) throw new IllegalArgumentException(at() + ": no emulation of '" + name + "' built before it");
    return e;
  }

  /** The motor supply the bridges draw from and a current monitor measures. */
  Supply supply() {
    return hardware.supply();
  }
}
