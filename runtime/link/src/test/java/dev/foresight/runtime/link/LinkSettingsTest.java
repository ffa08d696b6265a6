package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a broker URL given on the command line (--broker) may not combine with the config. */
class LinkSettingsTest {

  @TempDir Path dir;

  @Test
  void aBrokerUrlWithCredentialsIsRefusedWithoutRepeatingThem() {
    var cfg = config(dir, "pendulum-gym.yaml", "t-url", "");
    assertThatThrownBy(() -> LinkSettings.resolve(cfg, "mqtt://r1:hunter2@broker.lan:1883", Map.of()))
        .hasMessage("telemetry.broker: the URL carries credentials (user:password@host); remove them and set "
            + "telemetry.username with telemetry.password_file or password_env (docs/security.md)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2", "r1:"));
    assertThatThrownBy(() -> LinkSettings.serverUri("tcp://r1:hunter2@broker.lan:1883 bad"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void aPasswordOverPlainTcpToAnotherMachineIsRefusedAndToThisOneAllowed() throws Exception {
    var cfg = config(dir, "pendulum-gym.yaml", "t-clear", "  username: r1\n  password_env: R1_PASSWORD\n");
    assertThatThrownBy(() -> LinkSettings.resolve(cfg, "tcp://broker.lan:1883", Map.of("R1_PASSWORD", "x")))
        .hasMessage("telemetry.password_env: a password over tcp:// to broker.lan travels in clear; use "
            + "mqtts://broker.lan:8883 (TLS, docs/security.md), or a broker on this machine");
    assertThat(LinkSettings.resolve(cfg, "tcp://127.0.0.1:1883", Map.of("R1_PASSWORD", "x")).password()).isPresent();
    assertThat(LinkSettings.resolve(cfg, "mqtts://broker.lan:8883", Map.of("R1_PASSWORD", "x")).serverUri())
        .isEqualTo("ssl://broker.lan:8883");
  }

  @Test
  void tlsSettingsWithATcpBrokerAreRefused() {
    var cfg = config(dir, "pendulum-gym.yaml", "t-tls", "  tls: {verify_hostname: false}\n");
    assertThatThrownBy(() -> LinkSettings.resolve(cfg, "tcp://localhost:1883", Map.of()))
        .hasMessage("telemetry.tls: verify_hostname with a tcp:// broker would be ignored and the link left "
            + "unencrypted; use mqtts://localhost:8883, or remove telemetry.tls");
  }

  @Test
  void aPasswordFileOthersCanReadIsWarnedAbout() throws Exception {
    Path file = Files.writeString(dir.resolve("r1.password"), "secret\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(LinkSettings.othersCanRead(file)).hasValue("telemetry.password_file: " + file
        + " is readable by other users (rw-r--r--); make it private: chmod 600 " + file);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(LinkSettings.othersCanRead(file)).isEmpty();
  }

  @Test
  void aCommaListNamesTheNodesOfAClusterInOrder() throws Exception {
    assertThat(LinkSettings.serverUri("mqtt://a:1883, tcp://b:1884,mqtt://c"))
        .isEqualTo("tcp://a:1883,tcp://b:1884,tcp://c:1883");
    assertThat(LinkSettings.serverUri("mqtts://a,ssl://b:9883")).isEqualTo("ssl://a:8883,ssl://b:9883");
  }

  @Test
  void aListMixingPlainAndTlsNodesIsRefusedWithTheFix() {
    assertThatThrownBy(() -> LinkSettings.serverUri("tcp://a:1883,mqtts://b:8883"))
        .isInstanceOf(dev.foresight.runtime.AssemblyException.class)
        .hasMessage("telemetry.broker: 'tcp://a:1883,mqtts://b:8883' mixes plain and TLS nodes; make every node "
            + "tcp:// (mqtt://) or every node ssl:// (mqtts://)");
  }

  @Test
  void anEmptyEntryInAListIsNamed() {
    assertThatThrownBy(() -> LinkSettings.serverUri("tcp://a:1883,"))
        .isInstanceOf(dev.foresight.runtime.AssemblyException.class)
        .hasMessageContaining("telemetry.broker: '' ");
  }

  @Test
  void everyNodeOfAListIsCheckedForCredentialsAndClearPasswords() {
    assertThatThrownBy(() -> LinkSettings.serverUri("tcp://a:1883,tcp://r1:hunter2@b:1883"))
        .satisfies(e -> assertThat(e.getMessage()).contains("carries credentials").doesNotContain("hunter2"));
    var cfg = config(dir, "pendulum-gym.yaml", "t-list", "  username: r1\n  password_env: R1_PASSWORD\n");
    assertThatThrownBy(() -> LinkSettings.resolve(cfg, "tcp://127.0.0.1:1883,tcp://broker.lan:1883",
        Map.of("R1_PASSWORD", "x")))
        .hasMessage("telemetry.password_env: a password over tcp:// to broker.lan travels in clear; use "
            + "mqtts://broker.lan:8883 (TLS, docs/security.md), or a broker on this machine");
  }
}
