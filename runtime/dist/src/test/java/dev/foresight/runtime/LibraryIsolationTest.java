package dev.foresight.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.foresight.runtime.broker.EmbeddedBroker;
import dev.foresight.runtime.link.PahoTransport;
import org.junit.jupiter.api.Test;

/** The MQTT client library and the embedded broker each stay behind one class. */
class LibraryIsolationTest {

  static final JavaClasses PRODUCTION = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.foresight");

  @Test
  void onlyPahoTransportKnowsPaho() {
    noClasses().that().doNotHaveFullyQualifiedName(PahoTransport.class.getName())
        .and().doNotHaveFullyQualifiedName(PahoTransport.class.getName() + "$1")
        .should().dependOnClassesThat().resideInAPackage("org.eclipse.paho..")
        .because("Paho stays behind PahoTransport (MqttTransport is the interface)").check(PRODUCTION);
  }

  @Test
  void onlyEmbeddedBrokerKnowsHiveMq() {
    noClasses().that().doNotHaveFullyQualifiedName(EmbeddedBroker.class.getName())
        .should().dependOnClassesThat().resideInAPackage("com.hivemq..")
        .because("the embedded broker is replaceable").check(PRODUCTION);
  }
}
