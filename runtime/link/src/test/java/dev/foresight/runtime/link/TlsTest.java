package dev.foresight.runtime.link;

import static dev.foresight.runtime.link.LinkFixtures.config;
import static dev.foresight.runtime.link.LinkFixtures.eventually;
import static dev.foresight.runtime.link.LinkFixtures.linked;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against Mosquitto with a CA generated for the test: the broker's name is checked by default,
 * and a client certificate can stand in for a password.
 */
class TlsTest {

  @TempDir static Path dir;
  static Pki pki;
  static Mosquitto serverAuth;
  static Mosquitto clientAuth;

  @BeforeAll
  static void start() throws Exception {
    pki = new Pki(Files.createDirectories(dir.resolve("pki")));
    pki.issue("broker", "localhost", "DNS:localhost");
    pki.issue("t-tls-cert", "t-tls-cert", "");
    String tls = "cafile " + pki.file("ca.pem") + "\ncertfile " + pki.file("broker.pem") + "\nkeyfile "
        + pki.file("broker.key") + "\n";
    serverAuth = Mosquitto.start(Files.createDirectories(dir.resolve("server-auth")), tls);
    clientAuth = Mosquitto.start(Files.createDirectories(dir.resolve("client-auth")),
        tls + "require_certificate true\nuse_identity_as_username true\nallow_anonymous false\n");
    for (String f : new String[] {"ca.pem", "t-tls-cert.pem", "t-tls-cert.key"}) {
      Files.copy(pki.file(f), dir.resolve(f));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    serverAuth.close();
    clientAuth.close();
  }

  @Test
  void connectsToABrokerWhoseCertificateTheCaSigned() throws Exception {
    var cfg = config(dir, "pendulum-gym.yaml", "t-tls", "  tls:\n    ca_file: ../ca.pem\n");
    try (var r = linked(cfg, "mqtts://localhost:" + serverAuth.port())) {
      r.robot().start(Long.MAX_VALUE);
      eventually(15_000, "the link is online over TLS", () -> r.link().state().equals("online"));
      eventually(5_000, "telemetry flows", () -> r.link().telemetrySent() > 0);
    }
  }

  @Test
  @dev.foresight.runtime.FaultCell(fault = "broker_untrusted", reaction = "a broker whose certificate another CA signed: refused, never online", ticks = "-")
  void refusesABrokerSignedByACaItDoesNotTrust() throws Exception {
    Pki other = new Pki(Files.createDirectories(dir.resolve("other-pki")));
    Files.copy(other.file("ca.pem"), dir.resolve("other-ca.pem"));
    var cfg = config(dir, "pendulum-gym.yaml", "t-tls-untrusted", "  tls:\n    ca_file: ../other-ca.pem\n");
    try (var r = linked(cfg, "mqtts://localhost:" + serverAuth.port())) {
      eventually(15_000, "the connection attempt fails", () -> !r.link().lastProblem().isEmpty());
      assertThat(r.link().lastProblem()).startsWith("TLS handshake failed");
      Thread.sleep(500);
      assertThat(r.link().state()).isEqualTo("offline");
      assertThat(r.link().connects()).isZero();
    }
  }

  @Test
  void refusesABrokerWhoseCertificateNamesAnotherHost() throws Exception {
    // The certificate names localhost only; dialling 127.0.0.1 must fail the hostname check.
    var cfg = config(dir, "pendulum-gym.yaml", "t-tls-ip", "  tls:\n    ca_file: ../ca.pem\n");
    try (var r = linked(cfg, "mqtts://127.0.0.1:" + serverAuth.port())) {
      eventually(15_000, "the connection attempt fails", () -> !r.link().lastProblem().isEmpty());
      assertThat(r.link().lastProblem()).contains("TLS handshake failed", "127.0.0.1");
      Thread.sleep(500);
      assertThat(r.link().state()).isNotEqualTo("online");
      assertThat(r.link().connects()).isZero();
    }
    // Turning the check off (for a broker reached by address) connects.
    var off = config(dir, "pendulum-gym.yaml", "t-tls-nocheck",
        "  tls:\n    ca_file: ../ca.pem\n    verify_hostname: false\n");
    try (var r = linked(off, "mqtts://127.0.0.1:" + serverAuth.port())) {
      eventually(15_000, "the link is online", () -> r.link().state().equals("online"));
    }
  }

  @Test
  void aClientCertificateAuthenticatesTheRobot() throws Exception {
    var cfg = config(dir, "pendulum-gym.yaml", "t-tls-cert",
        "  tls:\n    ca_file: ../ca.pem\n    cert_file: ../t-tls-cert.pem\n    key_file: ../t-tls-cert.key\n");
    try (var r = linked(cfg, "mqtts://localhost:" + clientAuth.port());
        Probe probe = new Probe(new MqttTransport.Options("ssl://localhost:" + clientAuth.port(), "probe",
            java.util.Optional.empty(), java.util.Optional.empty(),
            LinkSettings.tls(java.util.Optional.of(pki.file("ca.pem")), java.util.Optional.of(pki.file("t-tls-cert.pem")),
                java.util.Optional.of(pki.file("t-tls-cert.key"))), true, java.util.Optional.empty(), 0, 5))
            .connect("foresight/t-tls-cert/status")) {
      eventually(15_000, "the link is online", () -> r.link().state().equals("online"));
      assertThat(probe.awaitJson("foresight/t-tls-cert/status", Duration.ofSeconds(5)).path("state").stringValue())
          .isEqualTo("online");
    }
    // Without a certificate this broker does not let the robot in.
    var none = config(dir, "pendulum-gym.yaml", "t-tls-nocert", "  tls:\n    ca_file: ../ca.pem\n");
    try (var r = linked(none, "mqtts://localhost:" + clientAuth.port())) {
      eventually(15_000, "the connection attempt fails", () -> !r.link().lastProblem().isEmpty());
      assertThat(r.link().connects()).isZero();
    }
  }
}
