package dev.foresight.sim.hardware;

import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.ArrayList;
import java.util.List;

/**
 * The plant's state and observation after a step, read by name: emulated sensors measure any
 * state or observation variable. Refreshed once per step, read without allocation. References
 * come from {@link EmulationContext#measures} and {@link EmulationContext#plantVariable}.
 */
public final class PlantReadout {

  private final Plant plant;
  private final double[] state;
  private final double[] observation;

  PlantReadout(Plant plant) {
    this.plant = plant;
    this.state = new double[plant.spec().state().size()];
    this.observation = new double[plant.spec().observation().size()];
  }

  void refresh() {
    plant.state(state);
    plant.observation(observation);
  }

  /**
   * A reference to the named variable: a state variable if there is one, else an observation.
   *
   * @param at where the name came from, for the message
   * @throws IllegalArgumentException naming the plant's variables when there is no such variable
   */
  int reference(String at, String name) {
    PlantSpec spec = plant.spec();
    int s = spec.stateIndex(name);
    if (s >= 0) return s;
    for (int i = 0; i < spec.observation().size(); i++) {
      if (spec.observation().get(i).name().equals(name)) return -1 - i;
    }
    List<String> names = new ArrayList<>(spec.stateNames());
    for (Variable v : spec.observation()) if (!names.contains(v.name())) names.add(v.name());
    throw new IllegalArgumentException(at + ": plant " + spec.name() + " has no variable '" + name + "' (it has "
        + String.join(", ", names) + ")");
  }

  /** The value of a referenced variable after the last step. */
  public double value(int reference) {
    return reference >= 0 ? state[reference] : observation[-1 - reference];
  }

  Plant plant() {
    return plant;
  }
}
