/**
 * Learning world models from recorded transitions, on the CPU, in Java: an ensemble of MLPs
 * predicting normalized state deltas from (state, action), trained with minibatch Adam, early
 * stopping on episodes held out for validation, bootstrap resampling per member, deterministic for a
 * seed and trained one member per thread.
 *
 * <pre>{@code
 * Transitions data = ...;   // from recordings
 * TrainedEnsemble model = new EnsembleTrainer(TrainerSettings.defaults(seed)).train(data, progress);
 * }</pre>
 *
 * <p>Why not a library: the networks are a few thousand weights; the candidates that train MLPs on
 * the JVM either need native engines downloaded at run time (DJL) or do not train MLPs (Tribuo's
 * built-in trainers). Dense layers, SiLU, MSE and Adam are a few hundred lines here, checked
 * against finite differences in the tests.
 */
package dev.foresight.runtime.learn.trainer;
