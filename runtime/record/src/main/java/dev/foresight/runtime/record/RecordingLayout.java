package dev.foresight.runtime.record;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import java.util.List;

/**
 * What a recording's tick channels hold: the names (and units) of the raw channels, state and
 * action variables in vector order, which state variables are wrapped angles, the plan's length,
 * and the loop period. Written into the channels' metadata, so a recording explains itself.
 *
 * @param rawNames     raw sensor channels ({@code RobotIo.rawNames()})
 * @param stateNames   state variables, in vector order
 * @param stateUnits   their units
 * @param wrapped      per state variable: an angle wrapped to [-pi, pi)
 * @param actionNames  action variables, in vector order
 * @param actionUnits  their units
 * @param planHorizon  steps in a plan (0 without a planner)
 * @param periodNs     loop period
 */
public record RecordingLayout(List<String> rawNames, List<String> stateNames, List<String> stateUnits,
    boolean[] wrapped, List<String> actionNames, List<String> actionUnits, int planHorizon, long periodNs) {

  public RecordingLayout {
    rawNames = List.copyOf(rawNames);
    stateNames = List.copyOf(stateNames);
    stateUnits = List.copyOf(stateUnits);
    wrapped = wrapped.clone();
    actionNames = List.copyOf(actionNames);
    actionUnits = List.copyOf(actionUnits);
  }

  /** The layout of a robot's ticks. */
  public static RecordingLayout of(RobotConfig config, List<String> rawNames, int planSize) {
    List<StateVariable> state = config.state();
    boolean[] wrapped = new boolean[state.size()];
    for (int i = 0; i < wrapped.length; i++) wrapped[i] = state.get(i).wrap();
    int actions = config.action().size();
    return new RecordingLayout(rawNames, state.stream().map(StateVariable::name).toList(),
        state.stream().map(StateVariable::unit).toList(), wrapped,
        config.action().stream().map(ActionVariable::name).toList(),
        config.action().stream().map(ActionVariable::unit).toList(), actions > 0 ? planSize / actions : 0,
        config.loop().periodNs());
  }

  /** The names of the wrapped state variables. */
  public List<String> wrappedNames() {
    return java.util.stream.IntStream.range(0, wrapped.length).filter(i -> wrapped[i]).mapToObj(stateNames::get)
        .toList();
  }
}
