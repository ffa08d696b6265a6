package dev.foresight.sim.hardware;

import dev.foresight.config.device.QuadratureEncoderConfig;
import dev.foresight.config.sim.SimFaultKind;

/**
 * An incremental quadrature encoder on two GPIO lines, turning a plant angle into edges: one count
 * per edge (x4), channel A leading B for positive motion (00, 10, 11, 01). The bound variable
 * ({@code measures: {position: ...}}) is the encoder's shaft angle in rad, as an encoder measures
 * it; the driver turns counts into metres when the device has a wheel radius. Counts start from
 * the angle at power-on, as a real incremental encoder's do. A {@code nan} fault makes one illegal
 * transition (both lines at once).
 */
public final class QuadratureEncoderEmulation implements Emulation {

  private static final long MAX_EDGES_PER_STEP = 1_000_000;

  private final QuadratureEncoderConfig config;
  private final EmulatedGpio gpio;
  private final int positionReference;
  private final double countsPerUnit;
  private long count;
  private long offset;
  private boolean primed;
  private boolean stuck;

  QuadratureEncoderEmulation(QuadratureEncoderConfig config, EmulatedGpio gpio, int positionReference) {
    this.config = config;
    this.gpio = gpio;
    this.positionReference = positionReference;
    this.countsPerUnit = config.countsPerRev() / (2 * Math.PI);
    gpio.drive(config.pinA(), false);
    gpio.drive(config.pinB(), false);
  }

  @Override
  public String name() {
    return config.name();
  }

  @Override
  public void sense(PlantReadout plant) {
    if (positionReference == Integer.MIN_VALUE) return;
    double position = plant.value(positionReference);
    long target = Math.round(position * countsPerUnit) * (config.invert() ? -1 : 1);
    if (!primed) {
      offset = target;
      primed = true;
    }
    if (stuck) return;
    long wanted = target - offset;
    long edges = 0;
    while (count != wanted && edges++ < MAX_EDGES_PER_STEP) step(count < wanted ? 1 : -1);
  }

  private void step(int direction) {
    long next = count + direction;
    int phase = (int) Math.floorMod(next, 4L);
    boolean a = phase == 1 || phase == 2;
    boolean b = phase == 2 || phase == 3;
    if (a != gpio.level(config.pinA())) gpio.drive(config.pinA(), a);
    else gpio.drive(config.pinB(), b);
    count = next;
  }

  @Override
  public void fault(SimFaultKind kind, boolean active) {
    switch (kind) {
      case STUCK -> stuck = active;
      case NAN -> {
        if (active) {
          // Both lines change together: the decoder cannot tell the direction. The position moves two counts.
          long next = count + 2;
          int phase = (int) Math.floorMod(next, 4L);
          gpio.driveBoth(config.pinA(), phase == 1 || phase == 2, config.pinB(), phase == 2 || phase == 3,
              config.pinA());
          count = next;
          offset -= 2;
        }
      }
      default -> { }
    }
  }

  /** Counts emitted since power-on. */
  long count() {
    return count;
  }

  /** Emulates {@code quadrature_encoder} devices measuring {@code position}. */
  public static final class Factory implements EmulationFactory<QuadratureEncoderConfig> {

    @Override
    public Class<QuadratureEncoderConfig> config() {
      return QuadratureEncoderConfig.class;
    }

    @Override
    public Emulation create(QuadratureEncoderConfig device, EmulationContext context) {
      return new QuadratureEncoderEmulation(device, context.gpio(), context.measures("position"));
    }
  }
}
