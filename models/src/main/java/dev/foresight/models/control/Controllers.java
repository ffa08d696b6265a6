package dev.foresight.models.control;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.config.control.ControllerConfig;
import dev.foresight.config.control.LqrConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.config.control.PidConfig;
import dev.foresight.config.control.SwingUpConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Builds the controller a config asks for. */
public final class Controllers {

  private Controllers() {}

  /**
   * The configured controller, for a loop with the given period.
   *
   * @param config  a validated config (names and dimensions already checked)
   * @param periodS control period in seconds
   */
  public static Controller create(RobotConfig config, double periodS) {
    return create(config.controller(), config, periodS);
  }

  /**
   * The configured controller or planner, for a loop with the given period. Planners (types that
   * implement {@link Planner}) read their deadlines from {@code clockNs}, the loop's clock, so
   * stepped-clock tests and simulation stay deterministic; the runtime's plan phase runs them inline
   * or asynchronously as {@code loop.planning} says.
   *
   * @param config  a validated config
   * @param periodS control period in seconds
   * @param clockNs the loop clock, nanoseconds
   */
  public static Controller create(RobotConfig config, double periodS, LongSupplier clockNs) {
    return create(config.controller(), config, periodS);
  }

  /**
   * The fallback controller of {@code safety.fallback}, if the config has one.
   *
   * @param config  a validated config
   * @param periodS control period in seconds
   */
  public static Optional<Controller> fallback(RobotConfig config, double periodS) {
    return config.safety().fallback().map(f -> create(f, config, periodS));
  }

  /**
   * A controller of the given settings for the robot in {@code config}.
   *
   * @param controller the controller settings (the main controller or the fallback)
   * @param config     a validated config (names and dimensions already checked)
   * @param periodS    control period in seconds
   */
  public static Controller create(ControllerConfig controller, RobotConfig config, double periodS) {
    List<ActionVariable> actions = config.action();
    double[] min = actions.stream().mapToDouble(ActionVariable::min).toArray();
    double[] max = actions.stream().mapToDouble(ActionVariable::max).toArray();
    return switch (controller) {
      case SwingUpConfig s -> {
        int torque = config.actionIndex(s.torque());
        // With a motor, the action is its voltage: the torque limits are what the motor gives at stall.
        double lowest = s.motor().map(m -> m.stallTorqueNm(min[torque])).orElse(min[torque]);
        double highest = s.motor().map(m -> m.stallTorqueNm(max[torque])).orElse(max[torque]);
        Controller swingUp = new SwingUpController(config.stateIndex(s.angle()), config.stateIndex(s.rate()), torque,
            lowest, highest, s.massKg(), s.lengthM(), s.gravity(), s.energyGain(),
            s.catchAngleRad(), s.qAngle(), s.qRate(), s.rTorque(), periodS);
        yield s.motor().<Controller>map(m -> new MotorVoltage(swingUp, torque, config.stateIndex(s.rate()), m,
            min[torque], max[torque])).orElse(swingUp);
      }
      case LqrConfig l -> {
        int n = config.state().size();
        double[][] gain = l.gain().stream()
            .map(row -> row.stream().mapToDouble(Double::doubleValue).toArray())
            .toArray(double[][]::new);
        double[] target = l.target().isEmpty() ? new double[n]
            : l.target().stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] wrapped = new boolean[n];
        List<StateVariable> state = config.state();
        for (int i = 0; i < n; i++) wrapped[i] = state.get(i).wrap();
        yield new LqrController(gain, target, wrapped, min, max);
      }
      case SampledPlannerConfig p -> throw new IllegalArgumentException("controller type " + p.type()
          + " plans with a world model; build it with dev.foresight.models.plan.Planners.create");
      case PidConfig p -> {
        List<StateVariable> state = config.state();
        PidController.Loop[] loops = p.loops().stream().map(l -> new PidController.Loop(
            config.actionIndex(l.action()), config.stateIndex(l.state()), l.rate().map(config::stateIndex).orElse(-1),
            l.target(), l.kp(), l.ki(), l.kd(), l.integralLimit(), state.get(config.stateIndex(l.state())).wrap()))
            .toArray(PidController.Loop[]::new);
        double[] safe = actions.stream().mapToDouble(ActionVariable::safe).toArray();
        yield new PidController(loops, min, max, safe, periodS);
      }
    };
  }
}
