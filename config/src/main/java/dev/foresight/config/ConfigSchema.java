package dev.foresight.config;

import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.CustomPropertyDefinition;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonOption;
import com.github.victools.jsonschema.module.jackson.JacksonSchemaModule;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.DeviceTypes;
import dev.foresight.config.device.I2cAddressDeserializer;
import dev.foresight.config.sim.PlantTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of robot config files, generated from the records so it cannot drift from what
 * the loader accepts. Editors use it for completion and checks (the example configs point at the
 * published copy, {@code config/schema/robot.schema.json}, with a {@code yaml-language-server} line).
 *
 * <p>Defaults come from the records themselves: a component's default is what its compact
 * constructor puts in place of a missing value.
 */
public final class ConfigSchema {

  private ConfigSchema() {}

  /** The schema as pretty-printed JSON, ending in a newline. */
  public static String generate() {
    JsonMapper mapper = JsonMapper.builder().build();
    SchemaGeneratorConfigBuilder builder =
        new SchemaGeneratorConfigBuilder(mapper, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
            .with(new JacksonSchemaModule(
                JacksonOption.FLATTENED_ENUMS_FROM_JSONVALUE,
                JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
            .with(Option.FLATTENED_OPTIONALS, Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT,
                Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS, Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
            .without(Option.NONSTATIC_NONVOID_NONGETTER_METHODS, Option.GETTER_METHODS);
    builder.forFields()
        .withPropertyNameOverrideResolver(field -> snakeCase(field.getDeclaredName()))
        .withDefaultResolver(ConfigSchema::defaultOf)
        .withIgnoreCheck(field -> field.isStatic())
        .withCustomDefinitionProvider((field, context) -> {
          JsonDeserialize custom = field.getAnnotationConsideringFieldAndGetter(JsonDeserialize.class);
          if (custom == null) return null;
          ObjectNode definition = mapper.createObjectNode();
          if (custom.using() == I2cAddressDeserializer.class) {
            // I2C addresses may be written in hex, which YAML 1.2 readers see as a string.
            definition.putArray("anyOf")
                .add(mapper.createObjectNode().put("type", "integer").put("minimum", 3).put("maximum", 0x77))
                .add(mapper.createObjectNode().put("type", "string").put("pattern", "^0[xX][0-9a-fA-F]{1,2}$"));
          } else if (custom.using() == PlantTypes.NameDeserializer.class) {
            definition.put("type", "string");
            PlantTypes.ids().forEach(definition.putArray("enum")::add);
          } else {
            return null;
          }
          return new CustomPropertyDefinition(definition, CustomDefinition.AttributeInclusion.YES);
        });
    // Device records are the device types on the class path, not a list written on DeviceConfig.
    builder.forTypesInGeneral().withSubtypeResolver((declared, context) -> {
      if (declared.getErasedType() != DeviceConfig.class) return null;
      return DeviceTypes.all().stream().map(t -> context.getTypeContext().resolveSubtype(declared, t.config())).toList();
    });
    builder.forTypesInGeneral().withIdResolver(scope ->
        scope.getType().getErasedType() == RobotConfig.class
            ? "https://foresight.dev/schema/robot.schema.json" : null);
    ObjectNode schema = new SchemaGenerator(builder.build()).generateSchema(RobotConfig.class);
    schema.put("title", "Foresight robot configuration");
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
  }

  /**
   * The value a record's compact constructor substitutes for a missing component, found by
   * constructing the record with every component missing.
   */
  private static Object defaultOf(FieldScope field) {
    Class<?> owner = field.getDeclaringType().getErasedType();
    if (!owner.isRecord()) return null;
    try {
      RecordComponent[] components = owner.getRecordComponents();
      Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
      Constructor<?> canonical = owner.getDeclaredConstructor(types);
      Object[] nulls = new Object[components.length];
      for (int i = 0; i < types.length; i++) nulls[i] = types[i].isPrimitive() ? primitiveZero(types[i]) : null;
      Object empty = canonical.newInstance(nulls);
      for (RecordComponent c : components) {
        if (c.getName().equals(field.getDeclaredName())) {
          Object value = c.getAccessor().invoke(empty);
          if (value instanceof Optional<?> o) return o.orElse(null);
          if (value instanceof Double d && d.isInfinite()) return null;
          if (value instanceof Enum<?> e) return e.getClass().getMethod("id").invoke(e);
          if (value instanceof java.util.Collection<?> col && col.isEmpty()) return null;
          if (value instanceof java.util.Map<?, ?> map && map.isEmpty()) return null;
          if (value != null && value.getClass().isRecord()) return null;
          return value;
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
    return null;
  }

  /** Jackson's SNAKE_CASE for the component names used here: {@code rateHz} -> {@code rate_hz}. */
  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder();
    for (char c : camel.toCharArray()) {
      if (Character.isUpperCase(c)) out.append('_').append(Character.toLowerCase(c));
      else out.append(c);
    }
    return out.toString();
  }

  private static Object primitiveZero(Class<?> type) {
    if (type == boolean.class) return false;
    if (type == double.class) return 0.0;
    if (type == long.class) return 0L;
    return 0;
  }
}
