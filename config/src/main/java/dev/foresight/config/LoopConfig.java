package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Timing of the control loop.
 *
 * @param rateHz        tick rate, 10 to 1000 Hz
 * @param planning      whether the planner runs inside the tick or on its own thread
 * @param planBudgetMs  time the plan phase may take per tick; 0 means 60% of the period
 */
public record LoopConfig(
    @JsonPropertyDescription("Tick rate in Hz, 1..1000") Integer rateHz,
    @JsonPropertyDescription("inline: the planner runs inside the tick, stopped at its budget; async: on its own thread")
        PlanningMode planning,
    @JsonPropertyDescription("Time the plan phase may take per tick in ms; 0 means 60% of the period")
        Double planBudgetMs) {

  /** Defaults: 50 Hz, inline planning, budget 60% of the period. */
  public static final LoopConfig DEFAULT = new LoopConfig(null, null, null);

  public LoopConfig {
    rateHz = rateHz != null ? rateHz : 50;
    planning = planning != null ? planning : PlanningMode.INLINE;
    planBudgetMs = planBudgetMs != null ? planBudgetMs : 0.0;
  }

  /** The loop period in nanoseconds. */
  public long periodNs() {
    return 1_000_000_000L / rateHz;
  }

  /** The plan budget in nanoseconds, resolving the 0 default to 60% of the period. */
  public long planBudgetNs() {
    return planBudgetMs > 0 ? (long) (planBudgetMs * 1e6) : periodNs() * 6 / 10;
  }
}
