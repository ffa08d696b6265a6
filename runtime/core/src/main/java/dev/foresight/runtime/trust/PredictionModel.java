package dev.foresight.runtime.trust;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.ModelConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.config.control.WorldModelSource;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.world.OnnxWorldModel;
import dev.foresight.models.world.WorldModel;
import dev.foresight.models.world.WorldModelContract;
import dev.foresight.runtime.plan.PlantWorldModel;
import dev.foresight.sim.Plants;
import java.util.Map;
import java.util.Optional;

/**
 * The world model a robot's one-step predictions come from, in a batch-1 session of its own: the
 * config's ONNX model ({@code model.file}), or, for a planner on {@code world_model: simulator}, the
 * simulator's plant with its published parameters (what that planner believes).
 *
 * @param model    the model, batch 1 unless asked otherwise (owned by whoever holds this; closed with it)
 * @param label    what it is (the file name, or {@code simulator (published parameters)})
 * @param metadata the ONNX file's {@code metadata_props} (its calibration lives there); empty for the
 *                 simulator
 */
public record PredictionModel(WorldModel model, String label, Map<String, String> metadata) implements AutoCloseable {

  public PredictionModel {
    metadata = Map.copyOf(metadata);
  }

  /**
   * The prediction model of {@code loaded}'s robot, or empty when it has none.
   *
   * @throws dev.foresight.models.onnx.ModelException for an unusable model file (the planner would
   *                                                   have refused it first)
   */
  public static Optional<PredictionModel> forRobot(LoadedConfig loaded) {
    return forRobot(loaded, 1);
  }

  /** As {@link #forRobot(LoadedConfig)}, with {@code batch} samples per call (the adaptation's horizon check). */
  public static Optional<PredictionModel> forRobot(LoadedConfig loaded, int batch) {
    RobotConfig config = loaded.config();
    Optional<ModelConfig> model = config.model();
    if (model.isPresent()) {
      var file = loaded.resolve(model.get().file());
      ModelSession session = ModelSession.open(file, SessionSettings.of(model.get()));
      try {
        WorldModelContract.check(session, config.stateNames(), config.actionNames(), config.loop().periodNs() * 1e-9);
        return Optional.of(new PredictionModel(OnnxWorldModel.owning(session, batch), file.getFileName().toString(),
            session.metadata()));
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    }
    if (config.controller() instanceof SampledPlannerConfig p && p.worldModel() == WorldModelSource.SIMULATOR
        && config.sim().isPresent()) {
      try {
        return Optional.of(new PredictionModel(PlantWorldModel.of(config, Plants.create(config.sim().get().plant()), batch),
            "simulator (published parameters)", Map.of()));
      } catch (IllegalArgumentException e) {
        return Optional.empty();   // the simulator cannot stand in for these variables
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    model.close();
  }
}
