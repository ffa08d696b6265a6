package dev.foresight.runtime.link;

import dev.foresight.config.LoadedConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.SystemClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Robots with a link, for the link's tests. */
public final class LinkFixtures {

  private LinkFixtures() {}

  /**
   * An example config renamed to {@code id}, with {@code telemetry} YAML lines appended (indented
   * two spaces under {@code telemetry:}; empty for the defaults), written to {@code dir}.
   */
  public static LoadedConfig config(Path dir, String example, String id, String telemetry) {
    return config(dir, example, id, telemetry, "");
  }

  /**
   * As {@link #config(Path, String, String, String)}, with {@code safety} YAML lines (indented two
   * spaces) added at the top of the example's {@code safety:} section.
   */
  public static LoadedConfig config(Path dir, String example, String id, String telemetry, String safety) {
    return config(dir, example, id, telemetry, safety, "");
  }

  /**
   * As {@link #config(Path, String, String, String, String)}, with {@code sections} (whole top-level
   * YAML sections, e.g. {@code link:}) appended; files they name are relative to {@code dir/id}.
   */
  public static LoadedConfig config(Path dir, String example, String id, String telemetry, String safety,
      String sections) {
    try {
      String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples").resolve(example))
          .replaceFirst("(?m)^  id: .*$", "  id: " + id)
          .replace("../schema/robot.schema.json", "robot.schema.json");
      if (!safety.isEmpty()) {
        if (!yaml.contains("\nsafety:\n")) throw new IllegalArgumentException(example + " has no safety section");
        yaml = yaml.replace("\nsafety:\n", "\nsafety:\n" + safety);
      }
      if (!telemetry.isEmpty()) yaml += "\ntelemetry:\n" + telemetry;
      if (!sections.isEmpty()) yaml += "\n" + sections;
      Path folder = Files.createDirectories(dir.resolve(id));
      return TestConfigs.write(folder, yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A robot and its link, closed together. */
  public record Linked(Robot robot, OperatorLink link) implements AutoCloseable {
    @Override
    public void close() {
      try {
        robot.runner().stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      link.close();
      robot.close();
    }
  }

  /** Assembles the robot on the real clock and attaches a started link to {@code url}. */
  public static Linked linked(LoadedConfig config, String url) throws AssemblyException, LinkException {
    return linked(config, url, new SystemClock(), Map.of());
  }

  public static Linked linked(LoadedConfig config, String url, Clock clock, Map<String, String> env)
      throws AssemblyException, LinkException {
    Robot robot = Robot.assemble(config, clock);
    OperatorLink link = OperatorLink.attach(robot, LinkSettings.resolve(config, url, env), "test");
    link.start();
    return new Linked(robot, link);
  }

  /** Waits until {@code condition} holds, or fails after {@code timeoutMs}. */
  public static void eventually(long timeoutMs, String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    eventually(timeoutMs, what, condition, () -> "");
  }

  /** As above; {@code context} (e.g. the events so far) goes into the failure message. */
  public static void eventually(long timeoutMs, String what, java.util.function.BooleanSupplier condition,
      java.util.function.Supplier<String> context) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        String more = context.get();
        throw new AssertionError("timed out waiting until " + what + (more.isEmpty() ? "" : "; " + more));
      }
      Thread.sleep(20);
    }
  }
}
