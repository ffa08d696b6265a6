package dev.foresight.runtime.learn.trainer;

import dev.foresight.config.Angles;
import java.util.Arrays;
import java.util.List;

/**
 * Transitions {@code (state, action) -> next state}, row-major, with the episode each came from
 * (validation holds out whole episodes, so it measures generalization to new runs, not to the next
 * tick of a run it has seen).
 *
 * @param stateNames  state variable names, in column order
 * @param actionNames action variable names, in column order
 * @param wrapped     which state variables are angles wrapped to [-pi, pi) (deltas are taken the short way)
 * @param states      {@code count x S}
 * @param actions     {@code count x A}
 * @param next        {@code count x S}
 * @param episodes    episode id per transition
 */
public record Transitions(List<String> stateNames, List<String> actionNames, boolean[] wrapped, double[] states,
    double[] actions, double[] next, int[] episodes) {

  public Transitions {
    stateNames = List.copyOf(stateNames);
    actionNames = List.copyOf(actionNames);
    int n = episodes.length;
    if (states.length != n * stateNames.size() || next.length != n * stateNames.size()
        || actions.length != n * actionNames.size() || wrapped.length != stateNames.size()) {
      throw new IllegalArgumentException("transition arrays do not match " + n + " rows of "
          + stateNames.size() + " states and " + actionNames.size() + " actions");
    }
  }

  /** Number of transitions. */
  public int count() {
    return episodes.length;
  }

  /** State size S. */
  public int stateSize() {
    return stateNames.size();
  }

  /** Action size A. */
  public int actionSize() {
    return actionNames.size();
  }

  /** Distinct episodes. */
  public int episodeCount() {
    return (int) Arrays.stream(episodes).distinct().count();
  }

  /** The state delta of row {@code i}, variable {@code j}, wrapped for angles. */
  public double delta(int i, int j) {
    int s = stateSize();
    double d = next[i * s + j] - states[i * s + j];
    return wrapped[j] ? Angles.wrap(d) : d;
  }
}
