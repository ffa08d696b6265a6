package dev.foresight.runtime.dashboard;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.runtime.TestConfigs;
import dev.foresight.runtime.link.LinkFixtures.Linked;
import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.safety.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

/**
 * The page on a broker secured as docs/security.md says (no anonymous clients, passwords, the ACL of
 * docs/mosquitto/acl) in real headless Chromium: it is refused until the operator logs in, a viewer's
 * e-stop is refused by the broker and said so at once, an operator's is accepted, and the password never
 * reaches the URL or the browser's storage.
 */
class SecuredBrokerPageTest {

  @TempDir Path dir;

  @Test
  void theBrokerRefusesTheAnonymousPageAViewersEStopIsRefusedAnOperatorsAccepted() throws Exception {
    Path passwd = dir.resolve("passwd");
    for (String[] user : new String[][] {{"r1", "robot-one"}, {"operator", "op-secret"}, {"viewer", "view-only"}}) {
      List<String> command = new ArrayList<>(List.of("mosquitto_passwd", "-b"));
      if (!Files.exists(passwd)) command.add("-c");
      command.addAll(List.of(passwd.toString(), user[0], user[1]));
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as(out).isZero();
    }
    Files.copy(TestConfigs.ROOT.resolve("docs/mosquitto/acl"), dir.resolve("acl"));
    int wsPort = Mosquitto.freePort();
    Files.writeString(dir.resolve("r1.password"), "robot-one\n");
    var cfg = config(dir, "pendulum-gym.yaml", "r1", "  username: r1\n  password_file: ../r1.password\n");
    try (Mosquitto broker = Mosquitto.start(dir, "listener ${port} 127.0.0.1\nlistener " + wsPort + " 127.0.0.1\n"
            + "protocol websockets\nallow_anonymous false\npassword_file " + passwd + "\nacl_file " + dir.resolve("acl") + "\n");
        DashboardServer page = DashboardServer.start(0, "ws://127.0.0.1:" + wsPort + "/mqtt");
        Linked r = linked(cfg, broker.url());
        Browser b = new Browser(1200, 800).open(page.url())) {
      r.robot().safety().arm("test");
      r.robot().start(Long.MAX_VALUE);
      b.await(Duration.ofSeconds(10), "refused", d -> b.find("#conn").getText().startsWith("refused"));
      assertThat(b.find("#conn").getAttribute("title")).startsWith("broker refused the connection: not authorized");
      assertThat(b.find("#estop").isEnabled()).isFalse();

      login(b, "viewer", "view-only");
      b.await(Duration.ofSeconds(10), "connected as the viewer", d -> b.find("#conn").getText().equals("connected"));
      b.await(Duration.ofSeconds(10), "r1 listed", d -> DashboardBrowserTest.row(b, "r1", 3).equals("online"));
      new Actions(b.driver).sendKeys(Keys.SPACE).perform();
      b.await(Duration.ofSeconds(5), "the refusal on screen", d -> b.text("#estop-state").startsWith("REFUSED by the broker: "
          + "not authorized"));
      assertThat(r.robot().safety().mode()).as("a viewer cannot stop it").isEqualTo(Mode.ARMED);
      assertThat(b.text("#alert-list")).contains("e-stop to r1 NOT CONFIRMED");

      login(b, "operator", "op-secret");
      b.await(Duration.ofSeconds(10), "connected as the operator", d -> b.find("#conn").getText().equals("connected"));
      new Actions(b.driver).sendKeys(Keys.SPACE).perform();
      eventually(5_000, "e-stopped", () -> r.robot().safety().mode() == Mode.ESTOP);
      b.await(Duration.ofSeconds(5), "the ack", d -> b.text("#estop-state").contains("accepted by r1"));

      assertThat(b.driver.getCurrentUrl()).doesNotContain("secret").doesNotContain("operator");
      assertThat(b.js("return localStorage.length + sessionStorage.length + document.cookie.length")).isEqualTo(0L);
    }
  }

  static void login(Browser b, String user, String password) {
    b.find("#user").clear();
    b.find("#user").sendKeys(user);
    b.find("#pass").clear();
    b.find("#pass").sendKeys(password);
    b.find("#connect").click();
  }
}
