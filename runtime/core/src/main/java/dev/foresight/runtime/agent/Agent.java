package dev.foresight.runtime.agent;

/**
 * A unit of background work, stepped by an {@link AgentRunner} on its own thread or by a test on a
 * stepped clock: {@link #onStart()} once, then {@link #doWork(long)} over and over with the time
 * the runner read, then {@link #onClose()} once.
 *
 * <pre>{@code
 * final class Pump implements Agent {
 *   public int doWork(long nowNs) { return queue.drain(this::handle, 64); }   // 0: nothing to do
 *   public String roleName() { return "foresight-pump"; }
 * }
 * AgentRunner runner = AgentRunner.builder(new Pump()).idle(new SleepingIdleStrategy(2_000_000L)).start();
 * }</pre>
 *
 * <p>{@code doWork} reads time only from its argument, does a bounded amount of work and returns
 * how much it did, so the runner's {@link IdleStrategy} can back off when there was nothing to do.
 * To end itself, an agent throws {@link AgentTerminationException}.
 */
public interface Agent {

  /** Runs once on the agent's thread before the first {@link #doWork}: allocate, open, warm up. */
  default void onStart() {}

  /**
   * One duty cycle.
   *
   * @param nowNs the runner's clock, read once just before this call
   * @return work done (items handled, messages sent); 0 when there was nothing to do
   * @throws Exception reported to the runner's {@link ErrorHandler}; the runner carries on
   */
  int doWork(long nowNs) throws Exception;

  /**
   * Runs once after the last {@link #doWork}, on the agent's thread (or on the closing thread when
   * the runner was never started): flush, release.
   */
  default void onClose() {}

  /** The agent's name: its thread's name and what its log lines say, e.g. {@code foresight-recorder}. */
  String roleName();
}
