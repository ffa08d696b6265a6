package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigSchemaTest {

  static final Path PUBLISHED = Path.of("schema/robot.schema.json");

  /**
   * The published schema must be what the records generate. To update it after changing a record:
   * {@code ./mvnw -pl config test -Dforesight.schema.update=true}.
   */
  @Test
  void publishedSchemaMatchesTheRecords() throws IOException {
    String generated = ConfigSchema.generate();
    if (Boolean.getBoolean("foresight.schema.update")) {
      Files.writeString(PUBLISHED, generated);
    }
    assertThat(Files.readString(PUBLISHED))
        .as("config/schema/robot.schema.json is stale; regenerate it with "
            + "./mvnw -pl config test -Dforesight.schema.update=true")
        .isEqualTo(generated);
  }

  static Stream<Path> examples() throws IOException {
    return ConfigLoaderTest.examples();
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleConfigPassesThePublishedSchema(Path example) throws IOException {
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(PUBLISHED), InputFormat.JSON);
    List<Error> errors = schema.validate(Files.readString(example), InputFormat.YAML);
    assertThat(errors).isEmpty();
  }

  @Test
  void schemaRejectsATypoLikeTheLoaderDoes() throws IOException {
    Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(Files.readString(PUBLISHED), InputFormat.JSON);
    String typo = Files.readString(ConfigLoaderTest.EXAMPLES.resolve("pendulum-gym.yaml"))
        .replace("rate_hz: 20", "rat_hz: 20");
    assertThat(schema.validate(typo, InputFormat.YAML)).isNotEmpty();
  }

  @Test
  void schemaCarriesDefaultsFromTheRecords() {
    String schema = ConfigSchema.generate();
    assertThat(schema).contains("\"rate_hz\"", "\"plan_budget_ms\"", "\"zero_offset_rad\"");
    assertThat(schema).containsPattern("\"rate_hz\" : \\{[^}]*\"default\" : 50");
    assertThat(schema).containsPattern("\"const\" : \"as5600\"");
  }
}
