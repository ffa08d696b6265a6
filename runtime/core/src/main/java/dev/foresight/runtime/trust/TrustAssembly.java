package dev.foresight.runtime.trust;

import dev.foresight.config.LoadedConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.config.TrustConfig;
import dev.foresight.config.control.SampledPlannerConfig;
import dev.foresight.models.onnx.ModelException;
import dev.foresight.models.plan.Planners;
import dev.foresight.models.trust.Calibration;
import dev.foresight.models.trust.CalibrationException;
import dev.foresight.models.trust.TrustMonitor;
import dev.foresight.runtime.AssemblyException;
import dev.foresight.runtime.events.EventLog;
import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.SteppedClock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a robot's {@link TrustStage}: its prediction model, and the monitor's calibration from the
 * model's {@code foresight.monitor.*} metadata, else from {@code trust.thresholds}, else none (a
 * warning at load: the robot runs, its predictions are recorded and published, nothing judges them).
 */
public final class TrustAssembly {

  private static final Logger LOG = LoggerFactory.getLogger(TrustAssembly.class);

  private TrustAssembly() {}

  /**
   * The stage for {@code loaded}'s robot ({@link TrustStage#NONE} without a world model), with the
   * online adaptation when {@code trust.adaptation.enabled}: its learner runs on the control thread
   * on a {@link SteppedClock} (reproducible simulation), else on its own thread.
   *
   * @throws AssemblyException (one line) for an unusable model file, corrupt calibration metadata, or
   *                           adaptation asked for a model nothing watches
   */
  public static TrustStage stage(LoadedConfig loaded, Clock clock, EventLog events) throws AssemblyException {
    TrustStage stage = stage(loaded);
    TrustConfig.Adaptation settings = loaded.config().trust().adaptation();
    if (!settings.enabled() || !stage.predicts()) return stage;
    try {
      stage.adaptWith(adaptation(loaded, stage, clock, events));
      return stage;
    } catch (AssemblyException | RuntimeException e) {
      stage.close();
      throw e;
    }
  }

  private static Adaptation adaptation(LoadedConfig loaded, TrustStage stage, Clock clock, EventLog events)
      throws AssemblyException {
    RobotConfig config = loaded.config();
    TrustConfig.Adaptation settings = config.trust().adaptation();
    TrustMonitor monitor = stage.monitor().orElseThrow(() -> new AssemblyException("trust.adaptation.enabled: "
        + stage.label() + " carries no calibration, so no alarm could roll a bad correction back; calibrate it "
        + "(foresight model calibrate --model " + stage.label() + " --data DIR) or give trust.thresholds"));
    int horizon = config.controller() instanceof SampledPlannerConfig p ? p.horizon() : 0;
    PredictionModel rollout;
    try {
      rollout = PredictionModel.forRobot(loaded, 2 * Learner.WINDOWS).orElseThrow();
    } catch (ModelException e) {
      throw new AssemblyException("model: " + e.getMessage());
    }
    boolean[] wrapped = wrapped(config);
    double[] scale = new double[wrapped.length];
    for (int i = 0; i < scale.length; i++) scale[i] = monitor.residualScale(i);
    boolean inline = clock instanceof SteppedClock;
    LOG.info("trust: adapting {} online (forgetting {}, shadow {} s, every {}rd tick held out, rollback within {} s; "
        + "learner on {})", stage.label(), settings.forgetting(), settings.shadowS(), settings.holdoutEvery(),
        settings.rollbackWindowS(), inline ? "the control thread (stepped clock)" : "its own thread");
    return Adaptation.create(rollout.model(), wrapped, config.action().size(), scale, settings, config.loop().rateHz(),
        horizon, inline, clock, events, Planners.correction(config));
  }

  /**
   * The stage for {@code loaded}'s robot ({@link TrustStage#NONE} without a world model), without
   * adaptation.
   *
   * @throws AssemblyException (one line) for an unusable model file or corrupt calibration metadata
   */
  public static TrustStage stage(LoadedConfig loaded) throws AssemblyException {
    RobotConfig config = loaded.config();
    Optional<PredictionModel> source;
    try {
      source = PredictionModel.forRobot(loaded);
    } catch (ModelException e) {
      throw new AssemblyException("model: " + e.getMessage());
    }
    if (source.isEmpty()) return TrustStage.NONE;
    PredictionModel p = source.get();
    try {
      TrustMonitor monitor = monitor(config, p).orElse(null);
      return new TrustStage(p.model(), p.label(), monitor, config.stateNames().toArray(String[]::new), wrapped(config),
          config.action().size());
    } catch (AssemblyException | RuntimeException e) {
      p.close();
      throw e;
    }
  }

  /** The monitor for {@code p}, or empty when the trust section turns it off or nothing calibrates it. */
  static Optional<TrustMonitor> monitor(RobotConfig config, PredictionModel p) throws AssemblyException {
    TrustConfig trust = config.trust();
    if (!trust.enabledFor(config.model().isPresent())) return Optional.empty();
    double rateHz = config.loop().rateHz();
    Optional<Calibration> calibration;
    try {
      calibration = Calibration.fromMetadata(p.metadata(), config.stateNames());
    } catch (CalibrationException e) {
      throw new AssemblyException("model: " + p.label() + ": " + e.getMessage());
    }
    if (calibration.isEmpty() && trust.thresholds().isPresent()) {
      calibration = Optional.of(fromThresholds(config, trust.thresholds().get()));
    }
    if (calibration.isEmpty()) {
      LOG.warn("trust: {} carries no calibration (foresight.monitor.* metadata), so nothing judges its predictions; "
          + "calibrate it (foresight model calibrate --model {} --data DIR) or give trust.thresholds", p.label(),
          p.label());
      return Optional.empty();
    }
    Calibration c = calibration.get();
    double h = c.threshold(trust.falseAlarmsPerHour(), rateHz);
    LOG.info("trust: watching {} (threshold {} for {} false alarms per hour at {} Hz)", p.label(),
        String.format(java.util.Locale.ROOT, "%.3g", h), trust.falseAlarmsPerHour(), rateHz);
    return Optional.of(new TrustMonitor(c, h, wrapped(config)));
  }

  private static Calibration fromThresholds(RobotConfig config, TrustConfig.TrustThresholds t) {
    double[] scale = t.residualScale().stream().mapToDouble(Double::doubleValue).toArray();
    double[] spread = t.spreadQuantile().stream().mapToDouble(Double::doubleValue).toArray();
    // No fitted run-length curve: the given threshold holds whatever the false-alarm target says.
    return new Calibration(config.stateNames(), scale, spread, t.cusumK(), t.cusumCap(), t.cusumH(), 0, 1,
        config.trust().falseAlarmsPerHour(), config.loop().rateHz(), 0);
  }

  private static boolean[] wrapped(RobotConfig config) {
    boolean[] w = new boolean[config.state().size()];
    for (int i = 0; i < w.length; i++) w[i] = config.state().get(i).wrap();
    return w;
  }
}
