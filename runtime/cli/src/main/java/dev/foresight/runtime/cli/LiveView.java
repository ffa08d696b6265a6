package dev.foresight.runtime.cli;

import dev.foresight.config.ActionVariable;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.StateVariable;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.events.Response;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.safety.Mode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Live progress on the terminal from the loop's snapshot, on its own thread so the control thread
 * never waits for a terminal. On an interactive terminal one status line refreshes in place four
 * times a second; otherwise (pipes, CI logs) a line is printed every second.
 */
final class LiveView {

  private final Robot robot;
  private final PrintWriter out;
  private final boolean terminal;
  private final TickFrame view;
  private volatile boolean running;
  private Thread thread;

  LiveView(Robot robot, PrintWriter out) {
    this.robot = robot;
    this.out = out;
    java.io.Console console = System.console();
    this.terminal = console != null && console.isTerminal();
    this.view = robot.loop().newFrame();
  }

  void start() {
    running = true;
    thread = Thread.ofPlatform().name("foresight-live-view").daemon(true).start(this::run);
  }

  void stop() throws InterruptedException {
    running = false;
    if (thread != null) {
      thread.interrupt();
      thread.join(1000);
    }
    if (terminal) out.print("\r\033[2K");
    out.flush();
  }

  private void run() {
    long refreshMs = terminal ? 250 : 1000;
    long lastTick = 0;
    long lastNs = 0;
    double rateHz = 0;
    while (running) {
      try {
        Thread.sleep(refreshMs);
      } catch (InterruptedException e) {
        return;
      }
      if (!robot.loop().snapshot().read(view)) continue;
      if (lastNs != 0 && view.nowNs > lastNs) rateHz = (view.tick - lastTick) * 1e9 / (view.nowNs - lastNs);
      lastTick = view.tick;
      lastNs = view.nowNs;
      String line = line(rateHz);
      if (terminal) out.print("\r\033[2K" + line);
      else out.println(line);
      out.flush();
    }
  }

  private String line(double rateHz) {
    RobotConfig config = robot.config();
    double elapsedS = view.tick * robot.runner().periodNs() * 1e-9;
    StringBuilder b = new StringBuilder();
    String rate = rateHz > 0 ? String.format(Locale.ROOT, "%6.1f", rateHz) : "    --";
    b.append(String.format(Locale.ROOT, "%7.1f s %s Hz  %-9s", elapsedS, rate, view.mode.id()));
    List<StateVariable> state = config.state();
    for (int i = 0; i < state.size() && i < 6; i++) {
      b.append(String.format(Locale.ROOT, " %s %+7.3f", state.get(i).name(), view.state[i]));
    }
    b.append(" |");
    List<ActionVariable> action = config.action();
    for (int i = 0; i < action.size() && i < 4; i++) {
      b.append(String.format(Locale.ROOT, " %s %+6.2f %s", action.get(i).name(), view.applied[i], action.get(i).unit()));
    }
    if (!Double.isNaN(view.cost)) b.append(String.format(Locale.ROOT, " | cost %7.3f", view.cost));
    long planNs = view.phaseNs[dev.foresight.runtime.loop.Phase.PLAN.ordinal()];
    if (view.plan.length > 0 && planNs > 0) {   // simulated time does not move while planning: no time to show
      b.append(String.format(Locale.ROOT, " | plan %5.1f ms", planNs * 1e-6));
    }
    if (!Double.isNaN(view.trust)) {
      // The trust monitor's statistic over its threshold: 1.0 is the alarm line.
      b.append(String.format(Locale.ROOT, " | trust %4.2f", view.trust));
    }
    if (!view.controllerPhase.isEmpty()) b.append(" | ").append(view.controllerPhase);
    if (view.reaction != Response.NONE && view.mode == Mode.ARMED) {
      b.append(" | ").append(view.reaction.id()).append(view.fallback ? " (fallback controller)" : "");
    }
    return b.toString();
  }
}
