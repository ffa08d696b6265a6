package dev.foresight.runtime.pkg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real tools (dpkg-deb, lintian, systemd-analyze, the installed launcher) and keeps what they print. */
final class Tools {

  record Result(int code, String out, String err) {}

  private Tools() {}

  static Result run(String... command) throws IOException, InterruptedException {
    return run(new ProcessBuilder(command));
  }

  static Result run(ProcessBuilder pb) throws IOException, InterruptedException {
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", pb.command()) + " did not finish in 10 minutes");
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  /** The launcher at {@code launcher} with the JDK running this test as its Java home and a private cache. */
  static Result foresight(Path launcher, String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of(launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("FORESIGHT_JAVA_HOME", System.getProperty("java.home"));
    pb.environment().put("FORESIGHT_CACHE", launcher.getParent().resolve("cache").toString());
    return run(pb);
  }

  private static CompletableFuture<String> read(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
