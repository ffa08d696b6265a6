package dev.foresight.runtime.io;

import com.pi4j.context.Context;
import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.registry.DeviceRegistry;
import dev.foresight.drivers.registry.DeviceReport;
import dev.foresight.sim.SimRun;
import dev.foresight.sim.hardware.SimHardware;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot's I/O through its device drivers: every sensor channel ({@code <device>.<channel>},
 * in config order) is a raw channel, every action goes to the actuator its target names. In
 * simulation the drivers talk to emulated chips, {@code plant.<variable>} sources (a state
 * variable, or else an observation) and targets still reach the plant directly, and each {@link #act} steps the plant once, as {@link PlantIo}
 * does.
 *
 * <p>Built by {@link DeviceIoAssembly}. {@link #sense} and {@link #act} never throw and allocate
 * nothing; driver failures arrive as {@link ChannelStatus} codes.
 */
public final class DeviceIo implements RobotIo {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceIo.class);

  private final Context pi4j;
  private final DeviceRegistry registry;
  private final DeviceReport report;
  private final List<String> rawNames;
  private final Sensor[] sensors;
  private final int[] offsets;
  private final int[] plantSources;
  private final int plantOffset;
  private final Actuator[] actuators;
  private final int[] plantTargets;
  private final byte[] actionStatus;
  private final SimHardware sim;
  private final SimRun run;
  private final double[] plantState;
  private final double[] plantObservation;
  private volatile double lastCost = Double.NaN;
  private boolean closed;

  DeviceIo(Context pi4j, DeviceRegistry registry, DeviceReport report, List<String> rawNames, Sensor[] sensors,
      int[] offsets, int[] plantSources, Actuator[] actuators, int[] plantTargets, SimHardware sim, SimRun run) {
    this.pi4j = pi4j;
    this.registry = registry;
    this.report = report;
    this.rawNames = List.copyOf(rawNames);
    this.sensors = sensors;
    this.offsets = offsets;
    this.plantSources = plantSources;
    this.plantOffset = rawNames.size() - plantSources.length;
    this.actuators = actuators;
    this.plantTargets = plantTargets;
    this.actionStatus = new byte[actuators.length];
    this.sim = sim;
    this.run = run;
    this.plantState = sim != null ? new double[sim.plant().spec().state().size()] : new double[0];
    this.plantObservation = sim != null ? new double[sim.plant().spec().observation().size()] : new double[0];
  }

  @Override
  public List<String> rawNames() {
    return rawNames;
  }

  @Override
  public void sense(long nowNs, double[] raw, byte[] status) {
    for (int i = 0; i < sensors.length; i++) sensors[i].read(nowNs, raw, status, offsets[i]);
    if (plantSources.length > 0) {
      sim.plant().state(plantState);
      sim.plant().observation(plantObservation);
      for (int i = 0; i < plantSources.length; i++) {
        int source = plantSources[i];
        raw[plantOffset + i] = source >= 0 ? plantState[source] : plantObservation[-1 - source];
        status[plantOffset + i] = ChannelStatus.OK;
      }
    }
  }

  @Override
  public void act(long nowNs, double[] action) {
    for (int i = 0; i < actuators.length; i++) {
      if (actuators[i] != null) {
        actionStatus[i] = actuators[i].write(nowNs, action[i]);
      } else {
        sim.plantAction(plantTargets[i], action[i]);
        actionStatus[i] = ChannelStatus.OK;
      }
    }
    if (sim != null) lastCost = -sim.step();
  }

  @Override
  public void actionStatus(byte[] status) {
    System.arraycopy(actionStatus, 0, status, 0, actionStatus.length);
  }

  @Override
  public void safe() {
    if (!registry.safeAll()) LOG.warn("not every output confirmed its safe state");
  }

  @Override
  public double plantCost() {
    return lastCost;
  }

  /** The devices' start-up check. */
  public DeviceReport report() {
    return report;
  }

  /** The drivers. */
  public DeviceRegistry registry() {
    return registry;
  }

  /** The simulated run (seed, parameters as drawn, initial state), in simulation. */
  public java.util.Optional<SimRun> run() {
    return java.util.Optional.ofNullable(run);
  }

  /** The emulated hardware, in simulation. */
  public java.util.Optional<SimHardware> simulation() {
    return java.util.Optional.ofNullable(sim);
  }

  /** Outputs safe, drivers closed, then the Pi4J context shut down (which applies the pins' shutdown states). */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    registry.close();
    try {
      pi4j.shutdown();
    } catch (RuntimeException e) {
      LOG.warn("Pi4J shutdown failed: {}", e.toString());
    }
  }
}
