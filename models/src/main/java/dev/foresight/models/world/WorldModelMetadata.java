package dev.foresight.models.world;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code metadata_props} every Foresight world model carries (ARCHITECTURE.md, world-model
 * contract): format version, variable names in vector order, the time step, how it is quantized,
 * what it was trained on and what made it.
 *
 * @param format       contract version; this runtime reads {@value #FORMAT}
 * @param stateNames   state variables, in the order of the model's state vector
 * @param actionNames  action variables, in the order of the model's action vector
 * @param dtS          seconds between state and next_state
 * @param quantization {@code fp32} or {@code int8}
 * @param trainedOn    hash of the training logs ("" when not trained, e.g. a synthetic test model)
 * @param createdBy    the tool and version that wrote the file
 */
public record WorldModelMetadata(
    int format, List<String> stateNames, List<String> actionNames, double dtS, String quantization,
    String trainedOn, String createdBy) {

  /** The contract version this runtime reads and writes. */
  public static final int FORMAT = 1;
  /** Contract version, e.g. {@code 1}. */
  public static final String KEY_FORMAT = "foresight.format";
  /** State variable names, comma list in vector order. */
  public static final String KEY_STATE_NAMES = "foresight.state_names";
  /** Action variable names, comma list in vector order. */
  public static final String KEY_ACTION_NAMES = "foresight.action_names";
  /** Seconds between state and next_state. */
  public static final String KEY_DT = "foresight.dt_s";
  /** {@code fp32} or {@code int8}. */
  public static final String KEY_QUANTIZATION = "foresight.quantization";
  /** Hash of the training logs (informational). */
  public static final String KEY_TRAINED_ON = "foresight.trained_on";
  /** Tool and version that wrote the file (informational). */
  public static final String KEY_CREATED_BY = "foresight.created_by";
  /** Keys a model must have. */
  public static final List<String> REQUIRED = List.of(KEY_FORMAT, KEY_STATE_NAMES, KEY_ACTION_NAMES, KEY_DT,
      KEY_QUANTIZATION);

  public WorldModelMetadata {
    stateNames = List.copyOf(stateNames);
    actionNames = List.copyOf(actionNames);
  }

  /** The same metadata with another quantization (for the int8 twin of an fp32 export). */
  public WorldModelMetadata withQuantization(String q) {
    return new WorldModelMetadata(format, stateNames, actionNames, dtS, q, trainedOn, createdBy);
  }

  /** As {@code metadata_props} key/values. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(KEY_FORMAT, String.valueOf(format));
    m.put(KEY_STATE_NAMES, String.join(",", stateNames));
    m.put(KEY_ACTION_NAMES, String.join(",", actionNames));
    m.put(KEY_DT, String.valueOf(dtS));
    m.put(KEY_QUANTIZATION, quantization);
    m.put(KEY_TRAINED_ON, trainedOn);
    m.put(KEY_CREATED_BY, createdBy);
    return m;
  }

  /** Splits a comma list as the contract writes it ("theta, theta_dot" and "theta,theta_dot" alike). */
  static List<String> names(String list) {
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
