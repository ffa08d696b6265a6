package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.List;
import java.util.Optional;

/**
 * Who may command the robot over its operator link, on top of the broker's ACL: the operators'
 * public keys (ECDSA P-256), whether every command must be signed by one of them, and where the
 * link keeps the ids of the commands it has executed so none runs twice, even across restarts
 * (docs/security.md).
 *
 * <pre>{@code
 * link:
 *   operator_keys:
 *     - {id: alice, public_key_file: keys/alice.pub}
 *   require_signed_commands: true
 *   state_dir: /var/lib/foresight/r1
 * }</pre>
 *
 * @param operatorKeys          the operators whose signatures the robot accepts
 * @param requireSignedCommands refuse every command (but e-stop) that no operator key signed
 * @param stateDir              folder for the persistent replay window, relative to the config file;
 *                              without it the window lives in memory only
 * @param clockSkewMs           how far the operators' clocks may be ahead of the robot's, for {@code expires_at}
 * @param replayWindow          how many executed command ids the replay window holds
 */
public record LinkConfig(
    @JsonPropertyDescription("Operators whose signed commands the robot accepts: id and ECDSA P-256 public key (PEM)")
        List<OperatorKey> operatorKeys,
    @JsonPropertyDescription("Refuse every command that no operator key signed (e-stop is always accepted)")
        Boolean requireSignedCommands,
    @JsonPropertyDescription("Folder for the link's persistent state (the replay window of command ids), relative to "
        + "this config file") Optional<String> stateDir,
    @JsonPropertyDescription("Milliseconds an expires_at may be past and still be accepted (clock skew between "
        + "operators and robot)") Long clockSkewMs,
    @JsonPropertyDescription("Executed command ids remembered, so a replayed command is refused (at least 4096)")
        Integer replayWindow) {

  /** Defaults: no operator keys, unsigned commands accepted, replay window in memory, 1 s skew, 16384 ids. */
  public static final LinkConfig DEFAULT = new LinkConfig(null, null, null, null, null);

  /** The smallest replay window allowed. */
  public static final int MIN_REPLAY_WINDOW = 4096;

  public LinkConfig {
    operatorKeys = operatorKeys != null ? List.copyOf(operatorKeys) : List.of();
    requireSignedCommands = requireSignedCommands != null ? requireSignedCommands : false;
    stateDir = stateDir != null ? stateDir : Optional.empty();
    clockSkewMs = clockSkewMs != null ? clockSkewMs : 1_000L;
    replayWindow = replayWindow != null ? replayWindow : 16_384;
  }

  /** Whether commands are checked for signatures at all. */
  public boolean signing() {
    return requireSignedCommands || !operatorKeys.isEmpty();
  }

  /**
   * One operator's public key: in a file ({@code openssl ec -pubout}, or {@code foresight keys
   * generate}) or inline, as X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}).
   *
   * @param id            the key's name, sent by the operator in the {@code fs-key} property
   * @param publicKeyFile PEM file, relative to the config file
   * @param publicKey     PEM text
   */
  public record OperatorKey(
      @JsonProperty(required = true) @JsonPropertyDescription("The key's name, as the operator sends it in fs-key")
          String id,
      @JsonPropertyDescription("Public key file (PEM), relative to this config file") Optional<String> publicKeyFile,
      @JsonPropertyDescription("Public key, PEM text (-----BEGIN PUBLIC KEY-----)") Optional<String> publicKey) {

    public OperatorKey {
      publicKeyFile = publicKeyFile != null ? publicKeyFile : Optional.empty();
      publicKey = publicKey != null ? publicKey : Optional.empty();
    }
  }
}
