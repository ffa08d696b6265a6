package dev.foresight.examples.drv8830.sim;

import dev.foresight.config.DcMotorConfig;
import dev.foresight.examples.drv8830.Drv8830Config;
import dev.foresight.sim.hardware.ChipEmulation;
import dev.foresight.sim.hardware.Emulation;
import dev.foresight.sim.hardware.EmulationContext;
import dev.foresight.sim.hardware.EmulationFactory;
import dev.foresight.sim.hardware.PlantReadout;

/**
 * A DRV8830 and the DC motor on it, turning the plant's torque action: the chip's output voltage
 * drives the motor ({@link DcMotorConfig}: current from voltage and back-EMF, torque from current,
 * Coulomb friction); braking shorts it, coasting leaves it open.
 */
public final class Drv8830Emulation extends ChipEmulation<Drv8830Chip> {

  private final DcMotorConfig motor;
  private final int speed;
  private final int action;

  Drv8830Emulation(Drv8830Chip chip, DcMotorConfig motor, int speed, int action) {
    super(chip);
    this.motor = motor;
    this.speed = speed;
    this.action = action;
  }

  @Override
  public void actuate(PlantReadout plant, double[] actions) {
    if (action < 0) return;
    double omega = plant.value(speed);
    double current = chip.coasting() ? 0.0 : motor.currentA(chip.volts(), omega);
    double torque = motor.torqueNm(current);
    if (Math.abs(omega) > 1e-6) torque -= Math.copySign(motor.frictionNm(), omega);
    else torque = Math.abs(torque) <= motor.frictionNm() ? 0.0 : torque - Math.copySign(motor.frictionNm(), torque);
    actions[action] = torque;
  }

  /** Emulates {@code type: drv8830} devices driving a torque through {@code motor}, back-EMF from {@code speed}. */
  public static final class Factory implements EmulationFactory<Drv8830Config> {

    @Override
    public Class<Drv8830Config> config() {
      return Drv8830Config.class;
    }

    @Override
    public Emulation create(Drv8830Config device, EmulationContext context) {
      Drv8830Chip chip = new Drv8830Chip(device.name(), device.address(), context.random());
      int action = context.drives();
      if (action < 0) return new Drv8830Emulation(chip, null, EmulationContext.UNBOUND, -1);
      String at = context.at();
      DcMotorConfig motor = context.sim().motor()
          .orElseThrow(() -> new IllegalArgumentException(at + ".motor: give the motor the DRV8830 drives"));
      String speed = context.sim().speed()
          .orElseThrow(() -> new IllegalArgumentException(at + ".speed: name the plant's output speed, e.g. theta_dot"));
      return new Drv8830Emulation(chip, motor, context.plantVariable("speed", speed), action);
    }
  }
}
