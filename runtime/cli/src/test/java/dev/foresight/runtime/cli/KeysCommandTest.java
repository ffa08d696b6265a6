package dev.foresight.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foresight.config.OperatorKeys;
import dev.foresight.runtime.link.CommandSignature;
import dev.foresight.runtime.link.Mosquitto;
import dev.foresight.runtime.link.MqttTransport;
import dev.foresight.runtime.link.Probe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code foresight keys generate}, and {@code foresight monitor --key} signing its heartbeats on a real Mosquitto. */
class KeysCommandTest {

  @TempDir Path dir;

  @Test
  void generatesAPrivateKeyOnlyItsOwnerReadsAndItsPublicKey() throws Exception {
    CliRun.Result r = CliRun.run("keys", "generate", "--out", dir.resolve("keys").toString(), "--id", "alice");
    assertThat(r.code()).as(r.err()).isZero();
    Path key = dir.resolve("keys/alice.key");
    Path pub = dir.resolve("keys/alice.pub");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(pub)).startsWith("-----BEGIN PUBLIC KEY-----\n");
    PrivateKey priv = CommandSignature.privateKey(Files.readString(key));
    PublicKey pk = OperatorKeys.parsePublic(Files.readString(pub));
    byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
    assertThat(CommandSignature.verify(pk, "t", payload, CommandSignature.sign(priv, "t", payload))).isTrue();
    assertThat(r.out()).contains("public_key_file: alice.pub", "foresight monitor --key ");
  }

  @Test
  void neverOverwritesAKeyAndNamesABadId() throws Exception {
    assertThat(CliRun.run("keys", "generate", "--out", dir.toString(), "--id", "bob").code()).isZero();
    String before = Files.readString(dir.resolve("bob.key"));
    CliRun.Result again = CliRun.run("keys", "generate", "--out", dir.toString(), "--id", "bob");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err().strip()).isEqualTo("foresight: " + dir.resolve("bob.key")
        + " exists; remove it or choose another --id (keys are never overwritten)");
    assertThat(Files.readString(dir.resolve("bob.key"))).isEqualTo(before);
    CliRun.Result bad = CliRun.run("keys", "generate", "--out", dir.toString(), "--id", "a b");
    assertThat(bad.err().strip()).isEqualTo("foresight: --id: 'a b' is not a key id; use 1 to 64 of A-Z a-z 0-9 . _ : -");
  }

  @Test
  void monitorRefusesAKeyOthersCanReadOrAPublicKey() throws Exception {
    assertThat(CliRun.run("keys", "generate", "--out", dir.toString(), "--id", "carol").code()).isZero();
    Path key = dir.resolve("carol.key");
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun.Result open = CliRun.run("monitor", "--key", key.toString(), "--key-id", "carol", "--duration", "1s");
    assertThat(open.code()).isEqualTo(2);
    assertThat(open.err().strip()).isEqualTo("foresight: --key: " + key + " is readable by others (rw-r--r--); chmod "
        + "600 " + key);
    CliRun.Result pub = CliRun.run("monitor", "--key", dir.resolve("carol.pub").toString(), "--key-id", "carol",
        "--duration", "1s");
    assertThat(pub.err().strip()).isEqualTo("foresight: --key: " + dir.resolve("carol.pub") + " is a public key; "
        + "--key takes the private key (NAME.key)");
    CliRun.Result half = CliRun.run("monitor", "--key", key.toString(), "--duration", "1s");
    assertThat(half.err().strip()).isEqualTo("foresight: --key and --key-id go together; give both");
  }

  @Test
  void monitorSendsASignedHeartbeatEvery500Ms() throws Exception {
    assertThat(CliRun.run("keys", "generate", "--out", dir.toString(), "--id", "dave").code()).isZero();
    PublicKey dave = OperatorKeys.parsePublic(Files.readString(dir.resolve("dave.pub")));
    String topic = "foresight/r9/cmd/heartbeat";
    try (Mosquitto broker = Mosquitto.start(dir, "");
        Probe probe = new Probe(broker.url(), "hb-watch").connect(topic)) {
      Thread monitor = Thread.ofPlatform().start(() -> CliRun.run("monitor", "r9", "--broker", broker.url(), "--key",
          dir.resolve("dave.key").toString(), "--key-id", "dave", "--duration", "3s", "--json"));
      List<MqttTransport.Message> beats = probe.collect(topic, Duration.ofSeconds(4));
      monitor.join();
      // 3 s at one every 500 ms, the first at once: 6 or 7 (connection set-up may cost the first).
      assertThat(beats).hasSizeBetween(5, 7);
      for (MqttTransport.Message m : beats) {
        Map<String, String> props = m.userProperties().stream()
            .collect(Collectors.toMap(MqttTransport.Property::key, MqttTransport.Property::value));
        assertThat(props).containsEntry("fs-key", "dave").containsKey("fs-sig");
        assertThat(CommandSignature.verify(dave, topic, m.payload(), props.get("fs-sig"))).isTrue();
        JsonNode p = Probe.json(m);
        assertThat(p.path("id").stringValue()).contains("-hb-");
        assertThat(p.path("expires_at").longValue()).isGreaterThan(System.currentTimeMillis() - 10_000);
      }
      assertThat(beats.stream().map(m -> Probe.json(m).path("id").stringValue()).distinct()).hasSameSizeAs(beats);
    }
  }
}
