package dev.foresight.runtime.record;

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
import java.util.Optional;

/**
 * The world model a recording predicts next states with: the config's ONNX model
 * ({@code model.file}), or, for a planner on {@code world_model: simulator}, the simulator's
 * plant with its published parameters (what that planner believes); none otherwise.
 */
public final class Predictors {

  private Predictors() {}

  /**
   * A predictor of batch 1 for the robot of {@code loaded}, or empty when it has no world model.
   *
   * @throws dev.foresight.models.onnx.ModelException when the model file is unusable (the planner
   *                                                   would have refused it first)
   */
  public static Optional<NextStatePredictor> forRobot(LoadedConfig loaded) {
    RobotConfig config = loaded.config();
    boolean[] wrapped = new boolean[config.state().size()];
    for (int i = 0; i < wrapped.length; i++) wrapped[i] = config.state().get(i).wrap();
    Optional<ModelConfig> model = config.model();
    if (model.isPresent()) {
      var file = loaded.resolve(model.get().file());
      ModelSession session = ModelSession.open(file, SessionSettings.of(model.get()));
      try {
        WorldModelContract.check(session, config.stateNames(), config.actionNames(), config.loop().periodNs() * 1e-9);
        WorldModel world = OnnxWorldModel.owning(session, 1);
        return Optional.of(new NextStatePredictor(world, file.getFileName().toString(), wrapped));
      } catch (RuntimeException e) {
        session.close();
        throw e;
      }
    }
    if (config.controller() instanceof SampledPlannerConfig p && p.worldModel() == WorldModelSource.SIMULATOR
        && config.sim().isPresent()) {
      try {
        return Optional.of(new NextStatePredictor(PlantWorldModel.of(config, Plants.create(config.sim().get().plant()), 1),
            "simulator (published parameters)", wrapped));
      } catch (IllegalArgumentException e) {
        return Optional.empty();   // the simulator cannot stand in for these variables
      }
    }
    return Optional.empty();
  }
}
