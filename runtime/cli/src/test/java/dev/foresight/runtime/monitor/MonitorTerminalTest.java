package dev.foresight.runtime.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.Robot;
import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.link.LinkSettings;
import dev.foresight.runtime.link.OperatorLink;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.SystemClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code foresight monitor} on a real pseudo-terminal (tmux): real keystrokes, the real screen,
 * a real robot on a real Mosquitto.
 */
class MonitorTerminalTest {

  @TempDir Path dir;

  @Test
  void showsTheRobotAndEstopsItAfterConfirmation() throws Exception {
    String session = "foresight-monitor-test-" + ProcessHandle.current().pid();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Files.writeString(dir.resolve("mosquitto.conf"), (System.getProperty("user.name").equals("root") ? "user root\n" : "")
        + "listener " + port + " 127.0.0.1\nallow_anonymous true\n");
    Process mosquitto = new ProcessBuilder("/usr/sbin/mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
    String url = "tcp://127.0.0.1:" + port;
    String yaml = Files.readString(TestConfigs.ROOT.resolve("config/examples/pendulum-gym.yaml"))
        .replaceFirst("(?m)^  id: .*$", "  id: t-mon");
    var cfg = TestConfigs.write(dir, yaml);
    Path script = dir.resolve("monitor.sh");
    Files.writeString(script, "exec '" + Path.of(System.getProperty("java.home"), "bin", "java") + "'"
        + " --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -cp '"
        + System.getProperty("java.class.path") + "' dev.foresight.runtime.cli.Main monitor --broker " + url
        + " t-mon 2>" + dir.resolve("monitor.err") + "\n");
    try (Robot robot = Robot.assemble(cfg, new SystemClock());
        OperatorLink link = OperatorLink.attach(robot, LinkSettings.resolve(cfg, url, Map.of()), "test")) {
      Thread.sleep(300);   // mosquitto is up well before the link's first attempt needs it
      link.start();
      robot.safety().arm("test");
      robot.start(Long.MAX_VALUE);
      tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "30", "sh " + script);
      try {
        String screen;
        try {
          screen = awaitScreen(session, "t-mon", "online", "armed", "LOOP Hz");
        } catch (AssertionError e) {   // say why the robot left armed, if it did
          throw new AssertionError(e.getMessage() + "\nrobot: " + robot.safety().mode() + " (" + robot.safety().reason()
              + ")", e);
        }
        assertThat(screen).contains("> t-mon").contains("foresight monitor: " + url);

        tmux("send-keys", "-t", session, "e");
        awaitScreen(session, "E-STOP t-mon? press y to send");
        assertThat(robot.safety().mode()).as("nothing sent before confirming").isEqualTo(Mode.ARMED);

        tmux("send-keys", "-t", session, "y");
        screen = awaitScreen(session, "last ack: estop", "accepted, mode estop");
        assertThat(robot.safety().mode()).isEqualTo(Mode.ESTOP);
        assertThat(robot.safety().reason()).contains("operator e-stop from foresight monitor");
        assertThat(screen).containsPattern("t-mon +online +estop +no");

        tmux("send-keys", "-t", session, "q");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (tmuxStatus("has-session", "-t", session) == 0 && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(tmuxStatus("has-session", "-t", session)).as("q quits").isNotZero();
      } finally {
        tmuxStatus("kill-session", "-t", session);
        mosquitto.destroy();
      }
    }
  }

  private String awaitScreen(String session, String... expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String screen = "";
    while (System.nanoTime() < deadline) {
      screen = tmux("capture-pane", "-p", "-t", session);
      boolean all = true;
      for (String e : expected) all &= screen.contains(e);
      if (all) return screen;
      Thread.sleep(100);
    }
    String err = Files.exists(dir.resolve("monitor.err")) ? Files.readString(dir.resolve("monitor.err")) : "";
    throw new AssertionError("screen never showed " + List.of(expected) + ":\n" + screen + "\nstderr:\n" + err);
  }

  private static String tmux(String... args) throws IOException, InterruptedException {
    Process p = start(args);
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("tmux " + String.join(" ", args) + ": " + out);
    return out;
  }

  private static int tmuxStatus(String... args) throws IOException, InterruptedException {
    Process p = start(args);
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }

  private static Process start(String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of("tmux"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }
}
