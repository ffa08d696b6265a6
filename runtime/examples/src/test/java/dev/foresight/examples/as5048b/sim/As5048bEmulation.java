package dev.foresight.examples.as5048b.sim;

import dev.foresight.examples.as5048b.As5048bConfig;
import dev.foresight.sim.hardware.ChipEmulation;
import dev.foresight.sim.hardware.Emulation;
import dev.foresight.sim.hardware.EmulationContext;
import dev.foresight.sim.hardware.EmulationFactory;
import dev.foresight.sim.hardware.PlantReadout;

/** An AS5048B whose magnet turns with the plant variable {@code measures.angle} binds, read at the zero offset. */
public final class As5048bEmulation extends ChipEmulation<As5048bChip> {

  private final As5048bConfig config;
  private final int angle;

  As5048bEmulation(As5048bConfig config, As5048bChip chip, int angle) {
    super(chip);
    this.config = config;
    this.angle = angle;
  }

  @Override
  public void sense(PlantReadout plant) {
    double value = angle == EmulationContext.UNBOUND ? 0.0 : plant.value(angle);
    chip.angle(value + config.zeroOffsetRad());
  }

  /** Emulates {@code type: as5048b} devices. */
  public static final class Factory implements EmulationFactory<As5048bConfig> {

    @Override
    public Class<As5048bConfig> config() {
      return As5048bConfig.class;
    }

    @Override
    public Emulation create(As5048bConfig device, EmulationContext context) {
      As5048bChip chip = new As5048bChip(device.name(), device.address(), context.random());
      return new As5048bEmulation(device, chip, context.measures("angle"));
    }
  }
}
