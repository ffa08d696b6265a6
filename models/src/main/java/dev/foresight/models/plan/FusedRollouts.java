package dev.foresight.models.plan;

import dev.foresight.models.onnx.Binding;
import dev.foresight.models.onnx.ModelSession;
import java.util.Map;

/**
 * Rollouts through the generated fused graph ({@link FusedRolloutGraph}): one ONNX Runtime call
 * per batch, the cost computed inside the graph.
 */
final class FusedRollouts implements Rollouts {

  private final ModelSession session;
  private final Binding binding;
  private final int k;
  private final int h;
  private final int s;
  private final int a;
  private final float[] states;
  private final int stateInput;
  private final int lastInput;
  private final int actionsInput;
  private final String description;
  private boolean closed;

  FusedRollouts(ModelSession session, int samples, int horizon, int stateSize, int actionSize, String description) {
    this.session = session;
    this.k = samples;
    this.h = horizon;
    this.s = stateSize;
    this.a = actionSize;
    this.binding = session.bind(Map.of(FusedRolloutGraph.STATE, new long[] {k, s},
        FusedRolloutGraph.LAST_ACTION, new long[] {1, a}, FusedRolloutGraph.ACTIONS, new long[] {h, k, a}),
        Map.of(FusedRolloutGraph.COST, new long[] {k}));
    this.states = new float[k * s];
    this.stateInput = binding.inputIndex(FusedRolloutGraph.STATE);
    this.lastInput = binding.inputIndex(FusedRolloutGraph.LAST_ACTION);
    this.actionsInput = binding.inputIndex(FusedRolloutGraph.ACTIONS);
    this.description = description;
  }

  @Override
  public int samples() {
    return k;
  }

  @Override
  public int horizon() {
    return h;
  }

  @Override
  public int stateSize() {
    return s;
  }

  @Override
  public int actionSize() {
    return a;
  }

  @Override
  public String description() {
    return description;
  }

  /** Whether runs allocate nothing. */
  boolean allocationFree() {
    return binding.allocationFree();
  }

  @Override
  public void evaluate(float[] state, float[] lastAction, float[] actions, float[] cost) {
    for (int i = 0; i < k; i++) System.arraycopy(state, 0, states, i * s, s);
    binding.write(stateInput, 0, states, 0, k * s);
    binding.write(lastInput, 0, lastAction, 0, a);
    binding.write(actionsInput, 0, actions, 0, h * k * a);
    binding.run();
    binding.read(0, 0, cost, 0, k);
    Rollouts.sanitize(cost, k);
  }

  @Override
  public void close() {
    if (closed) return;
    closed = true;
    session.close();
  }
}
