package dev.foresight.sim.hardware.pi4j;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProviderBase;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import java.util.HashMap;
import java.util.Map;

/**
 * Pi4J I2C provider backed by the simulator's emulated buses. Registered in a Pi4J context like
 * any plugin's provider, so drivers create their {@code I2C} devices the usual way:
 * <pre>{@code
 * Context pi4j = Pi4J.newContextBuilder().noAutoDetect().add(hardware.pi4jProviders()).build();
 * I2C pivot = pi4j.create(I2C.newConfigBuilder(pi4j).id("pivot").bus(1).device(0x36));
 * }</pre>
 */
public final class SimI2CProvider extends I2CProviderBase {

  /** Provider id. */
  public static final String ID = "foresight-sim-i2c";

  private final Map<Integer, SimI2CBus> buses = new HashMap<>();

  /** A provider for these buses. */
  public SimI2CProvider(Iterable<EmulatedI2cBus> emulated) {
    super(ID, "Foresight simulated I2C");
    for (EmulatedI2cBus bus : emulated) buses.put(bus.number(), new SimI2CBus(bus));
  }

  @Override
  public int getPriority() {
    return 1000;
  }

  @Override
  public I2C create(I2CConfig config) {
    SimI2CBus bus = buses.get(config.bus());
    if (bus == null) {
      throw new Pi4JException("I2C bus " + config.bus() + " does not exist in the simulation (no /dev/i2c-"
          + config.bus() + "); it has " + buses.keySet());
    }
    SimI2C i2c = new SimI2C(this, config, bus);
    this.context.registry().add(i2c);
    return i2c;
  }
}
