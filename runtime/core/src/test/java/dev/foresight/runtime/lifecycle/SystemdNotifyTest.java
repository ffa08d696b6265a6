package dev.foresight.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sd_notify protocol against a real unix datagram socket, bound as systemd binds its own. */
class SystemdNotifyTest {

  @TempDir Path dir;

  @Test
  void sendsEachMessageAsOneDatagramToASocketPath() throws Throwable {
    String path = dir.resolve("notify").toString();
    try (var systemd = new UnixDatagramReceiver(path, 2_000);
         var notify = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path)).orElseThrow()) {
      notify.send("READY=1\nSTATUS=running at 20 Hz");
      notify.send("WATCHDOG=1");
      notify.send("STOPPING=1");
      assertThat(systemd.receive()).contains("READY=1\nSTATUS=running at 20 Hz");
      assertThat(systemd.receive()).contains("WATCHDOG=1");
      assertThat(systemd.receive()).contains("STOPPING=1");
    }
  }

  @Test
  void reachesASocketInTheAbstractNamespace() throws Throwable {
    String name = "@foresight-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    try (var systemd = new UnixDatagramReceiver(name, 2_000); var notify = SystemdNotify.connect(name)) {
      notify.send("READY=1");
      assertThat(systemd.receive()).contains("READY=1");
    }
  }

  @Test
  void isAbsentWhenSystemdDidNotAskForNotifications() throws IOException {
    assertThat(SystemdNotify.fromEnvironment(Map.of())).isEmpty();
    assertThat(SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", ""))).isEmpty();
  }

  @Test
  void refusesAnAddressThatIsNoUnixSocketInOneLine() {
    assertThatThrownBy(() -> SystemdNotify.connect("run/notify"))
        .isInstanceOf(IOException.class)
        .hasMessage("NOTIFY_SOCKET 'run/notify' is not a unix socket path (/...) or abstract name (@...) of at most "
            + "107 bytes");
  }

  @Test
  void aSendWithNobodyListeningFailsNamingTheSocket() throws IOException {
    String path = dir.resolve("nobody").toString();
    try (var notify = SystemdNotify.connect(path)) {
      assertThatThrownBy(() -> notify.send("READY=1"))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("cannot notify systemd at " + path + ": errno 2");   // ENOENT
    }
  }

  @Test
  void theWatchdogIntervalIsForThisProcessOnly() {
    Map<String, String> env = Map.of("WATCHDOG_USEC", "5000000", "WATCHDOG_PID", "42");
    assertThat(SystemdNotify.watchdogIntervalNs(env, 42)).isEqualTo(5_000_000_000L);
    assertThat(SystemdNotify.watchdogIntervalNs(env, 43)).isZero();
    assertThat(SystemdNotify.watchdogIntervalNs(Map.of("WATCHDOG_USEC", "2000000"), 7)).isEqualTo(2_000_000_000L);
    assertThat(SystemdNotify.watchdogIntervalNs(Map.of(), 7)).isZero();
    assertThat(SystemdNotify.watchdogIntervalNs(Map.of("WATCHDOG_USEC", "soon"), 7)).isZero();
  }

  @Test
  void theWatchdogIsFedOnlyWhileTheLoopTicks() throws Throwable {
    String path = dir.resolve("watchdog").toString();
    AtomicLong ticks = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    try (var systemd = new UnixDatagramReceiver(path, 200); var notify = SystemdNotify.connect(path)) {
      SystemdWatchdog watchdog = new SystemdWatchdog(notify, ticks::get, running::get);
      ticks.set(10);
      assertThat(watchdog.doWork(0)).isEqualTo(1);
      assertThat(systemd.receive()).contains("WATCHDOG=1");
      // No tick since the last cycle: the loop stalled; systemd hears nothing and will restart the service.
      assertThat(watchdog.doWork(1)).isZero();
      assertThat(watchdog.starving()).isTrue();
      assertThat(systemd.receive()).isEmpty();
      ticks.set(11);
      assertThat(watchdog.doWork(2)).isEqualTo(1);
      assertThat(systemd.receive()).contains("WATCHDOG=1");
      // Ticks advanced but the control thread has died: not healthy either.
      ticks.set(12);
      running.set(false);
      assertThat(watchdog.doWork(3)).isZero();
      assertThat(systemd.receive()).isEmpty();
      assertThat(watchdog.fed()).isEqualTo(2);
    }
  }
}
