package dev.foresight.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Creates plants by the names configs use, through the {@link PlantFactory}s on the class path
 * (the built-in ones: pendulum, cartpole, cartpole-swingup, acrobot, mountain-car, rover).
 *
 * <pre>{@code
 * Plant acrobot = Plants.create("acrobot");
 * Plant heavy = Plants.create("cartpole", Map.of("mass_pole", 0.2));
 * }</pre>
 */
public final class Plants {

  private static final Map<String, PlantFactory> FACTORIES = load();

  private Plants() {}

  private static Map<String, PlantFactory> load() {
    Map<String, PlantFactory> byName = new LinkedHashMap<>();
    for (PlantFactory f : ServiceLoader.load(PlantFactory.class, PlantFactory.class.getClassLoader())) {
      PlantFactory other = byName.putIfAbsent(f.id(), f);
      if (other != null) {
        throw new IllegalStateException("plant '" + f.id() + "' has two factories: " + other.getClass().getName()
            + " and " + f.getClass().getName());
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }

  /** The plant names there are factories for, in class-path order. */
  public static List<String> names() {
    return List.copyOf(FACTORIES.keySet());
  }

  /** The factory of the plant named {@code id} as configs and the command line write it ({@code cartpole-swingup}). */
  public static Optional<PlantFactory> byName(String id) {
    return Optional.ofNullable(FACTORIES.get(id));
  }

  /** A new plant of the given name, with the published default parameters. */
  public static Plant create(String id) {
    return create(id, defaults(id));
  }

  /**
   * A new plant with some parameters replaced.
   *
   * @throws IllegalArgumentException naming the parameter when a name is unknown or a value invalid
   */
  public static Plant create(String id, Map<String, Double> parameters) {
    return create(id, defaults(id).with(parameters));
  }

  /** A new plant with exactly these parameters (from {@link #defaults}, possibly changed). */
  public static Plant create(String id, Parameters parameters) {
    return factory(id).create(parameters);
  }

  /** The plant's parameters with their published (default) values. */
  public static Parameters defaults(String id) {
    return factory(id).defaults();
  }

  private static PlantFactory factory(String id) {
    PlantFactory f = FACTORIES.get(id);
    if (f == null) {
      throw new IllegalArgumentException("sim.plant: no simulator for plant '" + id + "' on the class path (plants: "
          + String.join(", ", FACTORIES.keySet()) + ")");
    }
    return f;
  }
}
