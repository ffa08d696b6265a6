package dev.foresight.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The dependency rules of ../shared/ARCHITECTURE.md as ArchUnit rules: config depends on no other
 * module; drivers, models and sim depend on config only; nothing depends on runtime; only runtime
 * touches the CLI, logging-backend and MQTT libraries; and the code that runs in a tick gets time
 * from the injected clock, never from the system.
 */
final class ModuleBoundaries {

  static final String CONFIG = "dev.foresight.config..";
  static final String DRIVERS = "dev.foresight.drivers..";
  static final String MODELS = "dev.foresight.models..";
  static final String SIM = "dev.foresight.sim..";
  static final String RUNTIME = "dev.foresight.runtime..";

  static final ArchRule CONFIG_IS_A_LEAF = noClasses().that().resideInAPackage(CONFIG)
      .should().dependOnClassesThat().resideInAnyPackage(DRIVERS, MODELS, SIM, RUNTIME)
      .because("config is the bottom of the module graph");

  static final ArchRule DRIVERS_USE_CONFIG_ONLY = noClasses().that().resideInAPackage(DRIVERS)
      .should().dependOnClassesThat().resideInAnyPackage(MODELS, SIM, RUNTIME)
      .because("drivers, models and sim never import each other; runtime composes them")
      .allowEmptyShould(true);   // until the first drivers land

  static final ArchRule MODELS_USE_CONFIG_ONLY = noClasses().that().resideInAPackage(MODELS)
      .should().dependOnClassesThat().resideInAnyPackage(DRIVERS, SIM, RUNTIME)
      .because("drivers, models and sim never import each other; runtime composes them");

  static final ArchRule SIM_USES_CONFIG_ONLY = noClasses().that().resideInAPackage(SIM)
      .should().dependOnClassesThat().resideInAnyPackage(DRIVERS, MODELS, RUNTIME)
      .because("drivers, models and sim never import each other; runtime composes them");

  static final ArchRule DISTRIBUTION_LIBRARIES_ONLY_IN_RUNTIME = noClasses().that().resideOutsideOfPackage(RUNTIME)
      .should().dependOnClassesThat().resideInAnyPackage("picocli..", "ch.qos.logback..", "org.eclipse.paho..")
      .because("the CLI, the logging backend and the MQTT client belong to the runtime's distribution");

  static final ArchRule TICK_CODE_TAKES_TIME_FROM_THE_CLOCK = noClasses()
      .that().resideInAnyPackage(MODELS, SIM, DRIVERS, "dev.foresight.runtime.loop..", "dev.foresight.runtime.safety..",
          "dev.foresight.runtime.estimate..", "dev.foresight.runtime.io..", "dev.foresight.runtime.plan..",
          "dev.foresight.runtime.events..", "dev.foresight.runtime.bench..")
      .should().callMethod(System.class, "nanoTime")
      .orShould().callMethod(System.class, "currentTimeMillis")
      .orShould().callMethod(Thread.class, "sleep", long.class)
      .orShould().callMethod(java.util.concurrent.locks.LockSupport.class, "parkNanos", long.class)
      .because("time is injected (runtime.time.Clock) so tests and simulation can step it");

  static final List<ArchRule> ALL = List.of(CONFIG_IS_A_LEAF, DRIVERS_USE_CONFIG_ONLY, MODELS_USE_CONFIG_ONLY,
      SIM_USES_CONFIG_ONLY, DISTRIBUTION_LIBRARIES_ONLY_IN_RUNTIME, TICK_CODE_TAKES_TIME_FROM_THE_CLOCK);

  private ModuleBoundaries() {}
}
