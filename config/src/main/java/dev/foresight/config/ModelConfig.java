package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/**
 * The world model (ONNX) the planner imagines futures with.
 *
 * @param file           world-model ONNX file, relative to the config file
 * @param valueFile      optional terminal value model (ONNX), relative to the config file
 * @param intraOpThreads ONNX Runtime intra-op threads (1 keeps a core free for the loop)
 * @param optimization   ONNX Runtime graph optimization level
 * @param provider       execution provider; falls back to CPU when the native build lacks it
 * @param planningMember for an ensemble model: the one member (0-based) the planner imagines with,
 *                       while the one-step predictions (trust monitor) keep every member; empty: the
 *                       planner uses the ensemble as {@code controller.ensemble} says
 */
public record ModelConfig(
    @JsonProperty(required = true) @JsonPropertyDescription("World-model ONNX file, relative to this config file")
        String file,
    @JsonPropertyDescription("Terminal value model ONNX file, relative to this config file") Optional<String> valueFile,
    @JsonPropertyDescription("ONNX Runtime intra-op threads") Integer intraOpThreads,
    @JsonPropertyDescription("ONNX Runtime graph optimization level") Optimization optimization,
    @JsonPropertyDescription("Execution provider; falls back to cpu when unavailable") ExecutionProvider provider,
    @JsonPropertyDescription("Ensemble model only: plan on this one member (0-based) while the trust monitor's one-step "
        + "predictions keep every member") Optional<Integer> planningMember) {

  public ModelConfig {
    valueFile = valueFile != null ? valueFile : Optional.empty();
    intraOpThreads = intraOpThreads != null ? intraOpThreads : 1;
    optimization = optimization != null ? optimization : Optimization.ALL;
    provider = provider != null ? provider : ExecutionProvider.CPU;
    planningMember = planningMember != null ? planningMember : Optional.empty();
  }

  /** This model section as before, its planner on {@code member} (empty: the whole ensemble). */
  public ModelConfig withPlanningMember(Optional<Integer> member) {
    return new ModelConfig(file, valueFile, intraOpThreads, optimization, provider, member);
  }

  /** ONNX Runtime graph optimization levels. */
  public enum Optimization {
    NONE, BASIC, EXTENDED, ALL;

    /** The name used in YAML. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** ONNX Runtime execution providers Foresight knows how to ask for. */
  public enum ExecutionProvider {
    CPU, CUDA, TENSORRT;

    /** The name used in YAML. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
