package dev.foresight.sim.hardware;


import dev.foresight.config.device.Mpu6050Config;
import dev.foresight.config.sim.SimDeviceConfig;
import java.util.List;
/**
 * An MPU-6050 whose channels follow plant variables: {@code accel_x..z} (m/s^2, specific force),
 * {@code gyro_x..z} (rad/s), {@code temperature} (degC). Unbound channels read the chip at rest,
 * flat: 0, 0, +g, no rotation, 25 degC.
 */
public final class Mpu6050Emulation extends ChipEmulation<Mpu6050Chip> {

  /** Plant reference per chip channel, or Integer.MIN_VALUE when unbound. */
  private final int[] references;

  Mpu6050Emulation(Mpu6050Chip chip, int[] references) {
    super(chip);
    this.references = references.clone();
  }

  @Override
  public void sense(PlantReadout plant) {
    for (int c = 0; c < references.length; c++) {
      if (references[c] != Integer.MIN_VALUE) chip.input(c, plant.value(references[c]));
    }
  }

  /** Emulates {@code mpu6050} devices, with noise and bias per channel. */
  public static final class Factory implements EmulationFactory<Mpu6050Config> {

    @Override
    public Class<Mpu6050Config> config() {
      return Mpu6050Config.class;
    }

    @Override
    public Emulation create(Mpu6050Config device, EmulationContext context) {
      Mpu6050Chip chip = new Mpu6050Chip(device.name(), device.address(), Mpu6050Chip.WHO_AM_I_VALUE, context.random());
      SimDeviceConfig s = context.sim();
      List<String> channels = device.channels();
      int[] references = new int[channels.size()];
      for (int c = 0; c < references.length; c++) {
        String channel = channels.get(c);
        references[c] = context.measures(channel);
        if (s.noise().containsKey(channel)) chip.noise(c, s.noise().get(channel));
        if (s.bias().containsKey(channel)) chip.bias(c, s.bias().get(channel));
      }
      return new Mpu6050Emulation(chip, references);
    }
  }
}
