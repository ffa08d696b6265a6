package dev.foresight.runtime.bench;

import dev.foresight.config.ConfigException;
import dev.foresight.config.ConfigLoader;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The robot of {@code foresight bench loop}: {@code bench-robot.yaml} (the reference pendulum's
 * devices, a PID controller, the full safety supervisor) at a chosen rate, on {@link BenchIo}.
 */
public final class BenchRobot {

  private static final String RESOURCE = "bench-robot.yaml";

  private BenchRobot() {}

  /** The benchmark config at {@code rateHz} (10..1000), validated like any config file. */
  public static LoadedConfig config(int rateHz) throws ConfigException {
    String text;
    try (InputStream in = BenchRobot.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path file = Path.of(RESOURCE).toAbsolutePath();
    RobotConfig config = ConfigLoader.parse(text.replace("${RATE}", Integer.toString(rateHz)), file);
    return new LoadedConfig(file, config, "0".repeat(64));
  }

  /** The benchmark robot on {@code clock}, assembled and not started. */
  public static Robot assemble(int rateHz, Clock clock) throws ConfigException, AssemblyException {
    LoadedConfig loaded = config(rateHz);
    return Robot.assemble(loaded, clock, new BenchIo(loaded.config().loop().periodNs()));
  }
}
