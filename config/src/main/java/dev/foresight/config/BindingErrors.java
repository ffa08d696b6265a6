package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.DeviceTypes;
import dev.foresight.config.sim.PlantType;
import dev.foresight.config.sim.PlantTypes;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's parse and binding exceptions into one-line problems a robot builder can act on:
 * the key path and a reason in the vocabulary of the file, never Java class names.
 */
final class BindingErrors {

  private static final Pattern MISSING = Pattern.compile("Missing required creator property '([^']+)'");
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object )?property \"([^\"]+)\"");

  /** A translated problem: key path and message, before locating. */
  record Translated(String path, String message, int line, int column) {}

  private BindingErrors() {}

  static Translated translate(JacksonException e) {
    String path = pathOf(e.getPath());
    int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
    int column = e.getLocation() != null ? e.getLocation().getColumnNr() : 0;
    if (e instanceof InvalidTypeIdException t) path = path.isEmpty() ? typeProperty(t) : path + "." + typeProperty(t);
    String message = switch (e) {
      case UnrecognizedPropertyException u -> unknownKey(u);
      case InvalidTypeIdException t -> unknownType(t);
      case InvalidFormatException f -> invalidValue(f);
      case ValueInstantiationException v -> "invalid value: " + rootCause(v).getMessage();
      case MismatchedInputException m -> mismatched(m);
      case StreamReadException s -> syntax(s);
      default -> firstLine(e.getOriginalMessage());
    };
    if (e instanceof MismatchedInputException m && MISSING.matcher(m.getOriginalMessage()).find()) {
      // Reported at the mapping that lacks the key; Jackson's location is where the mapping ended.
      path = YamlLocations.parent(path);
      line = 0;
      column = 0;
    }
    return new Translated(path, message, line, column);
  }

  private static String unknownKey(UnrecognizedPropertyException e) {
    List<String> known = e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    String hint = Suggestions.closest(e.getPropertyName(), known)
        .map(c -> "; did you mean '" + c + "'?")
        .orElse("; expected one of: " + String.join(", ", known));
    return "unknown key '" + e.getPropertyName() + "'" + hint;
  }

  private static String unknownType(InvalidTypeIdException e) {
    List<String> known = subtypeNames(e.getBaseType().getRawClass());
    if (e.getTypeId() == null || e.getTypeId().isBlank()) {
      return "missing key 'type'; one of: " + String.join(", ", known);
    }
    return "unknown type '" + e.getTypeId() + "'" + Suggestions.hint(e.getTypeId(), known)
        + "; known types: " + String.join(", ", known);
  }

  private static String invalidValue(InvalidFormatException e) {
    Class<?> target = e.getTargetType();
    String shown = String.valueOf(e.getValue());
    if (target != null && (target.isEnum() || target == PlantType.class)) {
      // A plant name is a choice like an enum's, among the plants on the class path.
      List<String> accepted = target == PlantType.class ? PlantTypes.ids()
          : Arrays.stream(target.getEnumConstants()).map(BindingErrors::yamlName).toList();
      return "'" + shown + "' is not one of: " + String.join(", ", accepted) + Suggestions.hint(shown, accepted);
    }
    return "'" + shown + "' is not " + describe(target);
  }

  private static String mismatched(MismatchedInputException e) {
    Matcher missing = MISSING.matcher(e.getOriginalMessage());
    if (missing.find()) return "missing required key '" + missing.group(1) + "'";
    if (e.getTargetType() == null) return firstLine(e.getOriginalMessage());
    JsonToken token = e.getCurrentToken();
    return "expected " + describe(e.getTargetType()) + (token != null ? ", got " + describe(token) : "");
  }

  private static String syntax(StreamReadException e) {
    Matcher duplicate = DUPLICATE.matcher(e.getOriginalMessage());
    if (duplicate.find()) return "key '" + duplicate.group(1) + "' appears twice in the same mapping";
    return "not valid YAML: " + firstLine(e.getOriginalMessage());
  }

  private static String typeProperty(InvalidTypeIdException e) {
    JsonTypeInfo info = e.getBaseType().getRawClass().getAnnotation(JsonTypeInfo.class);
    return info != null && !info.property().isEmpty() ? info.property() : "type";
  }

  private static List<String> subtypeNames(Class<?> base) {
    if (base == DeviceConfig.class) return DeviceTypes.ids();
    JsonSubTypes subtypes = base.getAnnotation(JsonSubTypes.class);
    if (subtypes == null) return List.of();
    return Arrays.stream(subtypes.value())
        .map(t -> t.value().getAnnotation(JsonTypeName.class))
        .filter(java.util.Objects::nonNull)
        .map(JsonTypeName::value)
        .toList();
  }

  /** How a Java type reads in YAML terms. */
  static String describe(Class<?> type) {
    if (type == null) return "a value of the right kind";
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Double.class || type == double.class) return "a number";
    if (type == Boolean.class || type == boolean.class) return "true or false";
    if (type == String.class) return "a string";
    if (Collection.class.isAssignableFrom(type)) return "a list";
    if (type.isEnum()) {
      return "one of: " + String.join(", ",
          Arrays.stream(type.getEnumConstants()).map(BindingErrors::yamlName).toList());
    }
    return "a mapping of keys to values";
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "a list";
      case START_OBJECT -> "a mapping";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "nothing (null)";
      default -> token.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String yamlName(Object constant) {
    try {
      return String.valueOf(constant.getClass().getMethod("id").invoke(constant));
    } catch (ReflectiveOperationException e) {
      return ((Enum<?>) constant).name().toLowerCase(Locale.ROOT);
    }
  }

  static String pathOf(List<JacksonException.Reference> references) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : references) {
      if (ref.getPropertyName() != null) {
        if (!out.isEmpty()) out.append('.');
        out.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.toString();
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    return t;
  }

  private static String firstLine(String text) {
    if (text == null) return "unreadable";
    int newline = text.indexOf('\n');
    return (newline < 0 ? text : text.substring(0, newline)).trim();
  }
}
