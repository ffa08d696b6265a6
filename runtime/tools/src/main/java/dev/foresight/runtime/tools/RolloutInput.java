package dev.foresight.runtime.tools;

import dev.foresight.config.Suggestions;
import dev.foresight.runtime.cli.UserException;
import dev.foresight.sim.PlantSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the input of {@code foresight sim rollout}: JSON Lines, one trajectory a line,
 * {@code {"state": [...], "actions": [[...], ...]}}, checked against a plant's dimensions. Every
 * problem is one line naming the file and line: {@code runs.jsonl:3: state has 3 values but plant
 * cartpole has 4 (x, x_dot, theta, theta_dot)}.
 */
final class RolloutInput {

  /** One line of input. */
  record Line(int number, double[] state, double[][] actions) {}

  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)   // so NaN gets our message, not a parser's
      .build();
  private static final List<String> KEYS = List.of("state", "actions");
  private static final String FORMAT = "each line is {\"state\": [...], \"actions\": [[...], ...]}";

  private RolloutInput() {}

  /**
   * Parses and checks every line (blank lines are skipped).
   *
   * @param name  the file's name as the user wrote it, for messages
   * @param lines the file's lines
   * @param spec  the plant's dimensions
   * @throws UserException on the first problem
   */
  static List<Line> parse(String name, List<String> lines, PlantSpec spec) {
    List<Line> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      out.add(line(name + ":" + (i + 1), i + 1, lines.get(i), spec));
    }
    if (out.isEmpty()) throw new UserException(name + ": has no trajectories; " + FORMAT);
    return out;
  }

  private static Line line(String at, int number, String text, PlantSpec spec) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JacksonException e) {
      // Jackson's message without its location details, which we give as line:column ourselves.
      String message = e.getOriginalMessage().lines().findFirst().orElse("")
          .replaceAll("\\s*\\(start marker at .*$", "").replaceAll("\\s*at \\[Source.*$", "")
          .replaceAll("\\s+", " ").trim();
      int column = e.getLocation() != null ? e.getLocation().getColumnNr() : -1;
      throw new UserException(at + (column > 0 ? ":" + column : "") + ": not valid JSON: " + message);
    }
    if (node == null || !node.isObject()) {
      throw new UserException(at + ": expected a JSON object; " + FORMAT);
    }
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!KEYS.contains(e.getKey())) {
        String hint = Suggestions.closest(e.getKey(), KEYS).map(k -> "; did you mean \"" + k + "\"?").orElse("");
        throw new UserException(at + ": unknown key \"" + e.getKey() + "\"" + hint + " (" + FORMAT + ")");
      }
    }
    for (String key : KEYS) {
      if (node.get(key) == null) throw new UserException(at + ": missing \"" + key + "\"; " + FORMAT);
    }
    double[] state = vector(at, "state", node.get("state"), spec.state().size(), spec.name(), "state variables",
        spec.stateNames());
    JsonNode actionsNode = node.get("actions");
    if (!actionsNode.isArray()) {
      throw new UserException(at + ": \"actions\" must be a list of actions, one per step, like [[1.0], [-0.5]]");
    }
    double[][] actions = new double[actionsNode.size()][];
    for (int k = 0; k < actions.length; k++) {
      actions[k] = vector(at, "actions[" + k + "]", actionsNode.get(k), spec.action().size(), spec.name(),
          spec.action().size() == 1 ? "action" : "actions", spec.actionNames());
    }
    return new Line(number, state, actions);
  }

  private static double[] vector(String at, String what, JsonNode node, int size, String plant, String noun,
      List<String> names) {
    if (!node.isArray()) {
      throw new UserException(at + ": " + what + " must be a list of " + size + " numbers (" + String.join(", ", names)
          + "), not " + brief(node));
    }
    if (node.size() != size) {
      throw new UserException(String.format(Locale.ROOT, "%s: %s has %d value%s but plant %s has %d %s (%s)", at, what,
          node.size(), node.size() == 1 ? "" : "s", plant, size, noun, String.join(", ", names)));
    }
    double[] out = new double[size];
    for (int i = 0; i < size; i++) {
      JsonNode v = node.get(i);
      if (!v.isNumber()) {
        throw new UserException(at + ": " + what + "[" + i + "] is not a number (" + brief(v) + ")");
      }
      double d = v.asDouble();
      if (!Double.isFinite(d)) {
        throw new UserException(at + ": " + what + "[" + i + "] is " + d + "; values must be finite numbers");
      }
      out[i] = d;
    }
    return out;
  }

  private static String brief(JsonNode node) {
    String s = node.toString();
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
