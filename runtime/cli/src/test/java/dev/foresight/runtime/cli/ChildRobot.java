package dev.foresight.runtime.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code foresight run} in a separate JVM, to be killed with SIGKILL like a crashed robot. */
public final class ChildRobot {

  private ChildRobot() {}

  public static Process start(Path config, String brokerUrl, Path log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("--sun-misc-unsafe-memory-access=allow");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.foresight.runtime.cli.Main");
    command.addAll(List.of("run", "--config", config.toString(), "--quiet", "--broker", brokerUrl));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }
}
