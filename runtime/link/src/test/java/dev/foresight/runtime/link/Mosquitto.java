package dev.foresight.runtime.link;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto 2 (the Debian package; {@code .ci/run} installs it) on a free loopback port
 * with a generated config, for tests. Keeps its persistence file in the test's folder so
 * sessions survive {@link #restart()}.
 */
public final class Mosquitto implements AutoCloseable {

  static final String BINARY = "/usr/sbin/mosquitto";

  private final Path dir;
  private final int port;
  private final Path conf;
  private Process process;

  private Mosquitto(Path dir, int port, Path conf) {
    this.dir = dir;
    this.port = port;
    this.conf = conf;
  }

  /**
   * Starts Mosquitto with a listener on 127.0.0.1 and {@code settings} appended to the config
   * (listener options, auth). Anonymous access is on unless {@code settings} turns it off.
   */
  public static Mosquitto start(Path dir, String settings) throws IOException, InterruptedException {
    return start(dir, settings, freePort());
  }

  /** As {@link #start(Path, String)}, on a given port (e.g. one a robot is already dialling). */
  public static Mosquitto start(Path dir, String settings, int port) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(BINARY))) {
      throw new IllegalStateException(BINARY + " not found: install the mosquitto package (apt-get install -y "
          + "mosquitto mosquitto-clients; .ci/run does)");
    }
    Path conf = dir.resolve("mosquitto.conf");
    String user = System.getProperty("user.name").equals("root") ? "user root\n" : "";
    boolean customListener = settings.contains("listener ");
    Files.writeString(conf, user
        + (customListener ? settings.replace("${port}", Integer.toString(port))
            : "listener " + port + " 127.0.0.1\n" + (settings.contains("allow_anonymous") ? "" : "allow_anonymous true\n")
                + settings)
        + "\npersistence true\npersistence_location " + dir + "/\n"
        + "log_dest file " + dir.resolve("mosquitto.log") + "\nlog_type all\n");
    Mosquitto m = new Mosquitto(dir, port, conf);
    m.launch();
    return m;
  }

  private void launch() throws IOException, InterruptedException {
    process = new ProcessBuilder(BINARY, "-c", conf.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) break;
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("mosquitto did not start on port " + port + ": "
        + Files.readString(dir.resolve("mosquitto.out")) + log());
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Stops the broker (SIGTERM: it saves its sessions) and waits. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Kills the broker (SIGKILL: no goodbye to its clients, no session saved) and waits. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /**
   * Freezes the broker (SIGSTOP): its sockets stay open and the kernel still accepts data, but
   * nothing answers, as a half-open link or a hung broker. {@link #resume()} continues it.
   */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Continues a paused broker (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
    String out = new String(kill.getInputStream().readAllBytes());
    if (kill.waitFor() != 0) throw new IllegalStateException("kill -" + name + " " + process.pid() + ": " + out);
  }

  /** Starts the stopped broker again on the same port and config. */
  public void restart() throws IOException, InterruptedException {
    launch();
  }

  /** The broker's log, for failure messages. */
  public String log() {
    try {
      return Files.readString(dir.resolve("mosquitto.log"));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      try {
        signal("CONT");   // a paused broker does not act on SIGTERM
      } catch (IOException | RuntimeException e) {
        // it is killed below anyway
      }
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
    }
  }
}
