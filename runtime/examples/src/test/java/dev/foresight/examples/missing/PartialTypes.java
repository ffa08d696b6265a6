package dev.foresight.examples.missing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.DeviceType;
import dev.foresight.config.sim.SimFaultKind;
import dev.foresight.sim.hardware.Emulation;
import dev.foresight.sim.hardware.EmulationContext;
import dev.foresight.sim.hardware.EmulationFactory;

/**
 * Device types with parts missing, as when a jar is left off the class path (registered in test
 * resources' META-INF/services): {@code emulated_only} has no driver, {@code config_only} neither
 * driver nor emulation.
 */
public final class PartialTypes {

  private PartialTypes() {}

  /** A device with an emulation but no driver. */
  @JsonTypeName("emulated_only")
  public record EmulatedOnly(@JsonProperty(required = true) String name, Boolean required) implements DeviceConfig {

    /** Its type. */
    public static final class Type implements DeviceType<EmulatedOnly> {
      @Override
      public Class<EmulatedOnly> config() {
        return EmulatedOnly.class;
      }
    }

    /** Its emulation, which does nothing. */
    public static final class Emulator implements EmulationFactory<EmulatedOnly> {
      @Override
      public Class<EmulatedOnly> config() {
        return EmulatedOnly.class;
      }

      @Override
      public Emulation create(EmulatedOnly device, EmulationContext context) {
        return new Emulation() {
          @Override
          public String name() {
            return device.name();
          }

          @Override
          public void fault(SimFaultKind kind, boolean active) {}
        };
      }
    }
  }

  /** A device the config knows and nothing else does. */
  @JsonTypeName("config_only")
  public record ConfigOnly(@JsonProperty(required = true) String name, Boolean required) implements DeviceConfig {

    /** Its type. */
    public static final class Type implements DeviceType<ConfigOnly> {
      @Override
      public Class<ConfigOnly> config() {
        return ConfigOnly.class;
      }
    }
  }
}
