package dev.foresight.sim;

/**
 * Builds one kind of simulated plant: the {@code sim} part of a plant, named like the config's
 * {@link dev.foresight.config.sim.PlantType}. Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.foresight.sim.PlantFactory}); {@link Plants} creates every plant
 * through one, so a new plant edits no switch here.
 *
 * <pre>{@code
 * public static final class Factory implements PlantFactory {
 *   public String id() { return "reaction-wheel"; }
 *   public Parameters defaults() { return ReactionWheel.PARAMETERS; }
 *   public Plant create(Parameters parameters) { return new ReactionWheel(parameters); }
 * }
 * }</pre>
 */
public interface PlantFactory {

  /** The name configs and the command line use ({@code sim.plant}). */
  String id();

  /** The parameters with their published (default) values. */
  Parameters defaults();

  /**
   * A new plant with these parameters ({@link #defaults}, possibly changed).
   *
   * @throws IllegalArgumentException naming the parameter when a combination of values is invalid
   */
  Plant create(Parameters parameters);
}
