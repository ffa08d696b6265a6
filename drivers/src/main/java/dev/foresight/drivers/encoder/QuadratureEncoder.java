package dev.foresight.drivers.encoder;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import dev.foresight.config.device.QuadratureEncoderConfig;
import dev.foresight.drivers.DeviceBase;
import dev.foresight.drivers.DriverContext;
import dev.foresight.drivers.SelfTest;
import dev.foresight.drivers.Sensor;
import dev.foresight.drivers.Status;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import dev.foresight.drivers.Device;
import dev.foresight.drivers.DriverFactory;
import dev.foresight.drivers.Wiring;

/**
 * An incremental quadrature encoder on two GPIO inputs, decoded x4 from edge events: channels
 * {@code position} (rad, or m with {@code wheel_radius_m}) relative to where it started, and
 * {@code velocity} (per second) from the position change between reads.
 *
 * <p>On every edge of either line (Pi4J listeners, on the provider's event threads) both lines
 * are read and the transition from the previous pair is decoded with the standard table: a step
 * forward or back, none, or illegal (both lines changed: an edge was missed, so the direction is
 * unknown). Counts and the last pair live in one atomic word, so the two lines' threads and the
 * control loop never lock or allocate. A read after an illegal transition reports invalid.
 */
public final class QuadratureEncoder extends DeviceBase implements Sensor, DigitalStateChangeListener {

  private static final List<String> CHANNELS = List.of("position", "velocity");

  /** Transition table: [previous AB][new AB] -> +1, -1, 0, or ILLEGAL. AB = A << 1 | B; forward is 00, 10, 11, 01. */
  private static final int ILLEGAL = 2;
  private static final int[][] STEP = {
      {0, -1, 1, ILLEGAL},
      {1, 0, ILLEGAL, -1},
      {-1, ILLEGAL, 0, 1},
      {ILLEGAL, 1, -1, 0}};

  private final QuadratureEncoderConfig encoder;
  private final double unitsPerCount;
  /** count << 2 | AB. */
  private final AtomicLong state = new AtomicLong();
  private final AtomicLong illegal = new AtomicLong();
  private DigitalInput a;
  private DigitalInput b;
  private long lastIllegal;
  private long lastCount;
  private long lastNs;
  private boolean primed;

  public QuadratureEncoder(QuadratureEncoderConfig config, DriverContext context) {
    super(config, context);
    this.encoder = config;
    double perRev = config.wheelRadiusM() > 0 ? 2 * Math.PI * encoder.wheelRadiusM() : 2 * Math.PI;
    this.unitsPerCount = perRev / config.countsPerRev() * (config.invert() ? -1 : 1);
  }

  @Override
  public String location() {
    return "GPIO " + encoder.pinA() + "/" + encoder.pinB() + " (A/B)";
  }

  @Override
  public List<String> channels() {
    return CHANNELS;
  }

  @Override
  public SelfTest start(long nowNs) {
    try {
      a = input("a", encoder.pinA());
      b = input("b", encoder.pinB());
    } catch (RuntimeException e) {
      return SelfTest.missing("cannot claim GPIO " + encoder.pinA() + "/" + encoder.pinB() + ": " + e.getMessage()
          + "; is another program using them? (add the user to the gpio group)");
    }
    state.set(ab());
    a.addListener(this);
    b.addListener(this);
    return SelfTest.ok("lines A " + level(a) + ", B " + level(b));
  }

  private DigitalInput input(String role, int pin) {
    return context.pi4j().create(DigitalInput.newConfigBuilder(context.pi4j())
        .id(encoder.name() + "-" + role).name(encoder.name() + " " + role.toUpperCase(java.util.Locale.ROOT))
        .address(pin).pull(PullResistance.PULL_UP).debounce(0L).build());
  }

  private static String level(DigitalInput input) {
    return input.state() == DigitalState.HIGH ? "high" : "low";
  }

  private long ab() {
    return (a.state() == DigitalState.HIGH ? 2 : 0) | (b.state() == DigitalState.HIGH ? 1 : 0);
  }

  /** An edge on either line: decode the transition from both lines' levels now. */
  @Override
  public void onDigitalStateChange(DigitalStateChangeEvent event) {
    long now = ab();
    while (true) {
      long old = state.get();
      int step = STEP[(int) (old & 3)][(int) now];
      if (step == ILLEGAL) illegal.incrementAndGet();
      long count = (old >> 2) + (step == ILLEGAL ? 0 : step);
      if (state.compareAndSet(old, count << 2 | now)) return;
    }
  }

  /** No bus transfer: reads the count the edge listener keeps. */
  @Override
  public void read(long nowNs, double[] values, byte[] status, int offset) {
    if (a == null) {
      values[offset] = Double.NaN;
      values[offset + 1] = Double.NaN;
      status[offset] = Status.NO_RESPONSE;
      status[offset + 1] = Status.NO_RESPONSE;
      return;
    }
    long count = state.get() >> 2;
    long bad = illegal.get();
    byte s = bad != lastIllegal ? Status.INVALID : Status.OK;
    lastIllegal = bad;
    double dt = (nowNs - lastNs) * 1e-9;
    double velocity = primed && dt > 0 ? (count - lastCount) * unitsPerCount / dt : 0.0;
    lastCount = count;
    lastNs = nowNs;
    primed = true;
    values[offset] = s == Status.OK ? count * unitsPerCount : Double.NaN;
    values[offset + 1] = s == Status.OK ? velocity : Double.NaN;
    status[offset] = s;
    status[offset + 1] = s;
  }

  /** Counts since start. */
  public long count() {
    return state.get() >> 2;
  }

  /** Illegal transitions (missed edges) since start. */
  public long illegalTransitions() {
    return illegal.get();
  }

  @Override
  public void close() {
    for (DigitalInput input : new DigitalInput[] {a, b}) {
      if (input == null) continue;
      input.removeListener(this);
      release(input);
    }
    a = null;
    b = null;
  }

  @Override
  public String unit(String channel) {
    boolean metres = encoder.wheelRadiusM() > 0;
    return channel.equals("position") ? (metres ? "m" : "rad") : (metres ? "m/s" : "rad/s");
  }

  /** Builds {@code QuadratureEncoder} drivers for {@code QuadratureEncoderConfig} devices. */
  public static final class Factory implements DriverFactory<QuadratureEncoderConfig> {

    @Override
    public Class<QuadratureEncoderConfig> config() {
      return QuadratureEncoderConfig.class;
    }

    @Override
    public Device create(QuadratureEncoderConfig device, DriverContext context, Wiring wiring) {
      return new QuadratureEncoder(device, context);
    }
  }
}
