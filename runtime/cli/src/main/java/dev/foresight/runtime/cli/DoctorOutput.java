package dev.foresight.runtime.cli;

import dev.foresight.config.LoadedConfig;
import dev.foresight.drivers.doctor.DoctorReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/** How {@code foresight doctor} shows its report: a table for people, JSON for tools. */
final class DoctorOutput {

  private static final String[] HEADERS = {"DEVICE", "TYPE", "BUS/ADDRESS OR PINS", "FOUND", "IDENTITY", "SAMPLE",
      "LATENCY", "VERDICT"};

  private DoctorOutput() {}

  static List<String> table(LoadedConfig loaded, Path shown, String where, DoctorReport report) {
    List<String> out = new ArrayList<>();
    out.add("foresight doctor: " + loaded.config().robot().id() + " (" + shown + "), " + where);
    for (DoctorReport.BusScan scan : report.buses()) {
      out.add("i2c-" + scan.bus() + ": " + (!scan.error().isEmpty() ? "cannot scan: " + scan.error()
          : scan.found().isEmpty() ? "nothing answers"
          : scan.found().stream().map(a -> String.format(Locale.ROOT, "0x%02X", a)).collect(Collectors.joining(" "))
              + " answer"));
    }
    out.add("");
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADERS);
    for (DoctorReport.Row r : report.rows()) {
      rows.add(new String[] {r.name(), r.type(), r.location(), r.found() ? "yes" : "NO",
          r.identity().isEmpty() ? "-" : r.identity(), r.sample(),
          Double.isNaN(r.latencyUs()) ? "-" : String.format(Locale.ROOT, "%.0f us", r.latencyUs()),
          r.verdict().equals("ok") ? "ok" : r.blocking() ? r.verdict().toUpperCase(Locale.ROOT) : r.verdict() + " (optional)"});
    }
    int[] width = new int[HEADERS.length];
    for (String[] row : rows) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        boolean right = c == 6;
        String cell = right ? " ".repeat(width[c] - row[c].length()) + row[c] : row[c];
        line.append(c == 0 ? "" : "  ").append(c == row.length - 1 ? cell : String.format("%-" + width[c] + "s", cell));
      }
      out.add(line.toString().stripTrailing());
      if (i > 0) {
        DoctorReport.Row r = report.rows().get(i - 1);
        if (!r.message().isEmpty()) out.add("    " + r.name() + ": " + r.message());
      }
    }
    for (String note : report.notes()) out.add("note: " + note);
    out.add("");
    if (report.ok()) {
      long optional = report.rows().stream().filter(r -> !r.verdict().equals("ok")).count();
      out.add("foresight doctor: " + report.rows().size() + " devices checked, every required device ok"
          + (optional > 0 ? " (" + optional + " optional not ok)" : ""));
    } else {
      out.add("foresight doctor: " + report.blocking().size() + " required device" + (report.blocking().size() == 1 ? "" : "s")
          + " not ok: " + report.blocking().stream().map(r -> r.name() + " (" + r.verdict() + ")")
          .collect(Collectors.joining(", ")));
    }
    return out;
  }

  static String json(LoadedConfig loaded, String where, DoctorReport report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("robot", loaded.config().robot().id());
    root.put("config", loaded.file().toString());
    root.put("platform", loaded.config().hardware().platform().id());
    root.put("where", where);
    root.put("ok", report.ok());
    List<Object> buses = new ArrayList<>();
    for (DoctorReport.BusScan scan : report.buses()) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("bus", scan.bus());
      b.put("found", scan.found().stream().map(a -> String.format(Locale.ROOT, "0x%02X", a)).toList());
      if (!scan.error().isEmpty()) b.put("error", scan.error());
      buses.add(b);
    }
    root.put("buses", buses);
    List<Object> devices = new ArrayList<>();
    for (DoctorReport.Row r : report.rows()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", r.name());
      d.put("type", r.type());
      d.put("location", r.location());
      d.put("required", r.required());
      d.put("found", r.found());
      d.put("identity", r.identity());
      d.put("sample", r.sample());
      d.put("latency_us", Double.isNaN(r.latencyUs()) ? null : Math.round(r.latencyUs() * 10) / 10.0);
      d.put("verdict", r.verdict());
      d.put("message", r.message());
      devices.add(d);
    }
    root.put("devices", devices);
    root.put("notes", report.notes());
    return JsonMapper.builder().build().writeValueAsString(root);
  }
}
