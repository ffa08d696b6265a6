package dev.foresight.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import dev.foresight.config.device.DeviceTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads robot configs from YAML into validated {@link RobotConfig} records.
 *
 * <pre>{@code
 * try {
 *   LoadedConfig loaded = ConfigLoader.load(Path.of("robot.yaml"));
 *   Path model = loaded.resolve(loaded.config().model().orElseThrow().file());
 * } catch (ConfigException e) {
 *   e.problems().forEach(p -> System.err.println(p.format()));
 * }
 * }</pre>
 *
 * <p>Strict by design: unknown keys, duplicate keys, strings where numbers belong and fractional
 * numbers where integers belong are all errors, because a silently ignored typo in a robot config
 * is a robot doing something nobody asked for.
 */
public final class ConfigLoader {

  private static final YAMLMapper MAPPER = YAMLMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
      .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
      .registerSubtypes(DeviceTypes.all().stream()
          .map(type -> new NamedType(type.config(), type.id())).toArray(NamedType[]::new))
      .build();

  private ConfigLoader() {}

  /** The mapper configs are read with (snake_case, strict), for tools that write configs. */
  public static YAMLMapper mapper() {
    return MAPPER;
  }

  /**
   * Loads and validates a config file.
   *
   * @throws ConfigException listing every problem found, each with file, line, column and key path
   */
  public static LoadedConfig load(Path file) throws ConfigException {
    Path absolute = file.toAbsolutePath().normalize();
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(absolute);
    } catch (NoSuchFileException e) {
      throw single(file, "file not found");
    } catch (IOException e) {
      throw single(file, Files.isDirectory(absolute) ? "is a folder, not a config file" : "cannot read: " + e.getMessage());
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw single(file, "is not UTF-8 text");
    }
    RobotConfig config = parse(text, file);
    return new LoadedConfig(absolute, config, sha256(bytes));
  }

  /**
   * Parses and validates YAML text. {@code file} names the source in messages and anchors
   * relative file references.
   */
  public static RobotConfig parse(String text, Path file) throws ConfigException {
    if (text.isBlank()) {
      throw single(file, "is empty; a robot config needs at least robot, state, action and controller");
    }
    YamlLocations locations;
    RobotConfig config;
    try {
      locations = YamlLocations.index(MAPPER, text);
      if (locations.isEmpty()) {
        throw single(file, "holds no YAML mapping; a robot config needs at least robot, state, action and controller");
      }
      config = MAPPER.readValue(text, RobotConfig.class);
    } catch (JacksonException e) {
      BindingErrors.Translated t = BindingErrors.translate(e);
      int line = t.line();
      int column = t.column();
      if (line <= 0) {
        YamlLocations.Location at = safeLocations(text).locate(t.path());
        line = at.line();
        column = at.column();
      }
      throw new ConfigException(List.of(new ConfigProblem(file, line, column, t.path(), t.message())));
    }
    if (config == null) {
      throw single(file, "holds no YAML mapping; a robot config needs at least robot, state, action and controller");
    }
    List<ConfigProblem> problems = new ArrayList<>();
    for (ConfigValidator.Finding f : ConfigValidator.validate(config, file)) {
      YamlLocations.Location at = locations.locate(f.path());
      problems.add(new ConfigProblem(file, at.line(), at.column(), f.path(), f.message()));
    }
    if (!problems.isEmpty()) {
      problems.sort(Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column));
      throw new ConfigException(problems);
    }
    return config;
  }

  private static YamlLocations safeLocations(String text) {
    try {
      return YamlLocations.index(MAPPER, text);
    } catch (JacksonException e) {
      return YamlLocations.index(MAPPER, "{}");
    }
  }

  private static ConfigException single(Path file, String message) {
    return new ConfigException(List.of(new ConfigProblem(file, 0, 0, "", message)));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
