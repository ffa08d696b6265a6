package dev.foresight.runtime;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of ../shared/ARCHITECTURE.md and docs/architecture.md as ArchUnit rules:
 * config depends on no other module; drivers, models and sim depend on config only; inside the
 * runtime, the real-time core knows nothing of recording, the link, the CLI or the plugins; the MCAP
 * format knows no Foresight type; the robot's modules reach the plugins (embedded broker, tools) only
 * through ServiceLoader; each heavy library stays in the one module that needs it; the code that
 * runs in a tick gets time from the injected clock, never from the system; and background work
 * (agents, hand-offs, recording, the link) gets its time from its runner's clock and leaves the
 * waiting to its idle strategy.
 */
final class ModuleBoundaries {

  static final String CONFIG = "dev.foresight.config..";
  static final String DRIVERS = "dev.foresight.drivers..";
  static final String MODELS = "dev.foresight.models..";
  static final String SIM = "dev.foresight.sim..";
  static final String RUNTIME = "dev.foresight.runtime..";

  /** The real-time core (runtime/core): what a robot needs to control. */
  static final String[] CORE = {"dev.foresight.runtime", "dev.foresight.runtime.agent..",
      "dev.foresight.runtime.bench..", "dev.foresight.runtime.estimate..", "dev.foresight.runtime.events..",
      "dev.foresight.runtime.handoff..", "dev.foresight.runtime.io..", "dev.foresight.runtime.lifecycle..",
      "dev.foresight.runtime.loop..", "dev.foresight.runtime.plan..", "dev.foresight.runtime.safety..",
      "dev.foresight.runtime.time..", "dev.foresight.runtime.trust.."};
  static final String MCAP = "dev.foresight.runtime.mcap..";
  static final String RECORD = "dev.foresight.runtime.record..";
  static final String LINK = "dev.foresight.runtime.link..";
  static final String AGENT = "dev.foresight.runtime.agent..";
  static final String HANDOFF = "dev.foresight.runtime.handoff..";
  static final String CLI = "dev.foresight.runtime.cli..";
  /** The plugins: loaded by the commands that use them, never on a robot's class path. */
  static final String BROKER = "dev.foresight.runtime.broker..";
  static final String DASHBOARD = "dev.foresight.runtime.dashboard..";
  static final String[] TOOLS = {"dev.foresight.runtime.tools..", "dev.foresight.runtime.learn..",
      "dev.foresight.runtime.report.."};

  static final ArchRule CONFIG_IS_A_LEAF = noClasses().that().resideInAPackage(CONFIG)
      .should().dependOnClassesThat().resideInAnyPackage(DRIVERS, MODELS, SIM, RUNTIME)
      .because("config is the bottom of the module graph");

  static final ArchRule DRIVERS_USE_CONFIG_ONLY = noClasses().that().resideInAPackage(DRIVERS)
      .should().dependOnClassesThat().resideInAnyPackage(MODELS, SIM, RUNTIME)
      .because("drivers, models and sim never import each other; runtime composes them");

  static final ArchRule MODELS_USE_CONFIG_ONLY = noClasses().that().resideInAPackage(MODELS)
      .should().dependOnClassesThat().resideInAnyPackage(DRIVERS, SIM, RUNTIME)
      .because("drivers, models and sim never import each other; runtime composes them");

  static final ArchRule SIM_USES_CONFIG_ONLY = noClasses().that().resideInAPackage(SIM)
      .should().dependOnClassesThat().resideInAnyPackage(DRIVERS, MODELS, RUNTIME)
      .because("drivers, models and sim never import each other; runtime composes them");

  static final ArchRule MCAP_KNOWS_NO_FORESIGHT_TYPE = noClasses().that().resideInAPackage(MCAP)
      .should().dependOnClassesThat(resideInAPackage("dev.foresight..").and(resideOutsideOfPackage(MCAP)))
      .because("runtime/mcap is the file format alone, usable by any tool");

  static final ArchRule CORE_KNOWS_ONLY_ITSELF = noClasses().that().resideInAnyPackage(CORE)
      .should().dependOnClassesThat().resideInAnyPackage(union(new String[] {MCAP, RECORD, LINK, CLI, BROKER, DASHBOARD}, TOOLS))
      .because("the real-time core is what a robot needs; recording, the link and the tools plug into it");

  static final ArchRule RECORDING_BELOW_THE_LINK = noClasses().that().resideInAPackage(RECORD)
      .should().dependOnClassesThat().resideInAnyPackage(union(new String[] {LINK, CLI, BROKER, DASHBOARD}, TOOLS))
      .because("runtime/record sits on the core and the MCAP format only");

  static final ArchRule LINK_BELOW_THE_CLI = noClasses().that().resideInAPackage(LINK)
      .should().dependOnClassesThat().resideInAnyPackage(union(new String[] {CLI, BROKER, DASHBOARD}, TOOLS))
      .because("the link knows the broker only as LocalBroker, provided by a plugin");

  static final ArchRule ROBOT_REACHES_PLUGINS_ONLY_BY_SERVICE_LOADER = noClasses()
      .that().resideInAnyPackage(union(CORE, new String[] {MCAP, RECORD, LINK, CLI}))
      .should().dependOnClassesThat().resideInAnyPackage(union(new String[] {BROKER, DASHBOARD}, TOOLS))
      .because("a robot's class path holds no plugin: CommandPlugin, LocalBroker.Provider and WebDashboard.Provider are "
          + "found at run time");

  static final ArchRule DISTRIBUTION_LIBRARIES_ONLY_IN_THE_APPLICATION = noClasses().that()
      .resideOutsideOfPackages(union(new String[] {CLI, DASHBOARD}, TOOLS))
      .should().dependOnClassesThat().resideInAnyPackage("picocli..", "ch.qos.logback..")
      .because("the command line and the logging backend belong to the application, not to the libraries");

  static final ArchRule CHARTS_ONLY_IN_THE_TOOLS = noClasses().that().resideOutsideOfPackages(TOOLS)
      .should().dependOnClassesThat().resideInAnyPackage("org.knowm..", "de.erichseifert..")
      .because("charts are a tool: a robot draws nothing");

  static final ArchRule TICK_CODE_TAKES_TIME_FROM_THE_CLOCK = noClasses()
      .that().resideInAnyPackage(MODELS, SIM, DRIVERS, "dev.foresight.runtime.loop..", "dev.foresight.runtime.safety..",
          "dev.foresight.runtime.estimate..", "dev.foresight.runtime.io..", "dev.foresight.runtime.plan..",
          "dev.foresight.runtime.events..", "dev.foresight.runtime.bench..")
      .should().callMethod(System.class, "nanoTime")
      .orShould().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(Thread.class, "sleep", long.class)
      .orShould().callMethod(java.util.concurrent.locks.LockSupport.class, "parkNanos", long.class)
      .because("time is injected (runtime.time.Clock) so tests and simulation can step it");

  static final ArchRule BACKGROUND_WORK_TAKES_TIME_FROM_ITS_RUNNER = noClasses()
      .that().resideInAnyPackage(AGENT, HANDOFF, RECORD, LINK)
      .should().callMethod(System.class, "nanoTime")
      .orShould().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(Thread.class, "sleep", long.class)
      .because("an agent's doWork gets nowNs from its runner's injected clock, so tests can step it");

  static final ArchRule ONLY_IDLE_STRATEGIES_PARK = noClasses()
      .that().resideInAnyPackage(HANDOFF, RECORD, LINK)
      .should().dependOnClassesThat().belongToAnyOf(java.util.concurrent.locks.LockSupport.class)
      .because("waiting between cycles is the agent runner's idle strategy's business (runtime.agent)");

  static final List<ArchRule> ALL = List.of(CONFIG_IS_A_LEAF, DRIVERS_USE_CONFIG_ONLY, MODELS_USE_CONFIG_ONLY,
      SIM_USES_CONFIG_ONLY, MCAP_KNOWS_NO_FORESIGHT_TYPE, CORE_KNOWS_ONLY_ITSELF, RECORDING_BELOW_THE_LINK,
      LINK_BELOW_THE_CLI, ROBOT_REACHES_PLUGINS_ONLY_BY_SERVICE_LOADER, DISTRIBUTION_LIBRARIES_ONLY_IN_THE_APPLICATION,
      CHARTS_ONLY_IN_THE_TOOLS, TICK_CODE_TAKES_TIME_FROM_THE_CLOCK, BACKGROUND_WORK_TAKES_TIME_FROM_ITS_RUNNER,
      ONLY_IDLE_STRATEGIES_PARK);

  private static String[] union(String[] a, String[] b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private ModuleBoundaries() {}
}
