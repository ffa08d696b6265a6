package dev.foresight.sim;

import java.util.List;

/**
 * What a plant is: its variables, its time step and its physical parameters.
 *
 * @param name        plant name as configs write it
 * @param state       internal state variables, in vector order
 * @param action      action variables, in vector order
 * @param observation observation variables, in vector order
 * @param dtS         simulated time per step, in seconds
 * @param parameters  the physical parameters in use (empty for a plant without any)
 */
public record PlantSpec(
    String name, List<Variable> state, List<Variable> action, List<Variable> observation, double dtS,
    List<Parameter> parameters) {

  public PlantSpec {
    state = List.copyOf(state);
    action = List.copyOf(action);
    observation = List.copyOf(observation);
    parameters = List.copyOf(parameters);
  }

  /** A spec without parameters. */
  public PlantSpec(String name, List<Variable> state, List<Variable> action, List<Variable> observation, double dtS) {
    this(name, state, action, observation, dtS, List.of());
  }

  /** Index of the named state variable, or -1. */
  public int stateIndex(String variable) {
    return indexOf(state, variable);
  }

  /** Index of the named action variable, or -1. */
  public int actionIndex(String variable) {
    return indexOf(action, variable);
  }

  /** Index of the named observation variable, or -1. */
  public int observationIndex(String variable) {
    return indexOf(observation, variable);
  }

  /** State variable names in vector order. */
  public List<String> stateNames() {
    return state.stream().map(Variable::name).toList();
  }

  /** Action variable names in vector order. */
  public List<String> actionNames() {
    return action.stream().map(Variable::name).toList();
  }

  /** Observation variable names in vector order. */
  public List<String> observationNames() {
    return observation.stream().map(Variable::name).toList();
  }

  private static int indexOf(List<Variable> variables, String name) {
    for (int i = 0; i < variables.size(); i++) {
      if (variables.get(i).name().equals(name)) return i;
    }
    return -1;
  }
}
