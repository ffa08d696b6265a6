/**
 * The learning pipeline (tools plugin): {@link dev.foresight.runtime.learn.DataCollection} records seeded
 * episodes, {@link dev.foresight.runtime.learn.RecordedData} turns recordings into transitions and
 * segments, {@link dev.foresight.runtime.learn.Training} trains an ensemble and exports it as fp32 and
 * int8 ONNX meeting the world-model contract (checked in ONNX Runtime and by the ONNX checker, and
 * calibrated for the trust monitor by {@link dev.foresight.runtime.learn.Calibrations} on the
 * held-out episodes), with a {@link dev.foresight.runtime.learn.Reservoir} of the training data
 * beside it for later fine-tuning, {@link dev.foresight.runtime.learn.Evaluation} measures it
 * ({@code docs/learning.md}).
 */
package dev.foresight.runtime.learn;
