package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonTypeName;
import java.util.List;

/**
 * Model-predictive path integral control: each iteration perturbs the current plan with smooth
 * (colored) noise, rolls every sample out on the world model, and moves the plan to the
 * exp(-cost / temperature)-weighted average of the samples. The plan is warm-started from the
 * previous tick's plan, shifted by one step.
 *
 * @param samples     sampled action sequences per iteration
 * @param horizon     steps per plan
 * @param iterations  iterations per plan
 * @param temperature lambda of the exponential weights, in cost units (lower: greedier)
 * @param noiseStd    exploration noise per action variable; empty: a quarter of each range
 * @param noiseBeta   power-spectrum exponent of the noise (0 white, 1 pink, 2 red)
 * @param worldModel  onnx (the model section) or simulator (ground truth)
 * @param ensemble    with an ensemble model: members (trajectory sampling) or mean
 * @param rollout     auto, fused or stepwise
 * @param valueWeight weight of the learned terminal value
 * @param seed        noise seed
 * @param cost        cost terms
 */
@JsonTypeName("mppi")
public record MppiConfig(
    @JsonPropertyDescription("Sampled action sequences per iteration") Integer samples,
    @JsonPropertyDescription("Steps per plan") Integer horizon,
    @JsonPropertyDescription("Iterations per plan, when the plan budget allows") Integer iterations,
    @JsonPropertyDescription("Temperature (lambda) of the exponential weights, in cost units") Double temperature,
    @JsonPropertyDescription("Noise standard deviation per action variable; empty: a quarter of each range")
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

  public MppiConfig {
    samples = samples != null ? samples : 1024;
    horizon = horizon != null ? horizon : 32;
    iterations = iterations != null ? iterations : 1;
    temperature = temperature != null ? temperature : 1.0;
    noiseStd = noiseStd != null ? List.copyOf(noiseStd) : List.of();
    noiseBeta = noiseBeta != null ? noiseBeta : 1.0;
    worldModel = worldModel != null ? worldModel : WorldModelSource.ONNX;
    rollout = rollout != null ? rollout : RolloutMode.AUTO;
    ensemble = ensemble != null ? ensemble : EnsembleMode.MEMBERS;
    valueWeight = valueWeight != null ? valueWeight : 1.0;
    seed = seed != null ? seed : 1L;
    cost = cost != null ? List.copyOf(cost) : List.of();
  }
}
