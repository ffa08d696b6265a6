package dev.foresight.runtime.cli;

import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.onnx.ModelSession;
import dev.foresight.models.onnx.SessionSettings;
import dev.foresight.models.onnx.TensorSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code foresight model ...}: look inside an ONNX world model here; {@code train} and {@code eval} come
 * from the tools plugin.
 */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = "World models: train one from recordings, evaluate it, look inside an ONNX file.",
    subcommands = {ModelCommand.Inspect.class})
public final class ModelCommand {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** {@code foresight model inspect FILE}. */
  @Command(name = "inspect", mixinStandardHelpOptions = true,
      description = "Show an ONNX model's inputs, outputs, metadata, size and opsets, and whether it meets the "
          + "world-model contract's shape.")
  static final class Inspect implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "ONNX model.")
    Path file;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(file)) throw new UserException(file + ": file not found");
      long bytes = Files.size(file);
      Map<String, Object> m = new LinkedHashMap<>();
      try (ModelSession session = ModelSession.open(file, SessionSettings.DEFAULT)) {
        m.put("file", file.toString());
        m.put("bytes", bytes);
        m.put("inputs", session.inputs().stream().map(TensorSpec::toString).toList());
        m.put("outputs", session.outputs().stream().map(TensorSpec::toString).toList());
        m.put("metadata", new java.util.TreeMap<>(session.metadata()));
      } catch (ModelException e) {
        throw new UserException(e.getMessage());
      }
      PrintWriter o = spec.commandLine().getOut();
      if (json) {
        o.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m));
      } else {
        o.printf(Locale.ROOT, "%s: %.1f kB%n", file, bytes / 1000.0);
        o.printf("inputs:  %s%n", String.join(", ", castList(m.get("inputs"))));
        o.printf("outputs: %s%n", String.join(", ", castList(m.get("outputs"))));
        o.println("metadata:");
        @SuppressWarnings("unchecked")
        Map<String, String> meta = (Map<String, String>) m.get("metadata");
        for (Map.Entry<String, String> e : meta.entrySet()) o.printf("  %s: %s%n", e.getKey(), e.getValue());
      }
      o.flush();
      return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
      return (List<String>) o;
    }
  }
}
