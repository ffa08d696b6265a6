package dev.foresight.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change of a simulated robot, as a model trained on the nominal one meets it in the field: its
 * physics (parameters scaled or set), its actuators (a weaker motor, more latency) and its sensors
 * (a constant bias). Applied mid-run by a {@link ChangingPlant}. Immutable; build by chaining.
 *
 * <pre>{@code
 * PlantChange heavier = PlantChange.none().scale("mass", 1.3);
 * PlantChange weakMotor = PlantChange.none().actuatorGain(0.7);
 * PlantChange biased = PlantChange.none().sensorBias("theta", 0.1);
 * }</pre>
 *
 * @param scale        parameters multiplied by a factor (name to factor)
 * @param set          parameters set to a value (name to value, in the parameter's unit)
 * @param actuatorGain every action is multiplied by this before the plant applies it (1: unchanged)
 * @param latencyTicks extra plant steps before an action reaches the plant (0: unchanged)
 * @param sensorBias   offsets added to the state variables as the sensors read them (name to offset)
 */
public record PlantChange(Map<String, Double> scale, Map<String, Double> set, double actuatorGain, int latencyTicks,
    Map<String, Double> sensorBias) {

  /** Checks the values; copies the maps. */
  public PlantChange {
    scale = Map.copyOf(scale);
    set = Map.copyOf(set);
    sensorBias = Map.copyOf(sensorBias);
    if (!(actuatorGain >= 0) || Double.isInfinite(actuatorGain)) {
      throw new IllegalArgumentException("actuator gain " + actuatorGain + " must be finite and >= 0");
    }
    if (latencyTicks < 0) throw new IllegalArgumentException("latency " + latencyTicks + " ticks must be >= 0");
    for (Map.Entry<String, Double> e : scale.entrySet()) {
      if (!(e.getValue() > 0) || Double.isInfinite(e.getValue())) {
        throw new IllegalArgumentException(e.getKey() + ": scale " + e.getValue() + " must be finite and > 0");
      }
    }
    for (Map.Entry<String, Double> e : sensorBias.entrySet()) {
      if (!Double.isFinite(e.getValue())) throw new IllegalArgumentException(e.getKey() + ": bias must be finite");
    }
  }

  /** No change at all. */
  public static PlantChange none() {
    return new PlantChange(Map.of(), Map.of(), 1.0, 0, Map.of());
  }

  /** This change, with parameter {@code name} multiplied by {@code factor} as well. */
  public PlantChange scale(String name, double factor) {
    return new PlantChange(put(scale, name, factor), set, actuatorGain, latencyTicks, sensorBias);
  }

  /** This change, with parameter {@code name} set to {@code value} as well. */
  public PlantChange set(String name, double value) {
    return new PlantChange(scale, put(set, name, value), actuatorGain, latencyTicks, sensorBias);
  }

  /** This change, with the actuators' gain {@code gain}. */
  public PlantChange actuatorGain(double gain) {
    return new PlantChange(scale, set, gain, latencyTicks, sensorBias);
  }

  /** This change, with {@code ticks} extra steps of actuation latency. */
  public PlantChange latency(int ticks) {
    return new PlantChange(scale, set, actuatorGain, ticks, sensorBias);
  }

  /** This change, with state variable {@code name} read {@code offset} off. */
  public PlantChange sensorBias(String name, double offset) {
    return new PlantChange(scale, set, actuatorGain, latencyTicks, put(sensorBias, name, offset));
  }

  /** Whether the physics change (a new set of parameters), not only the actuators or sensors. */
  public boolean changesParameters() {
    return !scale.isEmpty() || !set.isEmpty();
  }

  /**
   * {@code parameters} with this change's scaling and setting applied.
   *
   * @throws IllegalArgumentException naming the parameter, for a name the plant does not have or a
   *                                  value outside its range
   */
  public Parameters applyTo(Parameters parameters) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : scale.entrySet()) {
      if (!parameters.has(e.getKey())) throw new IllegalArgumentException(parameters.unknown(e.getKey()));
      values.put(e.getKey(), parameters.get(e.getKey()) * e.getValue());
    }
    values.putAll(set);
    return parameters.with(values);
  }

  /**
   * The sensor bias per state variable of {@code spec}, in its order.
   *
   * @throws IllegalArgumentException for a name that is not one of the plant's state variables
   */
  public double[] biasVector(PlantSpec spec) {
    List<String> names = spec.stateNames();
    double[] out = new double[names.size()];
    for (Map.Entry<String, Double> e : sensorBias.entrySet()) {
      int i = names.indexOf(e.getKey());
      if (i < 0) {
        throw new IllegalArgumentException("sensor bias: plant " + spec.name() + " has no state variable '"
            + e.getKey() + "' (it has " + String.join(", ", names) + ")");
      }
      out[i] = e.getValue();
    }
    return out;
  }

  private static Map<String, Double> put(Map<String, Double> m, String k, double v) {
    Map<String, Double> out = new LinkedHashMap<>(m);
    out.put(k, v);
    return out;
  }
}
