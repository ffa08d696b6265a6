package dev.foresight.config.sim;

/**
 * A simulated plant a config can name in {@code sim.plant}, as the config module knows it: its
 * name. The {@code sim} module's {@code PlantFactory} of the same name builds it; everything else
 * about the plant (variables, parameters, time step) is checked when the robot is assembled. Found
 * with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.foresight.config.sim.PlantType}).
 *
 * <pre>{@code
 * public final class ReactionWheelPlant implements PlantType {
 *   public String id() { return "reaction-wheel"; }
 * }
 * }</pre>
 */
public interface PlantType {

  /** The name configs and the command line use, e.g. {@code cartpole-swingup}. */
  String id();
}
