/**
 * Trust in a world model, measured tick by tick: a {@link dev.foresight.models.trust.Calibration}
 * (residual scales, spread quantiles and a CUSUM threshold fitted on held-out data, carried in the
 * model's {@code foresight.monitor.*} metadata), the {@link dev.foresight.models.trust.TrustMonitor}
 * that compares every one-step prediction with what happened and alarms when the model stops
 * predicting the robot, the {@link dev.foresight.models.trust.Calibrator} that makes the calibration,
 * and the {@link dev.foresight.models.trust.ResidualCorrection} the robot learns online from its own
 * ticks. No runtime types; the monitor and the correction allocate nothing once built.
 */
package dev.foresight.models.trust;
