package dev.foresight.config.sim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;

/**
 * Every {@link PlantType} on the class path, by name, in class-path order (the built-in ones:
 * pendulum, cartpole, cartpole-swingup, acrobot, mountain-car, rover). Loaded once.
 */
public final class PlantTypes {

  private static final List<String> IDS = load();

  private PlantTypes() {}

  private static List<String> load() {
    Set<String> ids = new LinkedHashSet<>();
    for (PlantType type : ServiceLoader.load(PlantType.class, PlantType.class.getClassLoader())) {
      if (!ids.add(type.id())) throw new IllegalStateException("plant '" + type.id() + "' is declared twice");
    }
    return List.copyOf(ids);
  }

  /** The plant names, in class-path order. */
  public static List<String> ids() {
    return IDS;
  }

  /**
   * Reads {@code sim.plant}: a plant name, or a binding error listing the names there are (the
   * loader words it like a wrong enum value).
   */
  public static final class NameDeserializer extends ValueDeserializer<String> {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() == JsonToken.START_ARRAY || p.currentToken() == JsonToken.START_OBJECT) {
        return (String) ctxt.handleUnexpectedToken(String.class, p);
      }
      String id = p.getValueAsString();
      if (!IDS.contains(id)) throw InvalidFormatException.from(p, "not a plant", id, PlantType.class);
      return id;
    }
  }
}
