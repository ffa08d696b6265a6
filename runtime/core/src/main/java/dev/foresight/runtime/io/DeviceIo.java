package dev.foresight.runtime.io;

import com.pi4j.context.Context;
import dev.foresight.drivers.Actuator;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.registry.DeviceRegistry;
import dev.foresight.drivers.registry.DeviceReport;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The robot's I/O through its device drivers: every sensor channel ({@code <device>.<channel>},
 * in config order) is a raw channel, and every action whose target is a device goes to the
 * actuator the target names. On a Raspberry Pi that is every action; in simulation the same
 * drivers talk to emulated chips and {@link EmulatedIo} adds the plant's own variables around them.
 *
 * <p>Built by {@link DeviceIoAssembly}. {@link #sense} and {@link #act} never throw and allocate
 * nothing; driver failures arrive as {@link dev.foresight.drivers.Status} codes.
 */
public final class DeviceIo implements RobotIo {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceIo.class);

  private final Context pi4j;
  private final DeviceRegistry registry;
  private final DeviceReport report;
  private final List<String> rawNames;
  private final Sensor[] sensors;
  private final int[] offsets;
  private final Actuator[] actuators;
  private final int[] actions;
  private final byte[] actionStatus;
  private boolean closed;

  /**
   * @param offsets where each sensor's channels start in the raw vector
   * @param actions the action index each actuator takes its command from
   */
  DeviceIo(Context pi4j, DeviceRegistry registry, DeviceReport report, List<String> rawNames, Sensor[] sensors,
      int[] offsets, Actuator[] actuators, int[] actions) {
    this.pi4j = pi4j;
    this.registry = registry;
    this.report = report;
    this.rawNames = List.copyOf(rawNames);
    this.sensors = sensors;
    this.offsets = offsets;
    this.actuators = actuators;
    this.actions = actions;
    this.actionStatus = new byte[actuators.length];
  }

  /** The drivers' channels, which come first in the raw vector. */
  @Override
  public List<String> rawNames() {
    return rawNames;
  }

  @Override
  public void sense(long nowNs, double[] raw, byte[] status) {
    for (int i = 0; i < sensors.length; i++) sensors[i].read(nowNs, raw, status, offsets[i]);
  }

  /** Writes the actions whose targets are devices; the others are left to whoever serves them. */
  @Override
  public void act(long nowNs, double[] action) {
    for (int i = 0; i < actuators.length; i++) actionStatus[i] = actuators[i].write(nowNs, action[actions[i]]);
  }

  /** The status of each device-targeted action; the others' entries are left as they are. */
  @Override
  public void actionStatus(byte[] status) {
    for (int i = 0; i < actuators.length; i++) status[actions[i]] = actionStatus[i];
  }

  @Override
  public void safe() {
    if (!registry.safeAll()) LOG.warn("not every output confirmed its safe state");
  }

  /** The actuators that action {@code action} drives, made safe; other outputs keep what they have. */
  @Override
  public void safe(int action) {
    for (int i = 0; i < actuators.length; i++) {
      if (actions[i] == action && actuators[i].safe() != dev.foresight.drivers.Status.OK) {
        LOG.warn("output of action {} did not confirm its safe state", action);
      }
    }
  }

  /** The devices' start-up check. */
  public DeviceReport report() {
    return report;
  }

  /** The drivers. */
  public DeviceRegistry registry() {
    return registry;
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
