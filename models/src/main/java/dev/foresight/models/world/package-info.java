/**
 * World models: the contract (ARCHITECTURE.md; docs/world-model.md) and its load-time checks
 * ({@link dev.foresight.models.world.WorldModelContract}), batched one-step predictors
 * ({@link dev.foresight.models.world.WorldModel}, {@link dev.foresight.models.world.OnnxWorldModel}),
 * terminal value models, and the MLP export in fp32 and int8
 * ({@link dev.foresight.models.world.MlpExport}).
 *
 * <pre>{@code
 * Files.write(path, MlpExport.worldModel(List.of(mlp), norm, metadata, Quantization.INT8).toByteArray());
 * ModelSession session = ModelSession.open(path, SessionSettings.DEFAULT);
 * WorldModelContract.check(session, config.stateNames(), config.actionNames(), periodS);
 * }</pre>
 */
package dev.foresight.models.world;
