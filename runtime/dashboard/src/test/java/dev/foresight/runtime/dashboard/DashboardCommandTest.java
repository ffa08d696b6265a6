package dev.foresight.runtime.dashboard;

import static dev.foresight.runtime.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.cli.CliRun.Result;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code foresight dashboard} through the CLI, with the plugin on the class path. */
class DashboardCommandTest {

  @Test
  void servesThePageForTheDurationAndSaysWhere() {
    Result r = run("dashboard", "--port", "0", "--broker", "ws://127.0.0.1:18083/mqtt", "--duration", "1s");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).matches("foresight dashboard: http://127\\.0\\.0\\.1:\\d+/ \\(broker ws://127\\.0\\.0\\.1:18083/mqtt; "
        + "page \\d+\\.\\d KB gzipped\\); stopping after 1 s\\n");
  }

  @Test
  void aTcpBrokerUrlIsOneLineAndExit2() {
    Result r = run("dashboard", "--broker", "tcp://127.0.0.1:1883");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("foresight: --broker: 'tcp://127.0.0.1:1883' is not a WebSocket URL").hasLineCount(1);
  }

  @Test
  void aTakenPortIsOneLineAndExit2() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Result r = run("dashboard", "--port", Integer.toString(taken.getLocalPort()));
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).startsWith("foresight: --port: cannot serve on 127.0.0.1:" + taken.getLocalPort())
          .contains("pick a free port with --port").hasLineCount(1);
    }
  }
}
