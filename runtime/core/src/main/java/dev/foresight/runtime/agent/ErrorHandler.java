package dev.foresight.runtime.agent;

/**
 * Gets what an agent threw, on the agent's thread. The runner has already counted it
 * ({@link AgentRunner#errors()}) and keeps running the agent afterwards (an {@link Error} ends it).
 * Handlers report through the runtime's existing paths: a log line, a safety event.
 */
@FunctionalInterface
public interface ErrorHandler {

  /** Handles one failure of {@link Agent#onStart()}, {@link Agent#doWork} or {@link Agent#onClose()}. */
  void onError(Throwable error);
}
