package dev.foresight.runtime.agent;

/**
 * Thrown by {@link Agent#doWork} to end the agent: the runner stops calling it, runs
 * {@link Agent#onClose()} and ends its thread. Not an error (nothing is reported or counted); an
 * agent that ends because something failed reports that itself before throwing.
 */
public final class AgentTerminationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param why why the agent ends, for a debugger */
  public AgentTerminationException(String why) {
    super(why, null, false, false);
  }
}
