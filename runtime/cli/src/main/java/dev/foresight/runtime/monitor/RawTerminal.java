package dev.foresight.runtime.monitor;

import java.io.File;
import java.io.IOException;

/**
 * Puts the controlling terminal into character-at-a-time mode without echo (POSIX {@code stty},
 * present on every Linux and macOS), so single keys reach the program, and restores the saved
 * settings on {@link #close()} (also from a shutdown hook, so Ctrl-C leaves a usable terminal).
 * Output processing is untouched: newlines still return the carriage.
 */
public final class RawTerminal implements AutoCloseable {

  private final String saved;
  private final Thread restoreOnExit;
  private boolean closed;

  private RawTerminal(String saved) {
    this.saved = saved;
    this.restoreOnExit = Thread.ofPlatform().unstarted(this::restore);
    Runtime.getRuntime().addShutdownHook(restoreOnExit);
  }

  /** Switches {@code /dev/tty} to key-at-a-time input; throws when there is no terminal. */
  public static RawTerminal enter() throws IOException {
    String saved = stty("-g").trim();
    stty("-icanon", "-echo", "min", "1");
    return new RawTerminal(saved);
  }

  /** The terminal's width in columns (80 when it cannot be read). */
  public int columns() {
    try {
      String[] size = stty("size").trim().split("\\s+");
      return size.length == 2 ? Integer.parseInt(size[1]) : 80;
    } catch (IOException | NumberFormatException e) {
      return 80;
    }
  }

  private static String stty(String... args) throws IOException {
    String[] command = new String[args.length + 1];
    command[0] = "stty";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/tty")))
        .redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0) throw new IOException("stty " + String.join(" ", args) + " failed: " + out.trim());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private synchronized void restore() {
    if (closed) return;
    closed = true;
    try {
      stty(saved);
    } catch (IOException e) {
      // Nothing better to do; `stty sane` fixes it by hand.
    }
  }

  @Override
  public void close() {
    restore();
    try {
      Runtime.getRuntime().removeShutdownHook(restoreOnExit);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway.
    }
  }
}
