package dev.foresight.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code link} section: operator keys from files and inline PEM, and its defaults. */
class LinkConfigTest {

  static final String BODY = """
      robot: {id: keyed}
      sim: {plant: pendulum}
      state: [{name: theta, source: plant.theta}]
      action: [{name: torque, min: -2, max: 2, target: plant.torque}]
      controller: {type: swingup, rate: theta}
      """;

  static PublicKey p256() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair().getPublic();
  }

  @Test
  void defaultsAcceptUnsignedCommandsWithAnInMemoryWindow(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("r.yaml"), BODY);
    LinkConfig link = ConfigLoader.load(dir.resolve("r.yaml")).config().link();
    assertThat(link.operatorKeys()).isEmpty();
    assertThat(link.requireSignedCommands()).isFalse();
    assertThat(link.signing()).isFalse();
    assertThat(link.stateDir()).isEmpty();
    assertThat(link.clockSkewMs()).isEqualTo(1_000L);
    assertThat(link.replayWindow()).isEqualTo(16_384);
  }

  @Test
  void readsKeysFromFilesAndInlinePem(@TempDir Path dir) throws Exception {
    PublicKey alice = p256();
    PublicKey bob = p256();
    Files.createDirectories(dir.resolve("keys"));
    Files.writeString(dir.resolve("keys/alice.pub"), OperatorKeys.pem(alice));
    String inline = OperatorKeys.pem(bob).replace("\n", "\n        ");
    Files.writeString(dir.resolve("r.yaml"), BODY + """
        link:
          require_signed_commands: true
          state_dir: state
          clock_skew_ms: 250
          operator_keys:
            - {id: alice, public_key_file: keys/alice.pub}
            - id: bob
              public_key: |
                %s
        """.formatted(inline.strip()));
    LoadedConfig loaded = ConfigLoader.load(dir.resolve("r.yaml"));
    LinkConfig link = loaded.config().link();
    assertThat(link.operatorKeys()).extracting(LinkConfig.OperatorKey::id).containsExactly("alice", "bob");
    assertThat(link.clockSkewMs()).isEqualTo(250L);
    assertThat(loaded.resolve(link.stateDir().orElseThrow())).isEqualTo(dir.resolve("state").toAbsolutePath());
    assertThat(OperatorKeys.parsePublic(Files.readString(loaded.resolve(link.operatorKeys().get(0).publicKeyFile()
        .orElseThrow())))).isEqualTo(alice);
    assertThat(OperatorKeys.parsePublic(link.operatorKeys().get(1).publicKey().orElseThrow())).isEqualTo(bob);
  }

  @Test
  void refusesAKeyWithBothOrNeitherSourceAndAShortWindow(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("r.yaml"), BODY + """
        link:
          state_dir: state
          replay_window: 100
          operator_keys:
            - {id: alice}
        """);
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("r.yaml")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigProblem::format)
            .anySatisfy(p -> assertThat(p).endsWith("link.operator_keys[0]: give public_key_file or public_key, "
                + "exactly one"))
            .anySatisfy(p -> assertThat(p).endsWith("link.replay_window: 100 is out of range (4096..1000000)")));
  }

  @Test
  void garbageIsNotAKey() {
    assertThatThrownBy(() -> OperatorKeys.parsePublic("-----BEGIN PUBLIC KEY-----\n!!!!\n-----END PUBLIC KEY-----"))
        .hasMessage("is not valid PEM (bad base64)");
    assertThatThrownBy(() -> OperatorKeys.parsePublic("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
        .hasMessageStartingWith("is not an ECDSA P-256 public key");
    assertThatThrownBy(() -> OperatorKeys.parsePublic("hello")).hasMessageStartingWith("holds no public key");
  }
}
