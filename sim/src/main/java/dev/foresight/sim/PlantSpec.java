package dev.foresight.sim;

import java.util.List;

/**
 * What a plant is: its variables and its time step.
 *
 * @param name        plant name as configs write it
 * @param state       internal state variables, in vector order
 * @param action      action variables, in vector order
 * @param observation observation variables, in vector order
 * @param dtS         simulated time per step, in seconds
 */
public record PlantSpec(
    String name, List<Variable> state, List<Variable> action, List<Variable> observation, double dtS) {

  public PlantSpec {
    state = List.copyOf(state);
    action = List.copyOf(action);
    observation = List.copyOf(observation);
  }

  /** Index of the named state variable, or -1. */
  public int stateIndex(String variable) {
    return indexOf(state, variable);
  }

  /** Index of the named action variable, or -1. */
  public int actionIndex(String variable) {
    return indexOf(action, variable);
  }

  /** State variable names in vector order. */
  public List<String> stateNames() {
    return state.stream().map(Variable::name).toList();
  }

  /** Action variable names in vector order. */
  public List<String> actionNames() {
    return action.stream().map(Variable::name).toList();
  }

  private static int indexOf(List<Variable> variables, String name) {
    for (int i = 0; i < variables.size(); i++) {
      if (variables.get(i).name().equals(name)) return i;
    }
    return -1;
  }
}
