package dev.foresight.runtime.agent;

/**
 * What an {@link AgentRunner} does between two duty cycles, given the work the last one did:
 * return at once, park for a while, or wait for the next deadline of a period. Owned by one runner
 * (strategies keep state); {@link AgentRunner#wake()} ends a park early.
 */
@FunctionalInterface
public interface IdleStrategy {

  /**
   * Called after every {@link Agent#doWork} on the agent's thread.
   *
   * @param workCount what {@code doWork} returned
   */
  void idle(int workCount);
}
