package dev.foresight.drivers;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.RobotConfig;
import dev.foresight.drivers.registry.DeviceRegistry;
import dev.foresight.sim.Plant;
import dev.foresight.sim.Plants;
import dev.foresight.sim.hardware.SimHardware;
import java.nio.file.Path;

/**
 * A robot config's devices on the simulator's emulated chips, with the drivers on top: the
 * fixture every driver test uses. Time is stepped by hand ({@link #tick()} advances the driver
 * clock one loop period and the plant one step).
 */
public final class Emulated implements AutoCloseable {

  public final RobotConfig config;
  public final Plant plant;
  public final SimHardware hw;
  public final Context pi4j;
  public final DriverContext context;
  public final DeviceRegistry devices;
  public long nowNs = 1_000_000_000L;

  private Emulated(RobotConfig config, double[] initialState) {
    this.config = config;
    this.plant = Plants.create(config.sim().orElseThrow().plant());
    plant.reset(initialState);
    this.hw = SimHardware.create(config, plant, () -> nowNs);
    this.pi4j = Pi4J.newContextBuilder().noAutoDetect().add(hw.pi4jProviders()).build();
    this.context = new DriverContext(pi4j, () -> nowNs, config.hardware().defaultBus());
    this.devices = DeviceRegistry.create(config, context);
  }

  /** Devices and their sim bindings in YAML (without robot/state/action boilerplate when absent). */
  public static Emulated of(String yaml, double... initialState) {
    String text = yaml.contains("robot:") ? yaml : """
        robot: {id: test}
        loop: {rate_hz: 20}
        hardware: {platform: sim}
        """ + yaml + (yaml.contains("state:") ? "" : """
        state: [{name: theta, wrap: true, source: plant.theta}, {name: theta_dot, source: plant.theta_dot}]
        action: [{name: torque, min: -2, max: 2, target: plant.torque}]
        controller: {type: swingup}
        """);
    try {
      RobotConfig config = ConfigLoader.parse(text, Path.of("test.yaml"));
      return new Emulated(config, initialState.length > 0 ? initialState : new double[] {0.0, 0.0});
    } catch (ConfigException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** The named sensor. */
  public Sensor sensor(String name) {
    return (Sensor) devices.device(name).orElseThrow();
  }

  /** Advances the driver clock by one 50 ms period and the plant by one step. */
  public void tick() {
    hw.step();
    nowNs += 50_000_000L;
  }

  /** Advances only the driver clock (no plant step). */
  public void advanceMs(long ms) {
    nowNs += ms * 1_000_000L;
  }

  @Override
  public void close() {
    devices.close();
    pi4j.shutdown();
  }
}
