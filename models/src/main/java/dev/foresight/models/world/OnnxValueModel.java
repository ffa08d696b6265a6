package dev.foresight.models.world;

import dev.foresight.models.onnx.Binding;
import dev.foresight.models.onnx.ModelSession;
import java.util.Map;

/** A {@link ValueModel} on an ONNX model ({@code state [N, S] -> value [N, 1]}), bound to a fixed batch. */
public final class OnnxValueModel implements ValueModel {

  private final Binding binding;
  private final int batch;
  private final int stateSize;

  /** Binds {@code session} (already checked by {@link WorldModelContract#checkValue}) for {@code batch} states. */
  public OnnxValueModel(ModelSession session, int batch) {
    this.batch = batch;
    this.stateSize = (int) session.spec(WorldModelContract.STATE).dim(1);
    this.binding = session.bind(Map.of(WorldModelContract.STATE, new long[] {batch, stateSize}),
        Map.of(WorldModelContract.VALUE, new long[] {batch, 1}));
  }

  @Override
  public int batch() {
    return batch;
  }

  @Override
  public void value(float[] states, float[] values) {
    binding.write(WorldModelContract.STATE, states, 0, batch * stateSize);
    binding.run();
    binding.read(0, 0, values, 0, batch);
  }

  @Override
  public void close() {
    binding.close();
  }
}
