package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;

/**
 * Timing of the control loop.
 *
 * @param rateHz        tick rate, 10 to 1000 Hz
 * @param planning      whether the planner runs inside the tick or on its own thread
 * @param planBudgetMs  inline: time the plan phase may take per tick (below the period); async: time
 *                      per plan on the planner thread (up to 1000 ms); 0 means 60% of the period
 * @param realtimePriority run the control thread under Linux SCHED_FIFO at this priority (1..98);
 *                      0 keeps normal scheduling. Needs CAP_SYS_NICE; without it, a warning and
 *                      normal scheduling
 * @param cpu           pin the control thread to this CPU; -1 lets the scheduler choose
 * @param plannerThreads threads a sampling planner's rollouts run on, the thread that plans included
 *                      (the control thread inline, the planner thread async); the samples are split
 *                      evenly, each thread with its own model session
 * @param plannerCpus   CPUs to pin the planner threads to, in order (the async planner thread first,
 *                      then the rollout workers); empty lets the scheduler choose
 */
public record LoopConfig(
    @JsonPropertyDescription("Tick rate in Hz, 1..1000") Integer rateHz,
    @JsonPropertyDescription("inline: the planner runs inside the tick, stopped at its budget; async: on its own thread")
        PlanningMode planning,
    @JsonPropertyDescription("Plan time in ms: per tick when inline (below the period), per plan when async (up to 1000); 0 means 60% of the period")
        Double planBudgetMs,
    @JsonPropertyDescription("Linux SCHED_FIFO priority of the control thread, 1..98; 0 keeps normal scheduling (needs CAP_SYS_NICE)")
        Integer realtimePriority,
    @JsonPropertyDescription("CPU to pin the control thread to; -1 lets the scheduler choose") Integer cpu,
    @JsonPropertyDescription("Threads the planner's rollouts run on (the planning thread included), 1..64; samples split evenly")
        Integer plannerThreads,
    @JsonPropertyDescription("CPUs to pin the planner threads to: the async planner thread first, then the rollout workers")
        List<Integer> plannerCpus) {

  /** Defaults: 50 Hz, inline planning, budget 60% of the period, normal scheduling, one planner thread. */
  public static final LoopConfig DEFAULT = new LoopConfig(null, null, null, null, null, null, null);

  public LoopConfig {
    rateHz = rateHz != null ? rateHz : 50;
    planning = planning != null ? planning : PlanningMode.INLINE;
    planBudgetMs = planBudgetMs != null ? planBudgetMs : 0.0;
    realtimePriority = realtimePriority != null ? realtimePriority : 0;
    cpu = cpu != null ? cpu : -1;
    plannerThreads = plannerThreads != null ? plannerThreads : 1;
    plannerCpus = plannerCpus != null ? List.copyOf(plannerCpus) : List.of();
  }

  /** Timing with the given rate, planning, budget and scheduling, and one planner thread. */
  public LoopConfig(Integer rateHz, PlanningMode planning, Double planBudgetMs, Integer realtimePriority, Integer cpu) {
    this(rateHz, planning, planBudgetMs, realtimePriority, cpu, null, null);
  }

  /** The loop period in nanoseconds. */
  public long periodNs() {
    return 1_000_000_000L / rateHz;
  }

  /** The plan budget in nanoseconds, resolving the 0 default to 60% of the period. */
  public long planBudgetNs() {
    return planBudgetMs > 0 ? (long) (planBudgetMs * 1e6) : periodNs() * 6 / 10;
  }

  /** This timing with another planning mode and plan budget (0: 60% of the period). */
  public LoopConfig withPlanning(PlanningMode mode, double budgetMs) {
    return new LoopConfig(rateHz, mode, budgetMs, realtimePriority, cpu, plannerThreads, plannerCpus);
  }

  /** This timing with another scheduling: SCHED_FIFO priority (0: normal) and CPU (-1: any). */
  public LoopConfig withScheduling(int priority, int cpuIndex) {
    return new LoopConfig(rateHz, planning, planBudgetMs, priority, cpuIndex, plannerThreads, plannerCpus);
  }

  /** This timing with the planner's rollouts on {@code threads} threads. */
  public LoopConfig withPlannerThreads(int threads) {
    return new LoopConfig(rateHz, planning, planBudgetMs, realtimePriority, cpu, threads, plannerCpus);
  }

  /** The CPU planner thread {@code index} is pinned to (0: the async planner thread), or -1. */
  public int plannerCpu(int index) {
    return index < plannerCpus.size() ? plannerCpus.get(index) : -1;
  }
}
