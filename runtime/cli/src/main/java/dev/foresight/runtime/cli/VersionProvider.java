package dev.foresight.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code foresight --version}: the build's version and the JVM it runs on. */
public final class VersionProvider implements CommandLine.IVersionProvider {

  /** The Foresight version from the build, or "dev". */
  public static String version() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("/dev/foresight/runtime/version.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      return "dev";
    }
    return p.getProperty("version", "dev");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "foresight " + version(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ", " + System.getProperty("java.vendor") + ")",
      "OS " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
    };
  }
}
