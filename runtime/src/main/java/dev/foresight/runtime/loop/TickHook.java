package dev.foresight.runtime.loop;

/**
 * Work other parts attach to every tick, on the control thread: operator commands are applied at
 * the start of a tick, and telemetry samples are taken at its end. Implementations must not block,
 * allocate once warm, or throw (the loop treats an exception from {@link #beforeTick} as a failed
 * tick and goes to a safe stop).
 *
 * <pre>{@code
 * robot.loop().hook(new TickHook() {
 *   public void afterTick(LoopSnapshot snapshot) { ring.offer(snapshot); }
 * });
 * }</pre>
 */
public interface TickHook {

  /** Does nothing. */
  TickHook NONE = new TickHook() {};

  /** Start of a tick, before sensing: apply queued operator commands. */
  default void beforeTick(long nowNs) {}

  /** End of a tick, after {@code snapshot} holds it: take telemetry samples. */
  default void afterTick(LoopSnapshot snapshot) {}
}
