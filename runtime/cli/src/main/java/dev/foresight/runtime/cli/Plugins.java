package dev.foresight.runtime.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Where plugins come from. In the install image the robot's class path holds only what a robot
 * runs ({@code lib/}); the tools and the embedded broker sit in {@code plugins/} (the launcher passes
 * the folder as {@code -Dforesight.plugins=DIR}) and are loaded here, in a class loader of their own
 * whose parent is the robot's, the first time a command needs one. Without that property (tests, an
 * IDE) plugins are whatever the class path holds.
 *
 * <pre>{@code
 * Optional<LocalBroker.Provider> broker = Plugins.first(LocalBroker.Provider.class);
 * }</pre>
 */
public final class Plugins {

  /** The system property naming the plugins folder. */
  public static final String FOLDER_PROPERTY = "foresight.plugins";

  private static ClassLoader loader;

  private Plugins() {}

  /** Every provider of {@code service} among the plugins, in class path order. */
  public static <T> List<T> load(Class<T> service) {
    List<T> found = new ArrayList<>();
    ServiceLoader.load(service, loader()).forEach(found::add);
    return found;
  }

  /** The first provider of {@code service}, or empty when no plugin provides one. */
  public static <T> Optional<T> first(Class<T> service) {
    return ServiceLoader.load(service, loader()).findFirst();
  }

  /** The plugins folder the launcher named, or empty. */
  public static Optional<Path> folder() {
    String dir = System.getProperty(FOLDER_PROPERTY);
    return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  private static synchronized ClassLoader loader() {
    if (loader == null) loader = create();
    return loader;
  }

  private static ClassLoader create() {
    ClassLoader parent = Plugins.class.getClassLoader();
    Optional<Path> dir = folder();
    if (dir.isEmpty() || !Files.isDirectory(dir.get())) return parent;
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir.get())) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(jar.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the plugins in " + dir.get(), e);
    }
    return new URLClassLoader("foresight-plugins", jars.toArray(URL[]::new), parent);
  }
}
