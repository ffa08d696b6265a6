package dev.foresight.drivers.registry;

import dev.foresight.drivers.SelfTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The start-up self-test of every configured device.
 *
 * @param entries one per device, in config order
 */
public record DeviceReport(List<Entry> entries) {

  /**
   * One device's result.
   *
   * @param name     device name
   * @param type     config type
   * @param location bus/address or pins
   * @param required whether the robot cannot run without it
   * @param result   what the self-test found
   */
  public record Entry(String name, String type, String location, boolean required, SelfTest result) {}

  public DeviceReport {
    entries = List.copyOf(entries);
  }

  /** Whether every required device passed. */
  public boolean requiredOk() {
    return entries.stream().allMatch(e -> e.result().ok() || !e.required());
  }

  /** Devices that failed, required or not. */
  public List<Entry> failures() {
    return entries.stream().filter(e -> !e.result().ok()).toList();
  }

  /** A readable table: one line per device, with the problem and fix under a failed one. */
  public List<String> lines() {
    int nameWidth = Math.max(6, entries.stream().mapToInt(e -> e.name().length()).max().orElse(0));
    int typeWidth = Math.max(4, entries.stream().mapToInt(e -> e.type().length()).max().orElse(0));
    int locationWidth = entries.stream().mapToInt(e -> e.location().length()).max().orElse(0);
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      String verdict = switch (e.result().verdict()) {
        case OK -> "ok";
        case FAULT -> "FAULT";
        case WRONG_CHIP -> "WRONG CHIP";
        case MISSING -> e.required() ? "MISSING" : "missing";
      };
      out.add(String.format(Locale.ROOT, "  %-" + nameWidth + "s  %-" + typeWidth + "s  %-10s  %-" + locationWidth + "s%s",
          e.name(), e.type(), verdict, e.location(), e.result().identity().isEmpty() ? "" : "  " + e.result().identity())
          .stripTrailing());
      if (!e.result().ok()) out.add("      " + e.result().message() + (e.required() ? "" : " (not required)"));
    }
    return out;
  }
}
