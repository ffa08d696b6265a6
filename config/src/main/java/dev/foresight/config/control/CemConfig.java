package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Cross-entropy method, iCEM-style: each iteration samples around a mean plan with colored noise,
 * keeps the lowest-cost {@code elites}, and moves the mean and spread toward them with
 * {@code momentum}; a fraction of the elites is carried into the next iteration and (shifted) into
 * the next tick. The plan executed is the best sequence found.
 *
 * @param samples     sampled action sequences per iteration
 * @param horizon     steps per plan
 * @param iterations  iterations per plan
 * @param elites      sequences kept to refit the sampling distribution
 * @param keepElites  fraction of the elites carried into the next iteration and tick
 * @param momentum    weight of the old distribution in each refit (0: none)
 * @param noiseStd    initial spread per action variable; empty: a quarter of each range
 * @param noiseBeta   power-spectrum exponent of the noise (0 white, 1 pink, 2 red)
 * @param worldModel  onnx or simulator
 * @param ensemble    with an ensemble model: members (trajectory sampling) or mean
 * @param rollout     auto, fused or stepwise
 * @param valueWeight weight of the learned terminal value
 * @param seed        noise seed
 * @param cost        cost terms
 */
@JsonTypeName("cem")
public record CemConfig(
    @JsonPropertyDescription("Sampled action sequences per iteration") Integer samples,
    @JsonPropertyDescription("Steps per plan") Integer horizon,
    @JsonPropertyDescription("Iterations per plan, when the plan budget allows") Integer iterations,
    @JsonPropertyDescription("Lowest-cost sequences used to refit the sampling distribution") Integer elites,
    @JsonPropertyDescription("Fraction of the elites carried into the next iteration and tick, 0..1") Double keepElites,
    @JsonPropertyDescription("Weight of the previous distribution in each refit, 0..1") Double momentum,
    @JsonPropertyDescription("Initial spread per action variable; empty: a quarter of each range")
        List<Double> noiseStd,
    @JsonPropertyDescription("Noise power spectrum exponent: 0 white, 1 pink, 2 red") Double noiseBeta,
    @JsonPropertyDescription("onnx: the model section's world model; simulator: the simulated plant (ground truth)")
        WorldModelSource worldModel,
    @JsonPropertyDescription("auto, fused (one ONNX call per iteration) or stepwise (one per step)") RolloutMode rollout,
    @JsonPropertyDescription("With an ensemble model: members (sample k follows member k mod E) or mean (every sample follows the members' mean)")
        EnsembleMode ensemble,
    @JsonPropertyDescription("Weight of the learned terminal value (model.value_file)") Double valueWeight,
    @JsonPropertyDescription("Seed of the planner's noise") Long seed,
    @JsonProperty(required = true) @JsonPropertyDescription("Cost terms") List<CostTermConfig> cost)
    implements SampledPlannerConfig {

  public CemConfig {
    samples = samples != null ? samples : 256;
    horizon = horizon != null ? horizon : 32;
    iterations = iterations != null ? iterations : 4;
    elites = elites != null ? elites : 16;
    keepElites = keepElites != null ? keepElites : 0.3;
    momentum = momentum != null ? momentum : 0.1;
    noiseStd = noiseStd != null ? List.copyOf(noiseStd) : List.of();
    noiseBeta = noiseBeta != null ? noiseBeta : 2.0;
    worldModel = worldModel != null ? worldModel : WorldModelSource.ONNX;
    rollout = rollout != null ? rollout : RolloutMode.AUTO;
    ensemble = ensemble != null ? ensemble : EnsembleMode.MEMBERS;
    valueWeight = valueWeight != null ? valueWeight : 1.0;
    seed = seed != null ? seed : 1L;
    cost = cost != null ? List.copyOf(cost) : List.of();
  }
}
