package dev.foresight.config.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What the sampling planners ({@link MppiConfig}, {@link CemConfig}) have in common: the sample
 * batch, the horizon, the exploration noise, the world model and the cost.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")   // as ControllerConfig: the schema's "type" consts
@JsonSubTypes({@JsonSubTypes.Type(MppiConfig.class), @JsonSubTypes.Type(CemConfig.class)})
public sealed interface SampledPlannerConfig extends ControllerConfig permits MppiConfig, CemConfig {

  /** Action sequences evaluated per iteration (one batch in the world model). */
  Integer samples();

  /** Steps in a plan. */
  Integer horizon();

  /** Iterations per plan when time allows (the loop's plan budget stops earlier ones). */
  Integer iterations();

  /** Standard deviation of the exploration noise, one per action variable; empty: a quarter of each range. */
  List<Double> noiseStd();

  /** Exponent of the noise's power spectrum 1/f^beta: 0 white, 1 pink, 2 red (smoother). */
  Double noiseBeta();

  /** What the plans are rolled out on. */
  WorldModelSource worldModel();

  /** How rollouts run on an ONNX world model. */
  RolloutMode rollout();

  /** How samples use an ensemble world model. */
  EnsembleMode ensemble();

  /** Weight of the learned terminal value (model.value_file) subtracted from the cost. */
  Double valueWeight();

  /** Seed of the planner's noise. */
  Long seed();

  /** The cost terms. */
  List<CostTermConfig> cost();
}
