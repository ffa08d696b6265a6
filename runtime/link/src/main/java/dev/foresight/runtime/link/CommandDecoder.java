package dev.foresight.runtime.link;

import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.models.control.Adjustable;
import dev.foresight.models.control.Controller;
import dev.foresight.runtime.safety.Mode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict decoding of operator commands: a payload becomes a {@link Command} only if it is small,
 * valid UTF-8, one JSON object with exactly the fields its command allows, of the right types and
 * in range, and not expired. Anything else is a {@link Rejected} with a one-line reason for the
 * acknowledgement; nothing rejected here ever reaches the control thread.
 *
 * <p>Every command has {@code id} (1..64 of {@code A-Z a-z 0-9 . _ : -}) and {@code expires_at}
 * (epoch ms, not past, at most {@link #MAX_AHEAD_MS} ahead). Further fields: {@code estop}
 * {@code reason} (optional text); {@code mode} {@code mode} ({@code armed}, {@code disarmed},
 * {@code estop}); {@code setpoint} {@code values} (state name to number, within the variable's
 * range); {@code param} {@code name} and {@code value}.
 *
 * <pre>{@code
 * CommandDecoder decoder = new CommandDecoder(config, controller);
 * Command c = decoder.decode("arm", payload, clock.epochMillis(), reply);   // or throws Rejected
 * }</pre>
 */
public final class CommandDecoder {

  /** Largest payload accepted, bytes. */
  public static final int MAX_PAYLOAD_BYTES = 4096;
  /** How far in the future {@code expires_at} may be: longer-lived commands are replay risks. */
  public static final long MAX_AHEAD_MS = 300_000;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Set<String> COMMON = Set.of("id", "expires_at");
  private static final Map<Command.Kind, List<String>> EXTRA = Map.of(
      Command.Kind.ARM, List.of(), Command.Kind.DISARM, List.of(), Command.Kind.RESET, List.of(),
      Command.Kind.ESTOP, List.of("reason"), Command.Kind.MODE, List.of("mode"),
      Command.Kind.SETPOINT, List.of("values"), Command.Kind.PARAM, List.of("name", "value"));
  private static final String COMMANDS = Arrays.stream(Command.Kind.values()).map(Command.Kind::id)
      .collect(Collectors.joining(", "));

  /** Why a payload is not a command; {@link #id()} is the command's id when it could be read. */
  public static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;
    private final String id;
    private final boolean expired;

    Rejected(String id, String reason) {
      this(id, reason, false);
    }

    Rejected(String id, String reason, boolean expired) {
      super(reason, null, false, false);
      this.id = id;
      this.expired = expired;
    }

    /** Whether the command was refused for its {@code expires_at} (past, or too far ahead). */
    public boolean expired() {
      return expired;
    }

    /** The command's id, or null when the payload had none readable. */
    public String id() {
      return id;
    }
  }

  private final JsonMapper json = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  private final List<StateVariable> state;
  private final String controllerName;
  private final boolean hasSetpoint;
  private final List<Adjustable.Parameter> parameters;
  private final long skewMs;

  /** A decoder for a robot with this config and controller. */
  public CommandDecoder(RobotConfig config, Controller controller) {
    this.state = config.state();
    this.controllerName = controller.name();
    Adjustable adjustable = controller instanceof Adjustable a ? a : new Adjustable() {};
    this.hasSetpoint = adjustable.hasSetpoint();
    this.parameters = adjustable.parameters();
    this.skewMs = config.link().clockSkewMs();
  }

  /**
   * Decodes the payload of {@code cmd/<name>}.
   *
   * @param name   the topic's last level
   * @param nowMs  the robot's wall clock, epoch ms, for {@code expires_at}
   * @param reply  where the acknowledgement will go
   */
  public Command decode(String name, byte[] payload, long nowMs, Command.Reply reply) throws Rejected {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new Rejected(null, "payload is " + payload.length + " bytes; commands are at most " + MAX_PAYLOAD_BYTES);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
    } catch (CharacterCodingException e) {
      throw new Rejected(null, "payload is not valid UTF-8");
    }
    if (text.isBlank()) throw new Rejected(null, "payload is empty; send a JSON object with id and expires_at");
    JsonNode root;
    try {
      root = json.readTree(text);
    } catch (JacksonException e) {
      throw new Rejected(null, "payload is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) throw new Rejected(null, "payload must be a JSON object");
    String id = root.get("id") instanceof JsonNode n && n.isString() && ID.matcher(n.stringValue()).matches()
        ? n.stringValue() : null;
    Command.Kind kind = kind(name, id);
    if (!root.has("id")) throw new Rejected(null, "missing field 'id' (a string naming this command)");
    if (id == null) throw new Rejected(null, "id must be a string of 1 to 64 characters A-Z a-z 0-9 . _ : -");
    List<String> extra = EXTRA.get(kind);
    for (String field : root.propertyNames()) {
      if (!COMMON.contains(field) && !extra.contains(field)) {
        throw new Rejected(id, "unknown field '" + field + "' for " + kind.id() + " (fields: id, expires_at"
            + (extra.isEmpty() ? "" : ", " + String.join(", ", extra)) + ")");
      }
    }
    long expiresAt = expiresAt(root.get("expires_at"), id, nowMs, skewMs);
    return switch (kind) {
      case ARM -> new Command.Arm(id, expiresAt, reply);
      case DISARM -> new Command.Disarm(id, expiresAt, reply);
      case RESET -> new Command.Reset(id, expiresAt, reply);
      case ESTOP -> new Command.Estop(id, expiresAt, optionalText(root, "reason", id), reply);
      case MODE -> new Command.SetMode(id, expiresAt, mode(root.get("mode"), id), reply);
      case SETPOINT -> setpoint(root.get("values"), id, expiresAt, reply);
      case PARAM -> param(root, id, expiresAt, reply);
    };
  }

  private static Command.Kind kind(String name, String id) throws Rejected {
    for (Command.Kind k : Command.Kind.values()) {
      if (k.id().equals(name)) return k;
    }
    throw new Rejected(id, "unknown command '" + name + "' (commands: " + COMMANDS + ")");
  }

  /**
   * {@code expires_at}, accepted from {@code skewMs} in the past (the operator's clock may be ahead
   * of the robot's) to {@link #MAX_AHEAD_MS} ahead. The age is printed only when it cannot overflow:
   * a value near {@code Long.MIN_VALUE} must not wrap round in the message.
   */
  private static long expiresAt(JsonNode node, String id, long nowMs, long skewMs) throws Rejected {
    if (node == null) throw new Rejected(id, "missing field 'expires_at' (epoch milliseconds)");
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw new Rejected(id, "expires_at must be an integer number of epoch milliseconds");
    }
    long at = node.longValue();
    if (at < nowMs - skewMs) {
      String ago = at > nowMs - 1_000_000_000_000L ? (nowMs - at) + " ms" : "long";
      throw new Rejected(id, "expired " + ago + " ago (expires_at " + at + ", robot clock " + nowMs
          + ", clock_skew_ms " + skewMs + ")", true);
    }
    if (at - nowMs > MAX_AHEAD_MS) {
      throw new Rejected(id, "expires_at is " + (at - nowMs) / 1000 + " s ahead; at most " + MAX_AHEAD_MS / 1000
          + " s is allowed (is a clock wrong?)", true);
    }
    return at;
  }

  private static String optionalText(JsonNode root, String field, String id) throws Rejected {
    JsonNode n = root.get(field);
    if (n == null) return "";
    if (!n.isString() || n.stringValue().length() > 200) throw new Rejected(id, field + " must be text of at most 200 characters");
    return n.stringValue();
  }

  private static Mode mode(JsonNode node, String id) throws Rejected {
    if (node == null) throw new Rejected(id, "missing field 'mode' (armed, disarmed or estop)");
    if (!node.isString()) throw new Rejected(id, "mode must be a string: armed, disarmed or estop");
    return switch (node.stringValue()) {
      case "armed" -> Mode.ARMED;
      case "disarmed" -> Mode.DISARMED;
      case "estop" -> Mode.ESTOP;
      case "safe_stop" -> throw new Rejected(id, "mode safe_stop is entered by the supervisor on a fault, not "
          + "by command; send estop to stop");
      default -> throw new Rejected(id, "unknown mode '" + node.stringValue() + "' (armed, disarmed, estop)");
    };
  }

  private Command.Setpoint setpoint(JsonNode values, String id, long expiresAt, Command.Reply reply) throws Rejected {
    if (!hasSetpoint) {
      throw new Rejected(id, "controller " + controllerName + " has no setpoint (it regulates to a fixed target); "
          + "an lqr controller takes one");
    }
    if (values == null) throw new Rejected(id, "missing field 'values' (state variable name to number)");
    if (!values.isObject() || values.isEmpty()) {
      throw new Rejected(id, "values must be a non-empty object of state variable name to number");
    }
    int[] indices = new int[values.size()];
    double[] targets = new double[values.size()];
    int k = 0;
    for (Map.Entry<String, JsonNode> e : values.properties()) {
      int index = indexOf(e.getKey());
      if (index < 0) {
        throw new Rejected(id, "values." + e.getKey() + ": no such state variable (state: "
            + state.stream().map(StateVariable::name).collect(Collectors.joining(", ")) + ")");
      }
      StateVariable v = state.get(index);
      double x = number(e.getValue(), "values." + e.getKey(), id);
      double lo = v.wrap() ? Math.max(v.min(), -Math.PI) : v.min();
      double hi = v.wrap() ? Math.min(v.max(), Math.PI) : v.max();
      if (!(x >= lo && x <= hi)) {
        throw new Rejected(id, "values." + e.getKey() + ": " + x + " is out of range [" + lo + ", " + hi + "]");
      }
      indices[k] = index;
      targets[k++] = x;
    }
    return new Command.Setpoint(id, expiresAt, indices, targets, reply);
  }

  private Command.Param param(JsonNode root, String id, long expiresAt, Command.Reply reply) throws Rejected {
    JsonNode name = root.get("name");
    if (name == null || !name.isString()) throw new Rejected(id, "name must be a string naming a parameter");
    if (root.get("value") == null) throw new Rejected(id, "missing field 'value' (a number)");
    double value = number(root.get("value"), "value", id);
    for (int i = 0; i < parameters.size(); i++) {
      Adjustable.Parameter p = parameters.get(i);
      if (p.name().equals(name.stringValue())) {
        if (!(value >= p.min() && value <= p.max())) {
          throw new Rejected(id, p.name() + ": " + value + " is out of range [" + p.min() + ", " + p.max() + "]");
        }
        return new Command.Param(id, expiresAt, i, value, reply);
      }
    }
    throw new Rejected(id, "controller " + controllerName + " has no parameter '" + name.stringValue() + "'"
        + (parameters.isEmpty() ? " (it has none)" : " (parameters: "
            + parameters.stream().map(Adjustable.Parameter::name).collect(Collectors.joining(", ")) + ")"));
  }

  private static double number(JsonNode node, String what, String id) throws Rejected {
    if (!node.isNumber()) throw new Rejected(id, what + " must be a number");
    double x = node.doubleValue();
    if (!Double.isFinite(x)) throw new Rejected(id, what + " must be a finite number");
    return x;
  }

  private int indexOf(String name) {
    for (int i = 0; i < state.size(); i++) {
      if (state.get(i).name().equals(name)) return i;
    }
    return -1;
  }

  /** The command names, for help texts. */
  static String names() {
    return COMMANDS.toLowerCase(Locale.ROOT);
  }
}
