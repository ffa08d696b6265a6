package dev.foresight.models.world;

/**
 * The network inputs of a world model whose state has angles: a wrapped angle enters as its sine
 * and cosine (continuous where the angle jumps from pi to -pi, and never outside what training
 * saw), every other state variable and every action as it is. The compact layout, in order: per
 * state variable either {@code x} or {@code sin x, cos x}, then the actions.
 *
 * <p>The graph computes the features as {@code Concat(state, Sin(state), Cos(state), action)} and
 * lets the first layer's weights pick the columns it uses ({@link #expandedIndex}); the predicted
 * angle is wrapped back to [-pi, pi). Nothing is clamped: an out-of-range velocity reaches the
 * network as it is.
 *
 * @param wrapped per state variable: an angle wrapped to [-pi, pi)
 * @param actions action variables
 */
public record AngleFeatures(boolean[] wrapped, int actions) {

  public AngleFeatures {
    wrapped = wrapped.clone();
  }

  /** Features for a state of {@code states} variables without angles. */
  public static AngleFeatures none(int states, int actions) {
    return new AngleFeatures(new boolean[states], actions);
  }

  /** State variables. */
  public int states() {
    return wrapped.length;
  }

  /** Wrapped angles among them. */
  public int angles() {
    int n = 0;
    for (boolean w : wrapped) if (w) n++;
    return n;
  }

  /** Whether any state variable is an angle. */
  public boolean any() {
    return angles() > 0;
  }

  /** Network inputs in the compact layout: S + angles + A. */
  public int width() {
    return states() + angles() + actions;
  }

  /** Width of the graph's expanded layout {@code [state, sin(state), cos(state), action]}: 3S + A (S + A without angles). */
  public int expandedWidth() {
    return any() ? 3 * states() + actions : states() + actions;
  }

  /** For each compact column, its column in the expanded layout. */
  public int[] expandedIndex() {
    int s = states();
    int[] index = new int[width()];
    int c = 0;
    for (int i = 0; i < s; i++) {
      if (wrapped[i] && any()) {
        index[c++] = s + i;
        index[c++] = 2 * s + i;
      } else {
        index[c++] = i;
      }
    }
    int actionStart = any() ? 3 * s : s;
    for (int j = 0; j < actions; j++) index[c++] = actionStart + j;
    return index;
  }

  /** Writes the compact features of one (state, action) into {@code out} from {@code offset}. */
  public void compute(double[] state, int stateOffset, double[] action, int actionOffset, double[] out, int offset) {
    int c = offset;
    for (int i = 0; i < wrapped.length; i++) {
      double x = state[stateOffset + i];
      if (wrapped[i]) {
        out[c++] = Math.sin(x);
        out[c++] = Math.cos(x);
      } else {
        out[c++] = x;
      }
    }
    for (int j = 0; j < actions; j++) out[c++] = action[actionOffset + j];
  }
}
