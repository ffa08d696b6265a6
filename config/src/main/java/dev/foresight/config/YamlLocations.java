package dev.foresight.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;

/**
 * Where each key path of a YAML document starts, so that problems found after binding (by the
 * validator) can still name a line and column. Paths use the display form {@code devices[2].address}.
 */
final class YamlLocations {

  /** A 1-based line and column. */
  record Location(int line, int column) {}

  private final Map<String, Location> byPath;

  private YamlLocations(Map<String, Location> byPath) {
    this.byPath = byPath;
  }

  /** Indexes every key and list element of {@code text}. Throws the parser's exception on bad YAML. */
  static YamlLocations index(ObjectMapper mapper, String text) {
    Map<String, Location> byPath = new HashMap<>();
    try (JsonParser parser = mapper.createParser(text)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) continue;
        String path = displayPath(parser.streamReadContext(), token);
        TokenStreamLocation at = parser.currentTokenLocation();
        byPath.putIfAbsent(path, new Location(at.getLineNr(), at.getColumnNr()));
      }
    }
    return new YamlLocations(byPath);
  }

  /**
   * The location of {@code path}, or of its nearest enclosing path that has one (a missing key is
   * reported where its parent mapping starts). Unknown (0, 0) when only the document itself
   * encloses it, since "line 1" would point at nothing in particular.
   */
  Location locate(String path) {
    if (path.isEmpty()) return byPath.getOrDefault("", new Location(0, 0));
    for (String p = path; !p.isEmpty(); p = parent(p)) {
      Location at = byPath.get(p);
      if (at != null) return at;
    }
    return new Location(0, 0);
  }

  /** True when the document holds no tokens at all (empty, or only comments). */
  boolean isEmpty() {
    return byPath.isEmpty();
  }

  /** The enclosing path: {@code a.b[2]} -> {@code a.b} -> {@code a} -> empty. */
  static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  private static String displayPath(TokenStreamContext context, JsonToken token) {
    Deque<String> parts = new ArrayDeque<>();
    // A container's start token already has the new (empty) context; name it by its parents.
    TokenStreamContext c = (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY)
        ? context.getParent() : context;
    for (; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray() && c.getCurrentIndex() >= 0) {
        parts.push("[" + c.getCurrentIndex() + "]");
      } else if (c.inObject() && c.currentName() != null) {
        parts.push("." + c.currentName());
      }
    }
    String joined = String.join("", parts);
    return joined.startsWith(".") ? joined.substring(1) : joined;
  }
}
