package dev.foresight.runtime.loop;

/**
 * Work other parts attach to the start of every tick, on the control thread, before sensing:
 * operator commands queued by the MQTT link are applied there, so an accepted command acts within
 * the tick that follows. Implementations must not block, allocate once warm, or throw (the loop
 * treats an exception as a failed tick and goes to a safe stop). Observers that only read ticks
 * (telemetry, recording) use {@link ControlLoop#addTap} instead.
 *
 * <pre>{@code
 * robot.loop().hook(nowNs -> commands.applyQueued(nowNs));
 * }</pre>
 */
@FunctionalInterface
public interface TickHook {

  /** Does nothing. */
  TickHook NONE = nowNs -> { };

  /** Start of a tick, before sensing: apply queued operator commands. */
  void beforeTick(long nowNs);
}
