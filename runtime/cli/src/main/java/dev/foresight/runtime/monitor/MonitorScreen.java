package dev.foresight.runtime.monitor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the fleet as lines of text for a terminal: one row per robot (the selected one marked),
 * then the selected robot's latest events and the last command acknowledgement, then the key
 * help or a confirmation prompt. Pure: the same fleet gives the same lines.
 */
public final class MonitorScreen {

  /** A telemetry gap longer than this marks an online robot {@code stale}. */
  static final long STALE_MS = 5_000;

  private MonitorScreen() {}

  /**
   * @param robots   the fleet
   * @param selected index of the selected robot
   * @param broker   the broker, for the title
   * @param prompt   a confirmation question, or empty for the key help
   * @param message  a status line (e.g. the last action), or empty
   * @param nowMs    wall clock, for staleness
   */
  public static List<String> render(List<Fleet.Robot> robots, int selected, String broker, String prompt,
      String message, long nowMs) {
    List<String> lines = new ArrayList<>();
    lines.add("foresight monitor: " + broker + "   " + robots.size() + (robots.size() == 1 ? " robot" : " robots"));
    lines.add("");
    lines.add(String.format(Locale.ROOT, "  %-20s %-8s %-10s %-5s %8s %9s %9s %9s %6s %8s", "ROBOT", "LINK", "MODE",
        "ARMED", "LOOP Hz", "P99 us", "COST", "MODEL ERR", "TRUST", "BATTERY"));
    if (robots.isEmpty()) lines.add("  (no robot heard yet: waiting for foresight/+/status)");
    for (int i = 0; i < robots.size(); i++) {
      Fleet.Robot r = robots.get(i);
      String link = r.state;
      if (link.equals("online") && r.lastTelemetryMs > 0 && nowMs - r.lastTelemetryMs > STALE_MS) link = "stale";
      lines.add(String.format(Locale.ROOT, "%s %-20s %-8s %-10s %-5s %8s %9s %9s %9s %6s %8s", i == selected ? ">" : " ",
          clip(r.id, 20), link, clip(r.mode, 10), r.mode.equals("armed") ? "yes" : r.mode.isEmpty() ? "?" : "no",
          fixed(r.rateHz, 1), fixed(r.jitterP99Us, 0), fixed(r.cost, 3), fixed(r.modelError, 4), fixed(r.trust, 2),
          Double.isNaN(r.batteryV) ? "--" : fixed(r.batteryV, 2) + " V"));
    }
    lines.add("");
    if (!robots.isEmpty()) {
      Fleet.Robot r = robots.get(Math.min(selected, robots.size() - 1));
      lines.add("events of " + r.id + ":");
      if (r.events.isEmpty()) lines.add("  (none yet)");
      for (String e : r.events) lines.add("  " + e);
      if (!r.ack.isEmpty()) lines.add("last ack: " + r.ack);
      lines.add("");
    }
    if (!message.isEmpty()) lines.add(message);
    lines.add(prompt.isEmpty() ? "keys: up/down or j/k select   e e-stop selected robot   q quit" : prompt);
    return lines;
  }

  private static String fixed(double x, int decimals) {
    return Double.isNaN(x) ? "--" : String.format(Locale.ROOT, "%." + decimals + "f", x);
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }
}
