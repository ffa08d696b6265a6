package dev.foresight.runtime.record;

/**
 * Where the recorded predictions come from, for the {@code /prediction} channel's metadata.
 *
 * @param model   what the model is (file name, or the simulator)
 * @param members ensemble members (1 for a single model)
 */
public record PredictionSource(String model, int members) {}
