/**
 * The world model watched every tick. {@link dev.foresight.runtime.trust.TrustStage} makes the one
 * one-step prediction of the applied action per tick (the stream the recorder, the link and the monitor
 * all read) and judges it with the model's calibrated {@link dev.foresight.models.trust.TrustMonitor};
 * an alarm is the {@code model_untrusted} fault on the failsafe ladder in the same tick.
 * {@link dev.foresight.runtime.trust.TrustAssembly} builds the stage from the config and the model's
 * calibration metadata; {@link dev.foresight.runtime.trust.PredictionModel} is the batch-1 model that
 * predicts (the config's ONNX file, or the simulator's plant with its published parameters).
 */
package dev.foresight.runtime.trust;
