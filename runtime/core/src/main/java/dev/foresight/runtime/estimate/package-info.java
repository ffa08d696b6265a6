/**
 * State estimation: raw sensor channels in, the named state vector out
 * ({@link dev.foresight.runtime.estimate.Estimator}): direct copies (angles wrapped), rates by
 * filtered differences. Runs in the tick; allocation-free.
 */
package dev.foresight.runtime.estimate;
