package dev.foresight.models.world;

import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.TensorSpec;
import java.util.List;
import java.util.Map;

/**
 * The world-model contract (ARCHITECTURE.md; docs/world-model.md), checked when a model is loaded:
 * inputs {@code state [N, S]} and {@code action [N, A]} float32, output {@code next_state [N, S]},
 * optional {@code next_state_members [E, N, S]}; metadata naming the variables and the time step.
 * A mismatch is refused with one line naming the file, the model's side and the config's side.
 */
public final class WorldModelContract {

  /** Input: states {@code [N, S]}. Also the value model's input. */
  public static final String STATE = "state";
  /** Input: actions {@code [N, A]}. */
  public static final String ACTION = "action";
  /** Output: next states {@code [N, S]}. */
  public static final String NEXT_STATE = "next_state";
  /** Optional output: every ensemble member's next states {@code [E, N, S]}. */
  public static final String MEMBERS = "next_state_members";
  /** The value model's output {@code [N, 1]}. */
  public static final String VALUE = "value";
  private static final String FLOAT = "FLOAT";
  /** Relative tolerance on dt: the metadata is text, so allow for printing round-off. */
  private static final double DT_TOLERANCE = 1e-6;

  private WorldModelContract() {}

  /**
   * Checks a world model against the robot's variables and loop period; returns its metadata.
   *
   * @throws ModelException naming both sides of the first mismatch
   */
  public static WorldModelMetadata check(ModelSession model, List<String> stateNames, List<String> actionNames,
      double dtS) {
    String file = model.label();
    int s = stateNames.size();
    int a = actionNames.size();
    tensor(model, model.inputs(), STATE, "input", 2, "state [N, S] and action [N, A]");
    tensor(model, model.inputs(), ACTION, "input", 2, "state [N, S] and action [N, A]");
    if (model.inputs().size() != 2) {
      throw new ModelException(file + ": the world model has inputs " + names(model.inputs())
          + " but the contract allows exactly state and action");
    }
    tensor(model, model.outputs(), NEXT_STATE, "output", 2, "next_state [N, S]");
    width(file, "input", model.spec(STATE), s, "state", stateNames);
    width(file, "input", model.spec(ACTION), a, "action", actionNames);
    width(file, "output", model.spec(NEXT_STATE), s, "state", stateNames);
    TensorSpec members = model.spec(MEMBERS);
    if (members != null) {
      if (!members.elementType().equals(FLOAT) || members.rank() != 3) {
        throw new ModelException(file + ": output next_state_members is " + members
            + " but the contract says float32 [E, N, S]");
      }
      width(file, "output", members, s, "state", stateNames);
      if (members.dim(0) < 1) {
        throw new ModelException(file + ": output next_state_members has shape " + members.shapeText()
            + "; the number of members E must be fixed in the graph");
      }
    }
    WorldModelMetadata meta = metadata(model);
    names(file, "state", meta.stateNames(), stateNames);
    names(file, "action", meta.actionNames(), actionNames);
    if (!(Math.abs(meta.dtS() - dtS) <= DT_TOLERANCE * Math.max(1.0, dtS))) {
      throw new ModelException(file + ": the model predicts " + meta.dtS() + " s ahead (foresight.dt_s) but the loop runs every "
          + dtS + " s (" + Math.round(1.0 / dtS) + " Hz); train for this rate or change loop.rate_hz");
    }
    return meta;
  }

  /**
   * Checks a value model: input {@code state [N, S]}, output {@code value [N, 1]}, metadata state
   * names matching the robot's.
   */
  public static void checkValue(ModelSession model, List<String> stateNames) {
    String file = model.label();
    tensor(model, model.inputs(), STATE, "input", 2, "state [N, S]");
    tensor(model, model.outputs(), VALUE, "output", 2, "value [N, 1]");
    width(file, "input", model.spec(STATE), stateNames.size(), "state", stateNames);
    TensorSpec value = model.spec(VALUE);
    if (value.dim(1) != 1) {
      throw new ModelException(file + ": output value has shape " + value.shapeText() + " but the contract says [N, 1]");
    }
    String names = model.metadata().get(WorldModelMetadata.KEY_STATE_NAMES);
    if (names == null) {
      throw new ModelException(file + ": metadata " + WorldModelMetadata.KEY_STATE_NAMES
          + " is missing; a value model names its state variables (docs/world-model.md)");
    }
    names(file, "state", WorldModelMetadata.names(names), stateNames);
  }

  /** Reads and checks the metadata keys (names are compared by the caller). */
  static WorldModelMetadata metadata(ModelSession model) {
    String file = model.label();
    Map<String, String> m = model.metadata();
    for (String key : WorldModelMetadata.REQUIRED) {
      if (!m.containsKey(key)) {
        throw new ModelException(file + ": metadata " + key + " is missing; a world model carries "
            + String.join(", ", WorldModelMetadata.REQUIRED) + " (docs/world-model.md)");
      }
    }
    if (!m.get(WorldModelMetadata.KEY_FORMAT).strip().equals(String.valueOf(WorldModelMetadata.FORMAT))) {
      throw new ModelException(file + ": metadata foresight.format is '" + m.get(WorldModelMetadata.KEY_FORMAT)
          + "' but this Foresight reads format " + WorldModelMetadata.FORMAT);
    }
    double dt;
    try {
      dt = Double.parseDouble(m.get(WorldModelMetadata.KEY_DT).strip());
    } catch (NumberFormatException e) {
      dt = Double.NaN;
    }
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new ModelException(file + ": metadata foresight.dt_s is '" + m.get(WorldModelMetadata.KEY_DT)
          + "'; it must be the time step in seconds, e.g. 0.05");
    }
    String q = m.get(WorldModelMetadata.KEY_QUANTIZATION).strip();
    if (!q.equals("fp32") && !q.equals("int8")) {
      throw new ModelException(file + ": metadata foresight.quantization is '" + q + "'; use fp32 or int8");
    }
    return new WorldModelMetadata(WorldModelMetadata.FORMAT,
        WorldModelMetadata.names(m.get(WorldModelMetadata.KEY_STATE_NAMES)),
        WorldModelMetadata.names(m.get(WorldModelMetadata.KEY_ACTION_NAMES)), dt, q,
        m.getOrDefault(WorldModelMetadata.KEY_TRAINED_ON, ""), m.getOrDefault(WorldModelMetadata.KEY_CREATED_BY, ""));
  }

  private static void tensor(ModelSession model, List<TensorSpec> side, String name, String kind, int rank,
      String contract) {
    TensorSpec t = side.stream().filter(x -> x.name().equals(name)).findFirst().orElse(null);
    if (t == null) {
      throw new ModelException(model.label() + ": the model has no " + kind + " '" + name + "' (its " + kind + "s: "
          + names(side) + "); the contract is " + contract);
    }
    if (!t.elementType().equals(FLOAT)) {
      throw new ModelException(model.label() + ": " + kind + " " + name + " is "
          + t.elementType().toLowerCase(java.util.Locale.ROOT) + " but the contract says float32");
    }
    if (t.rank() != rank) {
      throw new ModelException(model.label() + ": " + kind + " " + name + " has shape " + t.shapeText()
          + " but the contract is " + contract);
    }
  }

  private static void width(String file, String kind, TensorSpec t, int expected, String what, List<String> names) {
    long width = t.dim(t.rank() - 1);
    if (width != expected) {
      throw new ModelException(file + ": " + kind + " " + t.name() + " has shape " + t.shapeText() + " but the config has "
          + expected + " " + what + " variable" + (expected == 1 ? "" : "s") + " " + names);
    }
  }

  private static void names(String file, String what, List<String> model, List<String> config) {
    if (!model.equals(config)) {
      throw new ModelException(file + ": the model's " + what + " variables " + model + " (foresight." + what
          + "_names) do not match the config's " + config + "; rename them in the config or export the model again");
    }
  }

  private static String names(List<TensorSpec> specs) {
    return specs.isEmpty() ? "none" : String.join(", ", specs.stream().map(TensorSpec::toString).toList());
  }
}
