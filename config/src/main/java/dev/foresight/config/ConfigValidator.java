package dev.foresight.config;

import dev.foresight.config.control.ControllerConfig;
import dev.foresight.config.control.LqrConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.config.control.PidConfig;
import dev.foresight.config.control.SwingUpConfig;
import dev.foresight.config.device.DeviceConfig;
import dev.foresight.config.device.DeviceTypes;
import dev.foresight.config.device.GpioInputConfig;
import dev.foresight.config.device.I2cDeviceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a bound config for what types alone cannot: ranges, names, references between sections,
 * dimensions and referenced files. Runs once at load; every problem found is reported, each with the
 * key path it concerns.
 */
final class ConfigValidator {

  /** A problem before locating: key path and message. */
  record Finding(String path, String message) {}

  private static final Pattern ROBOT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  /** BCM GPIO numbers on the Raspberry Pi 40-pin header. */
  private static final int MAX_GPIO = 27;
  private static final Set<String> BROKER_SCHEMES = Set.of("tcp", "mqtt", "ssl", "mqtts");
  /** The pseudo-device that gives direct access to a simulated plant's variables. */
  static final String PLANT = "plant";

  private final RobotConfig config;
  private final Path configFile;
  private final List<Finding> findings = new ArrayList<>();
  /** Checks with absolute key paths. */
  private final Checks everywhere;

  private ConfigValidator(RobotConfig config, Path configFile) {
    this.config = config;
    this.configFile = configFile;
    this.everywhere = new Checks(config, "", this::problem);
  }

  static List<Finding> validate(RobotConfig config, Path configFile) {
    ConfigValidator v = new ConfigValidator(config, configFile);
    v.robot();
    v.loop();
    v.devices();
    v.variables();
    v.controller();
    v.model();
    v.safety();
    v.telemetry();
    v.link();
    v.recording();
    v.trust();
    v.sim();
    return List.copyOf(v.findings);
  }

  private void problem(String path, String message) {
    findings.add(new Finding(path, message));
  }

  private void robot() {
    String id = config.robot().id();
    if (!ROBOT_ID.matcher(id).matches()) {
      problem("robot.id", "'" + id + "' is not a robot id; use lowercase letters, digits, '-' and '_' "
          + "(at most 64, starting with a letter or digit), e.g. pendulum-01");
    }
  }

  private void loop() {
    LoopConfig loop = config.loop();
    if (loop.rateHz() < 1 || loop.rateHz() > 1000) {
      problem("loop.rate_hz", loop.rateHz() + " Hz is out of range (1..1000)");
    }
    double periodMs = 1000.0 / Math.max(1, loop.rateHz());
    if (loop.realtimePriority() < 0 || loop.realtimePriority() > 98) {
      // 99 is left for the watchdog, which must be able to preempt a runaway control thread.
      problem("loop.realtime_priority", loop.realtimePriority() + " is out of range (1..98, or 0 for normal "
          + "scheduling; the watchdog runs one above)");
    }
    if (loop.cpu() < -1 || loop.cpu() > 1023) {
      problem("loop.cpu", loop.cpu() + " is not a CPU number (0..1023, or -1 for any)");
    }
    if (loop.plannerThreads() < 1 || loop.plannerThreads() > 64) {
      problem("loop.planner_threads", loop.plannerThreads() + " is out of range (1..64)");
    } else if (config.controller() instanceof SampledPlannerConfig p && loop.plannerThreads() > p.samples()) {
      problem("loop.planner_threads", loop.plannerThreads() + " threads for " + p.samples()
          + " samples; use at most one thread per sample");
    }
    for (int i = 0; i < loop.plannerCpus().size(); i++) {
      Integer c = loop.plannerCpus().get(i);
      if (c == null || c < 0 || c > 1023) {
        problem("loop.planner_cpus[" + i + "]", c + " is not a CPU number (0..1023)");
      } else if (c == loop.cpu()) {
        problem("loop.planner_cpus[" + i + "]", "CPU " + c + " is the control thread's (loop.cpu); give the "
            + "planner other cores so the loop keeps its own");
      }
    }
    if (loop.planning() == PlanningMode.ASYNC) {
      // The asynchronous planner thinks on its own thread and may take several periods per plan.
      if (!(loop.planBudgetMs() >= 0) || loop.planBudgetMs() > 1000) {
        problem("loop.plan_budget_ms", number(loop.planBudgetMs()) + " ms is out of range for async planning "
            + "(0..1000 ms; 0 means 60% of the period)");
      }
    } else if (!(loop.planBudgetMs() >= 0) || loop.planBudgetMs() >= periodMs) {
      problem("loop.plan_budget_ms", number(loop.planBudgetMs()) + " ms does not fit in the loop period of "
          + number(periodMs) + " ms; use a value in [0, " + number(periodMs) + ") (0 means 60% of the period)");
    }
  }

  private void devices() {
    Map<String, Integer> names = new HashMap<>();
    Map<Integer, String> pinOwners = new HashMap<>();
    Map<String, String> addressOwners = new HashMap<>();
    List<DeviceConfig> devices = config.devices();
    for (int i = 0; i < devices.size(); i++) {
      DeviceConfig d = devices.get(i);
      String at = "devices[" + i + "]";
      name(at + ".name", d.name());
      if (d.name().equals(PLANT)) {
        problem(at + ".name", "'plant' is reserved for the simulator's perfect sensors; choose another name");
      }
      Integer first = names.putIfAbsent(d.name(), i);
      if (first != null) {
        problem(at + ".name", "duplicate device name '" + d.name() + "' (also devices[" + first + "])");
      }
      for (int pin : d.pins()) {
        if (pin < 0 || pin > MAX_GPIO) {
          problem(at, "GPIO " + pin + " is not a pin of the 40-pin header (BCM 0.." + MAX_GPIO + ")");
        } else {
          String owner = pinOwners.putIfAbsent(pin, d.name());
          if (owner != null && !owner.equals(d.name())) {
            problem(at, "GPIO " + pin + " is already used by device '" + owner + "'");
          } else if (owner != null) {
            problem(at, "GPIO " + pin + " is used twice by this device");
          }
        }
      }
      if (d instanceof I2cDeviceConfig i2c) {
        int bus = i2c.bus() != null ? i2c.bus() : config.hardware().defaultBus();
        if (i2c.bus() != null && (bus < 0 || bus > 31)) {
          problem(at + ".bus", bus + " is not an I2C bus number (0..31)");
        }
        if (i2c.address() < 0x03 || i2c.address() > 0x77) {
          problem(at + ".address", hex(i2c.address()) + " is not a 7-bit I2C address (0x03..0x77)");
        } else {
          String owner = addressOwners.putIfAbsent(bus + "/" + i2c.address(), d.name());
          if (owner != null) {
            problem(at + ".address", "I2C bus " + bus + " address " + hex(i2c.address())
                + " is already used by device '" + owner + "'");
          }
        }
      }
      DeviceTypes.of(d).check(d, new Checks(config, at, this::problem));
    }
  }

  private void variables() {
    Map<String, String> seen = new HashMap<>();
    boolean sim = config.hardware().platform() == Platform.SIM;
    if (config.state().isEmpty()) problem("state", "at least one state variable is needed");
    if (config.action().isEmpty()) problem("action", "at least one action variable is needed");
    for (int i = 0; i < config.state().size(); i++) {
      StateVariable s = config.state().get(i);
      String at = "state[" + i + "]";
      name(at + ".name", s.name());
      unique(seen, s.name(), at + ".name");
      bounds(at, s.min(), s.max());
      reference(at + ".source", s.source(), sim);
      DeviceReferences.source(config, at + ".source", s.source(), this::problem);
    }
    for (int i = 0; i < config.action().size(); i++) {
      ActionVariable a = config.action().get(i);
      String at = "action[" + i + "]";
      name(at + ".name", a.name());
      unique(seen, a.name(), at + ".name");
      finite(at + ".min", a.min());
      finite(at + ".max", a.max());
      bounds(at, a.min(), a.max());
      if (!(a.slewPerS() > 0)) problem(at + ".slew_per_s", number(a.slewPerS()) + " must be positive");
      finite(at + ".safe", a.safe());
      if (a.safe() < a.min() || a.safe() > a.max()) {
        problem(at + ".safe", number(a.safe()) + " is outside [" + number(a.min()) + ", " + number(a.max()) + "]");
      }
      reference(at + ".target", a.target(), sim);
      DeviceReferences.target(config, at + ".target", a.target(), this::problem);
    }
  }

  private void unique(Map<String, String> seen, String name, String at) {
    String first = seen.putIfAbsent(name, at);
    if (first != null) problem(at, "duplicate variable name '" + name + "' (also " + first + ")");
  }

  private void bounds(String at, double min, double max) {
    if (Double.isNaN(min)) problem(at + ".min", "must be a number, not NaN");
    if (Double.isNaN(max)) problem(at + ".max", "must be a number, not NaN");
    if (min >= max) problem(at, "min " + number(min) + " must be below max " + number(max));
  }

  /** A source or target: {@code device}, {@code device.channel}, or {@code plant.variable} in simulation. */
  private void reference(String at, String reference, boolean sim) {
    String deviceName = reference.contains(".") ? reference.substring(0, reference.indexOf('.')) : reference;
    if (deviceName.equals(PLANT)) {
      if (!sim) problem(at, "'plant.' sources exist only with hardware.platform: sim");
      else if (reference.length() <= PLANT.length() + 1) problem(at, "'plant.' needs a variable name, e.g. plant.theta");
      return;
    }
    if (config.device(deviceName).isEmpty()) {
      List<String> candidates = new ArrayList<>(deviceNames());
      if (sim) candidates.add(PLANT);
      problem(at, "no device named '" + deviceName + "'" + Suggestions.hint(deviceName, candidates)
          + (config.devices().isEmpty() && sim ? "; without devices, use plant.<variable>" : ""));
    }
  }

  private void controller() {
    controller("controller", config.controller());
  }

  private void controller(String at, ControllerConfig controller) {
    switch (controller) {
      case SwingUpConfig s -> {
        stateVariable(at + ".angle", s.angle());
        stateVariable(at + ".rate", s.rate());
        actionVariable(at + ".torque", s.torque());
        positive(at + ".mass_kg", s.massKg(), "kg");
        positive(at + ".length_m", s.lengthM(), "m");
        positive(at + ".gravity", s.gravity(), "m/s^2");
        positive(at + ".energy_gain", s.energyGain(), "");
        range(at + ".catch_angle_rad", s.catchAngleRad(), 0.01, Math.PI, "rad");
        positive(at + ".q_angle", s.qAngle(), "");
        positive(at + ".q_rate", s.qRate(), "");
        positive(at + ".r_torque", s.rTorque(), "");
        s.motor().ifPresent(m -> SimHardwareValidator.motor(at + ".motor", m, this::problem));
      }
      case LqrConfig l -> {
        int states = config.state().size();
        int actions = config.action().size();
        if (l.gain().size() != actions) {
          problem(at + ".gain", "has " + l.gain().size() + " rows but there are " + actions
              + " action variables " + config.actionNames() + "; K needs one row per action");
        }
        for (int r = 0; r < l.gain().size(); r++) {
          List<Double> row = l.gain().get(r);
          if (row.size() != states) {
            problem(at + ".gain[" + r + "]", "has " + row.size() + " columns but there are " + states
                + " state variables " + config.stateNames() + "; K needs one column per state");
          }
          for (int c = 0; c < row.size(); c++) finite(at + ".gain[" + r + "][" + c + "]", row.get(c));
        }
        if (!l.target().isEmpty() && l.target().size() != states) {
          problem(at + ".target", "has " + l.target().size() + " values but there are " + states
              + " state variables " + config.stateNames());
        }
        for (int c = 0; c < l.target().size(); c++) finite(at + ".target[" + c + "]", l.target().get(c));
      }
      case SampledPlannerConfig p -> new PlannerValidator(config, this::problem).validate(p);
      case PidConfig p -> PidValidation.check(at, p, config, this::problem);
    }
  }

  private void model() {
    config.model().ifPresent(m -> {
      file("model.file", m.file());
      m.valueFile().ifPresent(f -> file("model.value_file", f));
      if (m.intraOpThreads() < 1 || m.intraOpThreads() > 64) {
        problem("model.intra_op_threads", m.intraOpThreads() + " is out of range (1..64)");
      }
      // The upper bound (the model's member count) is checked when the model loads (Planners).
      m.planningMember().filter(n -> n < 0).ifPresent(n -> problem("model.planning_member",
          n + " is not a member index; members are numbered from 0"));
      if (m.planningMember().isPresent() && config.controller() instanceof SampledPlannerConfig p
          && p.cost().stream().anyMatch(c -> c instanceof dev.foresight.config.control.DisagreementCost)) {
        problem("model.planning_member", "plans on one member, which has no spread for the disagreement cost term "
            + "to weigh; remove the disagreement term or model.planning_member");
      }
    });
  }

  private void safety() {
    SafetyConfig safety = config.safety();
    double periodMs = 1000.0 / Math.max(1, config.loop().rateHz());
    if (safety.armOnStart() && config.hardware().platform() != Platform.SIM) {
      problem("safety.arm_on_start", "true would arm a real robot (hardware.platform: "
          + config.hardware().platform().id() + ") as soon as it starts; it is for hardware.platform: sim only. "
          + "Remove it and arm with a command (foresight monitor, cmd/arm)");
    }
    for (int i = 0; i < config.action().size(); i++) {
      double expiry = config.action().get(i).expiryMs();
      String at = "action[" + i + "].expiry_ms";
      if (!(expiry >= 0 && expiry <= 10_000)) {
        problem(at, number(expiry) + " ms is out of range (0..10000 ms; 0 means max(100 ms, 3 periods))");
      } else if (expiry > 0 && expiry < 2 * periodMs) {
        problem(at, number(expiry) + " ms is shorter than two loop periods (" + number(2 * periodMs)
            + " ms); the actuator would expire on a healthy loop");
      }
    }
    double watchdogMs = safety.watchdogTimeoutMs();
    if (!(watchdogMs >= 0 && watchdogMs <= 10_000)) {
      problem("safety.watchdog_timeout_ms", number(watchdogMs) + " ms is out of range (0..10000 ms; 0 means automatic)");
    } else if (watchdogMs > 0 && watchdogMs < 2 * periodMs) {
      problem("safety.watchdog_timeout_ms", number(watchdogMs) + " ms is shorter than two loop periods ("
          + number(2 * periodMs) + " ms); the watchdog would trip on a healthy loop");
    }
    safety.estopInput().ifPresent(name -> {
      Optional<DeviceConfig> device = config.device(name);
      if (device.isEmpty()) {
        problem("safety.estop_input", "no device named '" + name + "'" + Suggestions.hint(name, deviceNames()));
      } else if (!(device.get() instanceof GpioInputConfig)) {
        problem("safety.estop_input", "device '" + name + "' is a " + device.get().type() + ", not a gpio_input");
      }
    });
    for (int i = 0; i < safety.envelope().size(); i++) {
      EnvelopeBound bound = safety.envelope().get(i);
      String at = "safety.envelope[" + i + "]";
      stateVariable(at + ".variable", bound.variable());
      bounds(at, bound.min(), bound.max());
      if (bound.reaction() == Reaction.FALLBACK && safety.fallback().isEmpty()) {
        problem(at + ".reaction", "fallback needs a fallback controller; add safety.fallback (type pid, lqr or swingup)");
      }
    }
    // A rate outside 1..1000 is reported under loop.rate_hz; check the safety timings against 1 Hz then.
    long periodNs = 1_000_000_000L / Math.max(1, config.loop().rateHz());
    SafetyValidation.check(safety, periodNs, this::problem);
    safety.fallback().ifPresent(f -> {
      if (!(f instanceof PidConfig) && !(f instanceof LqrConfig) && !(f instanceof SwingUpConfig)) {
        problem("safety.fallback.type", f.type() + " cannot be a fallback controller; use pid, lqr or swingup "
            + "(simple controllers without a learned model, that cannot fail the way the primary did)");
      } else {
        controller("safety.fallback", f);
      }
    });
  }

  private void recording() {
    RecordingConfig r = config.recording();
    if (r.queueTicks() < 16 || r.queueTicks() > 1_000_000) {
      problem("recording.queue_ticks", r.queueTicks() + " is out of range (16..1000000)");
    }
    if (!(r.flushIntervalS() >= 0.05 && r.flushIntervalS() <= 60)) {
      problem("recording.flush_interval_s", number(r.flushIntervalS()) + " s is out of range (0.05..60)");
    }
    if (r.dir().isBlank()) problem("recording.dir", "is empty; name a folder, e.g. recordings");
  }

  private void trust() {
    TrustConfig t = config.trust();
    if (!(t.falseAlarmsPerHour() > 0 && t.falseAlarmsPerHour() <= 3600)) {
      problem("trust.false_alarms_per_hour", number(t.falseAlarmsPerHour()) + " is out of range (above 0, at most "
          + "3600; 0.1 is one false alarm per 10 hours)");
    }
    if (!(t.hysteresisS() >= 0 && t.hysteresisS() <= 600)) {
      problem("trust.hysteresis_s", number(t.hysteresisS()) + " s is out of range (0..600)");
    }
    if (t.enabled() != null && t.enabled() && config.model().isEmpty()) {
      problem("trust.enabled", "true needs a world model to watch; add a model section (model.file) or remove "
          + "trust.enabled");
    }
    adaptation();
    t.thresholds().ifPresent(th -> {
      int n = config.state().size();
      if (th.residualScale().size() != n) {
        problem("trust.thresholds.residual_scale", th.residualScale().size() + " values for " + n
            + " state variables (" + String.join(", ", config.stateNames()) + ")");
      } else {
        for (int i = 0; i < n; i++) positiveFinite("trust.thresholds.residual_scale[" + i + "]", th.residualScale().get(i));
      }
      if (!th.spreadQuantile().isEmpty() && th.spreadQuantile().size() != n) {
        problem("trust.thresholds.spread_quantile", th.spreadQuantile().size() + " values for " + n
            + " state variables (or leave it out: the spread is then not watched)");
      } else {
        for (int i = 0; i < th.spreadQuantile().size(); i++) {
          positiveFinite("trust.thresholds.spread_quantile[" + i + "]", th.spreadQuantile().get(i));
        }
      }
      if (th.cusumH() == null) {
        problem("trust.thresholds.cusum_h", "is missing; give the CUSUM threshold (e.g. 30), or calibrate the "
            + "model: foresight model calibrate");
      } else {
        positiveFinite("trust.thresholds.cusum_h", th.cusumH());
      }
      positiveFinite("trust.thresholds.cusum_k", th.cusumK());
      if (!(th.cusumCap() > th.cusumK())) {
        problem("trust.thresholds.cusum_cap", number(th.cusumCap()) + " must be above cusum_k (" + number(th.cusumK())
            + ")");
      }
    });
  }

  private void adaptation() {
    TrustConfig.Adaptation a = config.trust().adaptation();
    String at = "trust.adaptation.";
    if (!(a.forgetting() > 0.9 && a.forgetting() <= 1)) {
      problem(at + "forgetting", number(a.forgetting()) + " is out of range (above 0.9, at most 1; 0.99 remembers about "
          + "100 ticks, 1 never forgets)");
    }
    if (!(a.minExcitation() >= 0 && Double.isFinite(a.minExcitation()))) {
      problem(at + "min_excitation", number(a.minExcitation()) + " must be a finite number, 0 or above (e.g. 1e-4)");
    }
    positiveFinite(at + "trace_cap", a.traceCap());
    if (a.holdoutEvery() < 2 || a.holdoutEvery() > 100) {
      problem(at + "holdout_every", a.holdoutEvery() + " is out of range (2..100; 3 holds out every third tick)");
    }
    if (!(a.shadowS() >= 0 && a.shadowS() <= 600)) {
      problem(at + "shadow_s", number(a.shadowS()) + " s is out of range (0..600)");
    }
    int rateHz = config.loop().rateHz();
    double minWindowS = rateHz > 0 ? Math.ceil(4000.0 * Math.max(a.holdoutEvery(), 2) / rateHz) / 1000 : 0;
    if (!(a.windowS() > 0 && a.windowS() <= 600)) {
      problem(at + "window_s", number(a.windowS()) + " s is out of range (above 0, at most 600)");
    } else if (a.enabled() && a.windowS() < minWindowS) {
      problem(at + "window_s", number(a.windowS()) + " s holds fewer than 4 held-out ticks at holdout_every "
          + a.holdoutEvery() + " and " + rateHz + " Hz; use at least " + number(minWindowS) + " s");
    }
    if (!(a.minImprovement() >= 0 && a.minImprovement() < 1)) {
      problem(at + "min_improvement", number(a.minImprovement()) + " is out of range (0 up to, not including, 1; "
          + "0.1: the candidate's error at least 10% below the current model's)");
    }
    if (!(a.nominalMargin() >= 0 && a.nominalMargin() <= 1)) {
      problem(at + "nominal_margin", number(a.nominalMargin()) + " is out of range (0..1; 0.05: 5% worse at most)");
    }
    if (!(a.rollbackWindowS() >= 0 && a.rollbackWindowS() <= 3600)) {
      problem(at + "rollback_window_s", number(a.rollbackWindowS()) + " s is out of range (0..3600)");
    }
    if (a.enabled()) {
      if (!(config.controller() instanceof SampledPlannerConfig)) {
        problem(at + "enabled", "true needs a planner that plans on a world model (controller.type: mppi or cem), "
            + "not " + config.controller().type() + "; remove trust.adaptation.enabled or use a planner");
      } else if (config.model().isEmpty()) {
        problem(at + "enabled", "true needs a world model to correct; add a model section (model.file)");
      } else if (config.trust().enabled() != null && !config.trust().enabled()) {
        problem(at + "enabled", "true needs the trust monitor (its alarm rolls a bad correction back); remove "
            + "trust.enabled: false");
      }
    }
  }

  private void positiveFinite(String at, Double value) {
    if (value == null || !(value > 0) || !Double.isFinite(value)) {
      problem(at, (value == null ? "null" : number(value)) + " must be a finite number above 0");
    }
  }

  private void telemetry() {
    TelemetryConfig t = config.telemetry();
    String broker = t.broker();
    if (!broker.equals("none") && !broker.equals("embedded")) {
      int sep = broker.indexOf("://");
      String scheme = sep > 0 ? broker.substring(0, sep) : "";
      if (BrokerChecks.hasCredentials(broker)) {
        BrokerChecks.check("telemetry.broker", broker, t, this::problem);   // says so without repeating them
      } else if (!BROKER_SCHEMES.contains(scheme) || broker.length() <= sep + 3) {
        problem("telemetry.broker", "'" + broker + "' is not none, embedded, or a broker URL like "
            + "tcp://host:1883 or mqtts://host:8883");
      } else {
        BrokerChecks.check("telemetry.broker", broker, t, this::problem);
      }
    }
    if (broker.equals("embedded") && config.hardware().platform() != Platform.SIM && !t.allowEmbeddedBroker()) {
      problem("telemetry.broker", "embedded on hardware.platform: " + config.hardware().platform().id()
          + ": the embedded broker has no authentication and dies with the robot; name a broker "
          + "(mqtts://host:8883), or set telemetry.allow_embedded_broker: true for a bench");
    }
    if (!(t.rateHz() >= 0.1 && t.rateHz() <= Math.max(config.loop().rateHz(), 10))) {
      problem("telemetry.rate_hz", number(t.rateHz()) + " Hz is out of range (0.1 Hz up to the loop rate, "
          + config.loop().rateHz() + " Hz)");
    }
    t.passwordFile().ifPresent(f -> file("telemetry.password_file", f));
    t.tls().caFile().ifPresent(f -> file("telemetry.tls.ca_file", f));
    t.tls().certFile().ifPresent(f -> file("telemetry.tls.cert_file", f));
    t.tls().keyFile().ifPresent(f -> file("telemetry.tls.key_file", f));
    if (t.tls().certFile().isPresent() != t.tls().keyFile().isPresent()) {
      problem("telemetry.tls", "cert_file and key_file go together; give both or neither");
    }
    if (t.passwordFile().isPresent() && t.passwordEnv().isPresent()) {
      problem("telemetry", "give password_file or password_env, not both");
    }
    if (t.willDelayS() < 0 || t.willDelayS() > 3600) {
      problem("telemetry.will_delay_s", t.willDelayS() + " is out of range (0..3600)");
    }
    if (!(t.batchS() == 0 || (t.batchS() >= 0.05 && t.batchS() <= 10))) {
      problem("telemetry.batch_s", number(t.batchS()) + " is out of range (0, or 0.05 to 10 seconds)");
    }
  }

  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private void link() {
    LinkConfig l = config.link();
    Map<String, Integer> ids = new HashMap<>();
    for (int i = 0; i < l.operatorKeys().size(); i++) {
      LinkConfig.OperatorKey k = l.operatorKeys().get(i);
      String at = "link.operator_keys[" + i + "]";
      if (!KEY_ID.matcher(k.id()).matches()) {
        problem(at + ".id", "'" + k.id() + "' is not a key id; use 1 to 64 of A-Z a-z 0-9 . _ : -");
      }
      Integer first = ids.putIfAbsent(k.id(), i);
      if (first != null) problem(at + ".id", "duplicate key id '" + k.id() + "' (also link.operator_keys[" + first + "])");
      if (k.publicKeyFile().isPresent() == k.publicKey().isPresent()) {
        problem(at, "give public_key_file or public_key, exactly one");
      } else if (k.publicKey().isPresent()) {
        publicKey(at + ".public_key", "the inline key", k.publicKey().get());
      } else {
        String reference = k.publicKeyFile().get();
        Path resolved = LoadedConfig.resolve(configFile, reference);
        int before = findings.size();
        file(at + ".public_key_file", reference);
        if (findings.size() == before) {
          try {
            publicKey(at + ".public_key_file", "file '" + reference + "'", Files.readString(resolved));
          } catch (java.io.IOException | RuntimeException e) {
            problem(at + ".public_key_file", "cannot read file '" + reference + "' (" + resolved + ")");
          }
        }
      }
    }
    if (l.requireSignedCommands() && l.operatorKeys().isEmpty()) {
      problem("link.require_signed_commands", "true needs at least one key in link.operator_keys; add the "
          + "operators' public keys (foresight keys generate)");
    }
    if (l.signing() && l.stateDir().isEmpty()) {
      problem("link.state_dir", "signed commands need a folder for the replay window (so a captured command cannot "
          + "run again after a restart); set state_dir, e.g. /var/lib/foresight/" + config.robot().id());
    }
    l.stateDir().ifPresent(d -> {
      Path resolved = LoadedConfig.resolve(configFile, d);
      if (d.isBlank()) problem("link.state_dir", "is empty; name a folder or leave state_dir out");
      else if (Files.exists(resolved) && !Files.isDirectory(resolved)) {
        problem("link.state_dir", "'" + d + "' is not a folder (" + resolved + ")");
      }
    });
    if (l.clockSkewMs() < 0 || l.clockSkewMs() > 60_000) {
      problem("link.clock_skew_ms", l.clockSkewMs() + " is out of range (0..60000)");
    }
    if (l.replayWindow() < LinkConfig.MIN_REPLAY_WINDOW || l.replayWindow() > 1_000_000) {
      problem("link.replay_window", l.replayWindow() + " is out of range (" + LinkConfig.MIN_REPLAY_WINDOW
          + "..1000000)");
    }
  }

  private void publicKey(String at, String what, String pem) {
    try {
      OperatorKeys.parsePublic(pem);
    } catch (OperatorKeys.NotAKey e) {
      problem(at, what + " " + e.getMessage());
    }
  }

  private void sim() {
    boolean simPlatform = config.hardware().platform() == Platform.SIM;
    if (simPlatform && config.sim().isEmpty()) {
      problem("hardware.platform", "sim needs a sim section naming the plant, e.g. sim: {plant: pendulum}");
    }
    if (!simPlatform && config.sim().isPresent()) {
      problem("sim", "only used with hardware.platform: sim; remove it or change the platform");
    }
    config.sim().ifPresent(sim -> SimHardwareValidator.validate(config, sim, this::problem));
    config.sim().ifPresent(s -> findings.addAll(SimChecks.check(s)));
  }

  private void stateVariable(String at, String name) {
    if (config.stateIndex(name) < 0) {
      problem(at, "no state variable named '" + name + "'" + Suggestions.hint(name, config.stateNames()));
    }
  }

  private void actionVariable(String at, String name) {
    if (config.actionIndex(name) < 0) {
      problem(at, "no action variable named '" + name + "'" + Suggestions.hint(name, config.actionNames()));
    }
  }

  private void file(String at, String reference) {
    Path resolved = LoadedConfig.resolve(configFile, reference);
    if (!Files.isRegularFile(resolved)) {
      problem(at, "file '" + reference + "' not found (looked for " + resolved + ")");
    } else if (!Files.isReadable(resolved)) {
      problem(at, "file '" + reference + "' is not readable (" + resolved + ")");
    }
  }

  private void name(String at, String name) {
    if (!NAME.matcher(name).matches()) {
      problem(at, "'" + name + "' is not a name; use lowercase letters, digits and '_', starting with a letter");
    }
  }

  private void range(String at, double value, double lo, double hi, String unit) {
    everywhere.range(at, value, lo, hi, unit);
  }

  private void positive(String at, double value, String unit) {
    everywhere.positive(at, value, unit);
  }

  private void finite(String at, double value) {
    everywhere.finite(at, value);
  }

  private List<String> deviceNames() {
    return config.devices().stream().map(DeviceConfig::name).toList();
  }

  static String hex(int value) {
    return Checks.hex(value);
  }

  static String number(double value) {
    return Checks.number(value);
  }
}
