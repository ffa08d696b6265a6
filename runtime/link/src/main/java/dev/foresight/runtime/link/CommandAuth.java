package dev.foresight.runtime.link;

import dev.foresight.config.LinkConfig;
import dev.foresight.config.LoadedConfig;
import dev.foresight.config.OperatorKeys;
import dev.foresight.runtime.AssemblyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may command this robot, from {@code link} in the config: the operators' public keys,
 * whether a signature is required, and where the replay window lives. {@link #check} decides for
 * one message whether its signature lets it through (every command but e-stop is checked).
 *
 * <pre>{@code
 * CommandAuth auth = CommandAuth.resolve(loaded);
 * CommandAuth.Verdict v = auth.check(message.topic(), message.payload(), message.userProperties());
 * if (v.refusal() != null) reject(v.refusal());
 * }</pre>
 *
 * @param keys          operator key id to public key
 * @param requireSigned refuse what no key signed
 * @param stateDir      the replay window's folder (resolved), if persistent
 * @param replayWindow  ids the window holds
 */
public record CommandAuth(Map<String, PublicKey> keys, boolean requireSigned, Optional<Path> stateDir,
    int replayWindow) {

  /** Nothing required, no keys, an in-memory window. */
  public static final CommandAuth NONE = new CommandAuth(Map.of(), false, Optional.empty(), 16_384);

  public CommandAuth {
    keys = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keys));
  }

  /**
   * The outcome for one message.
   *
   * @param keyId   the key that signed it, or null when unsigned
   * @param refusal why it must not run, or null when it may go on
   */
  public record Verdict(String keyId, String refusal) {}

  /** Reads the keys of {@code link.operator_keys}; a key that cannot be read is one line naming it. */
  public static CommandAuth resolve(LoadedConfig loaded) throws AssemblyException {
    LinkConfig link = loaded.config().link();
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    List<LinkConfig.OperatorKey> list = link.operatorKeys();
    for (int i = 0; i < list.size(); i++) {
      LinkConfig.OperatorKey k = list.get(i);
      String at = "link.operator_keys[" + i + "]";
      String pem;
      String what;
      if (k.publicKey().isPresent()) {
        pem = k.publicKey().get();
        what = at + ".public_key: the inline key";
      } else {
        Path file = loaded.resolve(k.publicKeyFile().orElseThrow());
        what = at + ".public_key_file: " + file;
        try {
          pem = Files.readString(file);
        } catch (IOException e) {
          throw new AssemblyException(what + " cannot be read: " + e.getMessage());
        }
      }
      try {
        keys.put(k.id(), OperatorKeys.parsePublic(pem));
      } catch (OperatorKeys.NotAKey e) {
        throw new AssemblyException(what + " " + e.getMessage());
      }
    }
    return new CommandAuth(keys, link.requireSignedCommands(), link.stateDir().map(loaded::resolve),
        link.replayWindow());
  }

  /** Opens this robot's replay window: in {@link #stateDir()}, or in memory without one. */
  ReplayWindow openWindow() throws LinkException {
    if (stateDir.isEmpty()) return ReplayWindow.inMemory(replayWindow);
    try {
      return ReplayWindow.open(stateDir.get(), replayWindow);
    } catch (IOException e) {
      throw new LinkException("link.state_dir: cannot open the replay window in " + stateDir.get() + ": "
          + e.getMessage(), -1);
    }
  }

  /** Whether the signature (or its absence) on a message lets it through. */
  public Verdict check(String topic, byte[] payload, List<MqttTransport.Property> properties) {
    String keyId = null;
    String sig = null;
    for (MqttTransport.Property p : properties) {
      if (p.key().equals(CommandSignature.KEY_PROPERTY)) {
        if (keyId != null) return new Verdict(null, "more than one fs-key property; send one");
        keyId = p.value();
      } else if (p.key().equals(CommandSignature.SIG_PROPERTY)) {
        if (sig != null) return new Verdict(null, "more than one fs-sig property; send one");
        sig = p.value();
      }
    }
    if (keyId == null && sig == null) {
      return new Verdict(null, requireSigned ? "unsigned: this robot takes only signed commands "
          + "(link.require_signed_commands); sign with an operator key (fs-key, fs-sig)" : null);
    }
    if (keyId == null || sig == null) {
      return new Verdict(null, "fs-key and fs-sig go together; this message has only " + (keyId == null ? "fs-sig"
          : "fs-key"));
    }
    PublicKey key = keys.get(keyId);
    if (key == null) {
      return new Verdict(null, "unknown operator key '" + printable(keyId) + "' (fs-key); its public key is not in "
          + "link.operator_keys");
    }
    if (!CommandSignature.verify(key, topic, payload, sig)) {
      return new Verdict(null, "bad signature for key '" + keyId + "': it does not match this topic and payload");
    }
    return new Verdict(keyId, null);
  }

  /** A key id as received, safe to echo in one line. */
  private static String printable(String s) {
    String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
