package dev.foresight.runtime;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One cell of the fault matrix (docs/safety.md, "Fault matrix"): the test it is on proves that this
 * fault gets this reaction in this many ticks. {@code FaultMatrixTest} collects every cell from the
 * test classes and fails when the published table differs, or when a fault class of
 * {@link dev.foresight.config.FaultClass} has no cell, so the table cannot drift from the tests.
 *
 * <pre>{@code
 * @Test
 * @FaultCell(fault = "sensor_stale", reaction = "safe stop", ticks = "5 (the 50 ms threshold)")
 * void aStaleSensorStops...() { ... }
 * }</pre>
 *
 * @see FaultCells
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(FaultCells.class)
public @interface FaultCell {

  /** The fault: a fault class id ({@code sensor_stale}), or another cause id ({@code estop_input}, {@code watchdog_stall}). */
  String fault();

  /** The reaction, in words. */
  String reaction();

  /** Ticks (or time) from the fault to the reaction, as the test asserts them; {@code -} when none. */
  String ticks();
}
