package dev.foresight.models.world;

import dev.foresight.models.onnx.Binding;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A {@link WorldModel} on an ONNX model that meets the contract (checked by
 * {@link WorldModelContract}), bound once to a fixed batch.
 *
 * <pre>{@code
 * ModelSession session = ModelSession.open(file, SessionSettings.of(config.model().get()));
 * WorldModelContract.check(session, config.stateNames(), config.actionNames(), periodS);
 * try (WorldModel model = new OnnxWorldModel(session, 1024)) {
 *   model.step(states, actions, next, null);
 * }
 * }</pre>
 */
public final class OnnxWorldModel implements WorldModel {

  private final Binding binding;
  private final int batch;
  private final int stateSize;
  private final int actionSize;
  private final int members;
  private final int membersOutput;
  private final List<ModelSession> owned;   // closed with the model

  /** Binds {@code session} (already checked) for {@code batch} samples per call; the caller keeps the session. */
  public OnnxWorldModel(ModelSession session, int batch) {
    this(session, batch, List.of());
  }

  /**
   * Binds {@code session} like the constructor and takes ownership of it: closing the model closes the
   * session, and {@code alsoOwned} (null entries skipped; e.g. a value model's session) after it.
   */
  public static OnnxWorldModel owning(ModelSession session, int batch, ModelSession... alsoOwned) {
    return new OnnxWorldModel(session, batch,
        Stream.concat(Stream.of(session), Stream.of(alsoOwned)).filter(Objects::nonNull).toList());
  }

  private OnnxWorldModel(ModelSession session, int batch, List<ModelSession> owned) {
    this.owned = owned;
    this.batch = batch;
    this.stateSize = (int) session.spec(WorldModelContract.STATE).dim(1);
    this.actionSize = (int) session.spec(WorldModelContract.ACTION).dim(1);
    TensorSpec membersSpec = session.spec(WorldModelContract.MEMBERS);
    this.members = membersSpec != null ? (int) membersSpec.dim(0) : 1;
    Map<String, long[]> outputs = new LinkedHashMap<>();
    outputs.put(WorldModelContract.NEXT_STATE, new long[] {batch, stateSize});
    if (membersSpec != null) outputs.put(WorldModelContract.MEMBERS, new long[] {members, batch, stateSize});
    this.binding = session.bind(Map.of(WorldModelContract.STATE, new long[] {batch, stateSize},
        WorldModelContract.ACTION, new long[] {batch, actionSize}), outputs);
    this.membersOutput = binding.outputIndex(WorldModelContract.MEMBERS);
  }

  @Override
  public int stateSize() {
    return stateSize;
  }

  @Override
  public int actionSize() {
    return actionSize;
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public int members() {
    return members;
  }

  /** Whether runs allocate nothing (the C API path). */
  public boolean allocationFree() {
    return binding.allocationFree();
  }

  @Override
  public void step(float[] state, float[] action, float[] next, float[] memberStates) {
    binding.write(WorldModelContract.STATE, state, 0, batch * stateSize);
    binding.write(WorldModelContract.ACTION, action, 0, batch * actionSize);
    binding.run();
    binding.read(0, 0, next, 0, batch * stateSize);
    if (memberStates != null && membersOutput >= 0) binding.read(membersOutput, 0, memberStates, 0, members * batch * stateSize);
  }

  @Override
  public void close() {
    binding.close();
    for (ModelSession session : owned) session.close();
  }
}
