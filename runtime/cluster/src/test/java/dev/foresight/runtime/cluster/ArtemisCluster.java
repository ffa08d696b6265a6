package dev.foresight.runtime.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Artemis cluster on loopback: {@code n} {@link ArtemisNode} JVMs, each with an MQTT port,
 * clustered over static connectors. {@link #close()} stops them all; {@link #kill(int)} kills one
 * the hard way (SIGKILL), as a crashed machine would go.
 *
 * <pre>{@code
 * try (ArtemisCluster cluster = ArtemisCluster.start(3, dir)) {
 *   String robotSide = cluster.url(0);
 *   String allNodes = cluster.urls();   // tcp://127.0.0.1:a,tcp://127.0.0.1:b,...
 * }
 * }</pre>
 *
 * <p>Also a program, for benchmarks: {@code ArtemisCluster N DIR} starts N nodes, prints their
 * URLs and runs until standard input closes.
 */
public final class ArtemisCluster implements AutoCloseable {

  private final List<Process> nodes;
  private final int[] mqttPorts;
  private final Path dir;

  private ArtemisCluster(List<Process> nodes, int[] mqttPorts, Path dir) {
    this.nodes = nodes;
    this.mqttPorts = mqttPorts;
    this.dir = dir;
  }

  /** Starts {@code n} clustered nodes (in parallel) and returns once each sees all the others. */
  public static ArtemisCluster start(int n, Path dir) throws IOException, InterruptedException {
    int[] mqtt = new int[n];
    int[] core = new int[n];
    for (int i = 0; i < n; i++) {
      mqtt[i] = freePort();
      core[i] = freePort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> nodes = new ArrayList<>();
    ArtemisCluster cluster = new ArtemisCluster(nodes, mqtt, dir);
    try {
      for (int i = 0; i < n; i++) {
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"), ArtemisNode.class.getName(), name(i),
            dir.resolve(name(i)).toString(), Integer.toString(mqtt[i]), Integer.toString(core[i])));
        for (int j = 0; j < n; j++) if (j != i) cmd.add(Integer.toString(core[j]));
        Path log = dir.resolve(name(i) + ".log");
        nodes.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start());
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
      for (int i = 0; i < n; i++) {
        Path log = dir.resolve(name(i) + ".log");
        while (!Files.readString(log, StandardCharsets.UTF_8).contains("READY ")) {
          if (!nodes.get(i).isAlive() || System.nanoTime() > deadline) {
            throw new IOException("Artemis node " + name(i) + " did not start; its log: " + log + "\n"
                + tail(log));
          }
          Thread.sleep(50);
        }
      }
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Node names: a, b, c, ... */
  public static String name(int i) {
    return String.valueOf((char) ('a' + i));
  }

  /** Node {@code i}'s MQTT URL. */
  public String url(int i) {
    return "tcp://127.0.0.1:" + mqttPorts[i];
  }

  /** Every node's MQTT URL, comma-separated, starting at node {@code first} (a robot's server list). */
  public String urls(int first) {
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < mqttPorts.length; k++) {
      if (k > 0) b.append(',');
      b.append(url((first + k) % mqttPorts.length));
    }
    return b.toString();
  }

  /** Kills node {@code i} with SIGKILL and waits for it to be gone. */
  public void kill(int i) throws InterruptedException {
    Process p = nodes.get(i);
    p.destroyForcibly();
    p.waitFor(10, TimeUnit.SECONDS);
  }

  /** Node {@code i}'s log so far (for failure messages). */
  public String log(int i) {
    return tail(dir.resolve(name(i) + ".log"));
  }

  @Override
  public void close() {
    for (Process p : nodes) p.destroyForcibly();
    for (Process p : nodes) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String tail(Path log) {
    try {
      String s = Files.readString(log, StandardCharsets.UTF_8);
      return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** {@code ArtemisCluster N DIR}: starts N nodes, prints their URLs, runs until standard input closes. */
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Path dir = Files.createDirectories(Path.of(args.length > 1 ? args[1] : "target/artemis-cluster"));
    try (ArtemisCluster cluster = start(n, dir)) {
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));   // Ctrl-C stops the nodes too
      System.out.println(cluster.urls(0));
      System.out.flush();
      while (System.in.read() >= 0) {
        // run until the caller closes standard input
      }
    }
  }
}
