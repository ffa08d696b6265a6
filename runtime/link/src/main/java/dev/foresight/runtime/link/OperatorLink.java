package dev.foresight.runtime.link;

import dev.foresight.config.ModelConfig;
import dev.foresight.config.RobotConfig;
import dev.foresight.runtime.Robot;
import dev.foresight.runtime.agent.Agent;
import dev.foresight.runtime.agent.AgentRunner;
import dev.foresight.runtime.agent.PeriodicIdleStrategy;
import dev.foresight.runtime.handoff.SpscRing;
import dev.foresight.runtime.loop.TickFrame;
import dev.foresight.runtime.safety.LinkHealth;
import dev.foresight.runtime.safety.Mode;
import dev.foresight.runtime.time.Clock;
import dev.foresight.runtime.time.SystemClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The MQTT link to operators: one network thread ({@code foresight-mqtt}, an agent cycling
 * every 5 ms of real time) that connects (and reconnects, with jittered backoff), announces the robot with a retained {@code status} birth and an {@code offline} last
 * will, publishes telemetry, events, plans and metrics, and acknowledges commands. The control
 * thread only touches non-blocking queues (a {@link dev.foresight.runtime.loop.TickHook} and a publish tap); nothing the network does
 * (or fails to do) can make a tick wait.
 *
 * <pre>{@code
 * LinkSettings settings = LinkSettings.resolve(loaded, "tcp://localhost:1883", System.getenv());
 * try (OperatorLink link = OperatorLink.attach(robot, settings, version)) {
 *   link.start();
 *   robot.runner().start(Long.MAX_VALUE);
 *   ...
 * }   // publishes status offline and disconnects
 * }</pre>
 */
public final class OperatorLink implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorLink.class);

  static final long CYCLE_NS = TimeUnit.MILLISECONDS.toNanos(5);
  static final long METRICS_PERIOD_NS = TimeUnit.SECONDS.toNanos(1);
  static final long CONNECT_TIMEOUT_MS = 5_000;
  static final long ACK_TIMEOUT_MS = 5_000;
  static final int SAMPLES_PER_CYCLE = 64;
  static final int EVENTS_PER_CYCLE = 32;
  /**
   * The e-stop's own MQTT connection ({@code <client id>-estop}), subscribed to {@code cmd/estop}
   * alone. On the main connection an e-stop queues behind every message sent before it, in the
   * broker's outgoing queue, the TCP stream and the client's single callback thread; a flood of
   * other commands (10,000/s) kept it waiting 24..380 ms. On its own connection nothing is ahead of
   * it. The main connection still receives it too (cmd/#), so an e-stop lands while this one is
   * down; the second copy is dropped by {@link CommandIntake}.
   */
  static final String ESTOP_CLIENT_SUFFIX = "-estop";
  static final long ESTOP_CONNECT_TIMEOUT_MS = 2_000;
  static final long ESTOP_RETRY_NS = TimeUnit.SECONDS.toNanos(1);
  /** Samples in one {@code telemetry/batch} message at most (a batch is sent early when it is full). */
  static final int MAX_BATCH = 1000;

  private final RobotConfig config;
  private final String configHash;
  private final String version;
  private final String controllerName;
  private final Clock clock;
  private final Topics topics;
  private final LinkSettings settings;
  private final MqttTransport transport;
  /** The e-stop's own connection (see {@link #ESTOP_CLIENT_SUFFIX}). */
  private final MqttTransport estopTransport;
  private final String estopTopic;
  private final CommandIntake intake;
  private final TelemetryTap tap;
  private final SpscRing<CommandSlot> done;
  private final Acks acks;
  private final ReplayWindow replayWindow;
  private final EventQueue linkEvents;
  private final List<EventSource> eventSources = new ArrayList<>();
  private final Outbox outbox = new Outbox(1024);
  private final ArrayDeque<Acks.Ack> unsentAcks = new ArrayDeque<>();
  private volatile MetricsSource metrics;
  private final long batchNs;
  private final String batchTopic;
  private tools.jackson.databind.node.ArrayNode batch;
  private long batchStartNs;
  private final Optional<ModelErrorWatch> modelError;
  private boolean modelErrorFailed;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Backoff backoff;
  private final java.util.function.Supplier<Mode> mode;
  private final LinkHealth health;
  private final String heartbeatTopic;

  private final AtomicLong telemetrySent = new AtomicLong();
  private final AtomicLong telemetryOffline = new AtomicLong();
  private final AtomicLong publishFailures = new AtomicLong();
  private final AtomicLong connects = new AtomicLong();
  private final AtomicLong eventsSent = new AtomicLong();
  private final AtomicLong commandsAccepted = new AtomicLong();
  private final AtomicLong commandsRejected = new AtomicLong();
  private final AtomicLong heartbeatsStale = new AtomicLong();
  private final AtomicLong heartbeatsUnsigned = new AtomicLong();
  private final AtomicLong estopConnects = new AtomicLong();
  private volatile String state = "starting";
  private volatile String lastProblem = "";

  private boolean wasConnected;
  private long nextAttemptNs;
  private long offlineSinceNs;
  private long nextMetricsNs;
  private long nextEstopAttemptNs;
  private String estopProblem = "";
  private Mode announcedMode;
  private final AgentRunner runner;

  private OperatorLink(Robot robot, LinkSettings settings, String version, TransportFactory transports)
      throws LinkException {
    this.config = robot.config();
    this.configHash = robot.loaded().sha256();
    this.version = version;
    this.controllerName = robot.controller().name();
    this.clock = robot.clock();
    this.settings = settings;
    this.topics = Topics.of(config.robot().id());
    this.backoff = new Backoff(TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.SECONDS.toNanos(30),
        settings.clientId().hashCode());
    this.mode = robot.safety()::mode;
    // From here on the robot has an operator link, and no link is the link_lost fault.
    this.health = robot.safety().link();
    this.heartbeatTopic = Topics.root(config.robot().id()) + "cmd/heartbeat";
    health.attached(clock.nanoTime());
    this.tap = new TelemetryTap(robot.loop(), config.loop().rateHz(), settings.rateHz(), 256);
    this.batchNs = Math.round(settings.batchS() * 1e9);
    this.batchTopic = topics.telemetry() + "/batch";
    SpscRing<CommandSlot> inbox = new SpscRing<>(16, CommandSlot::new);
    this.done = new SpscRing<>(16, CommandSlot::new);
    this.acks = new Acks();
    this.linkEvents = new EventQueue(1024);
    CommandExecutor executor = new CommandExecutor(robot.safety(), robot.controller(), robot.loop().adjustments(), inbox,
        done);
    this.replayWindow = settings.auth().openWindow();
    this.intake = new CommandIntake(config.robot().id(), new CommandDecoder(config, robot.controller()),
        robot.safety(), clock, inbox, robot.runner()::running, linkEvents, acks, settings.auth(), replayWindow);
    // The link's own events (an e-stop command received) go before the mode change they cause.
    this.eventSources.add(linkEvents);
    this.eventSources.add(new SafetyEvents(robot.events(), robot.safety(), clock));
    this.modelError = ModelErrorWatch.attach(robot);
    this.metrics = new LoopMetricsSource(robot.loop().metrics(), clock,
        modelError.<Supplier<Map<String, Double>>>map(w -> w::take).orElse(Map::of));
    byte[] will = bytes(json.createObjectNode().put("state", "offline"));
    this.transport = transport(transports, new MqttTransport.Options(settings.serverUri(), settings.clientId(),
        settings.username(), settings.password(), settings.tls(), settings.verifyHostname(),
        Optional.of(new MqttTransport.Will(topics.status(), will, 1, true, settings.willDelayS())),
        Math.max(settings.willDelayS(), 1), 10), intake);
    this.estopTopic = Topics.root(config.robot().id()) + "cmd/estop";
    this.estopTransport = estopTransport(transports, new MqttTransport.Options(settings.serverUri(),
        settings.clientId() + ESTOP_CLIENT_SUFFIX, settings.username(), settings.password(), settings.tls(),
        settings.verifyHostname(), Optional.empty(), 0, 10), intake);
    robot.loop().hook(executor::beforeTick);
    // Network time is real time whatever the loop's clock: reconnect delays and the metrics period
    // are for the broker and the operators, who live in real time (a stepped loop clock may stand
    // still or race ahead).
    this.runner = AgentRunner.builder(new NetworkAgent())
        .clock(new SystemClock())
        .idle(new PeriodicIdleStrategy(CYCLE_NS))
        .errorHandler(e -> LOG.warn("MQTT link cycle failed: {}", e.toString()))
        .closeTimeoutMs(2_000)
        .build();
  }

  /** The transport delivering to {@code intake}; on failure the replay window is released (its folder lock). */
  private MqttTransport transport(TransportFactory transports, MqttTransport.Options options, CommandIntake intake)
      throws LinkException {
    try {
      return transports.create(options, new MqttTransport.Listener() {
        @Override
        public void onMessage(MqttTransport.Message message) {
          try {
            if (message.topic().equals(heartbeatTopic)) {
              heartbeat(message);
              return;
            }
            intake.onMessage(message);
          } catch (RuntimeException e) {
            LOG.warn("command on {} failed: {}", message.topic(), e.toString());
          }
        }

        @Override
        public void onConnectionLost(String reason) {
          lastProblem = reason;
          health.disconnected(reason);   // at once: the network thread may be blocked in a publish
        }
      });
    } catch (LinkException | RuntimeException e) {
      replayWindow.close();
      throw e;
    }
  }

  /** The e-stop connection delivering to {@code intake}'s priority path; on failure everything made so far is released. */
  private MqttTransport estopTransport(TransportFactory transports, MqttTransport.Options options, CommandIntake intake)
      throws LinkException {
    try {
      return transports.create(options, new MqttTransport.Listener() {
        @Override
        public void onMessage(MqttTransport.Message message) {
          try {
            if (message.topic().equals(estopTopic)) intake.onPriorityEstop(message);
          } catch (RuntimeException e) {
            LOG.warn("e-stop on {} failed: {}", message.topic(), e.toString());
          }
        }

        @Override
        public void onConnectionLost(String reason) {
          estopProblem = reason;   // the main connection carries e-stops meanwhile
        }
      });
    } catch (LinkException | RuntimeException e) {
      transport.close();
      replayWindow.close();
      throw e;
    }
  }

  /**
   * An operator heartbeat ({@code cmd/heartbeat}, e.g. every 500 ms from {@code foresight monitor}):
   * fresh proof that an operator can reach the robot. One that says it is stale ({@code expires_at}
   * in the past: a heartbeat the broker kept for the robot's session while it was away) proves
   * nothing and is ignored. Where {@code link.require_signed_commands} is on, only a heartbeat
   * signed by an operator key counts (a forged one would otherwise keep a robot whose operators are
   * gone from its link_lost ladder); one that is not is ignored and counted. No acknowledgement.
   * Callback thread.
   */
  private void heartbeat(MqttTransport.Message message) {
    byte[] payload = message.payload();
    if (settings.auth().requireSigned()
        && settings.auth().check(message.topic(), payload, message.userProperties()).refusal() != null) {
      heartbeatsUnsigned.incrementAndGet();
      return;
    }
    long expiresAt = -1;
    try {
      tools.jackson.databind.JsonNode node = json.readTree(payload);
      if (node != null && node.path("expires_at").isNumber()) expiresAt = node.path("expires_at").longValue();
    } catch (RuntimeException notJson) {
      // A heartbeat is its arrival; a payload the robot cannot read still arrived.
    }
    if (expiresAt >= 0 && expiresAt < clock.epochMillis()) {
      heartbeatsStale.incrementAndGet();
      return;
    }
    health.heartbeat(clock.nanoTime());
  }

  /** Makes transports; tests may wrap the real one. */
  @FunctionalInterface
  public interface TransportFactory {
    /** A transport for these options delivering to this listener. */
    MqttTransport create(MqttTransport.Options options, MqttTransport.Listener listener) throws LinkException;
  }

  /**
   * Attaches a link to {@code robot}: hooks the loop (commands at tick start, telemetry at tick
   * end) and prepares the client. Nothing connects until {@link #start()}. Call before the loop starts.
   */
  public static OperatorLink attach(Robot robot, LinkSettings settings, String version) throws LinkException {
    return new OperatorLink(robot, settings, version, PahoTransport::new);
  }

  /** As {@link #attach(Robot, LinkSettings, String)} with a given transport factory. */
  public static OperatorLink attach(Robot robot, LinkSettings settings, String version, TransportFactory transports)
      throws LinkException {
    return new OperatorLink(robot, settings, version, transports);
  }

  /** Adds an event source (e.g. the loop's event log); before {@link #start()}. */
  public void addEventSource(EventSource source) {
    eventSources.add(source);
  }

  /** Replaces the metrics source (by default the loop's own metrics, with the world model's error when it has one). */
  public void metrics(MetricsSource source) {
    this.metrics = source;
  }

  /** Posts an event from outside the loop (e.g. the CLI's "stopping"). Never blocks. */
  public void post(LinkEvent event) {
    linkEvents.post(event);
  }

  /** Starts the network thread; it connects and keeps trying until {@link #close()}. */
  public void start() {
    runner.start();
  }

  /** The network thread's agent: one {@link #doWork} per cycle. */
  private final class NetworkAgent implements Agent {
    @Override
    public int doWork(long nowNs) {
      return OperatorLink.this.doWork(nowNs);
    }

    @Override
    public String roleName() {
      return "foresight-mqtt";
    }
  }

  /**
   * One cycle of the network thread at {@code nowNs} (real time): events and outcomes collected,
   * then either a connection attempt when one is due, or everything pending published.
   *
   * @return work done: 1 when connected, 0 while offline
   */
  int doWork(long nowNs) {
    collectEvents();
    collectDone();
    watchModel();
    if (!transport.connected()) {
      if (wasConnected) {
        wasConnected = false;
        health.disconnected(lastProblem);
        offlineSinceNs = nowNs;
        state = "offline";
        LOG.warn("MQTT link to {} lost ({}); reconnecting", settings.displayUrl(), lastProblem);
      }
      discardSamples();
      if (nowNs >= nextAttemptNs) connect(nowNs);
      return 0;
    }
    if (!estopTransport.connected() && nowNs >= nextEstopAttemptNs) connectEstop(nowNs);
    try {
      publishEvents();
      publishAcks();
      publishTelemetry(nowNs);
      if (mode.get() != announcedMode) publishStatus("online");
      if (nowNs >= nextMetricsNs) {
        nextMetricsNs = nowNs + METRICS_PERIOD_NS;
        publishMetrics();
      }
    } catch (LinkException e) {
      publishFailures.incrementAndGet();
      lastProblem = e.getMessage();
      if (!transport.connected()) return 0;   // handled as a lost connection next cycle
      LOG.debug("MQTT publish failed: {}", e.getMessage());
    }
    return 1;
  }

  private void connect(long nowNs) {
    try {
      transport.connect(CONNECT_TIMEOUT_MS);
      transport.subscribe(topics.commands(), 1, ACK_TIMEOUT_MS);
      announcedMode = null;
      publishStatus("online");
    } catch (LinkException e) {
      long delay = backoff.nextNs();
      nextAttemptNs = nowNs + delay;
      boolean news = !e.getMessage().equals(lastProblem);
      lastProblem = e.getMessage();
      state = e.refused() ? "refused" : "offline";
      health.disconnected(e.getMessage());
      if (e.refused()) {
        if (news) LOG.warn("MQTT broker {} refused this robot: {}; check telemetry.username and the password "
            + "(docs/security.md); retrying every {} s at most", settings.displayUrl(), e.getMessage(), 30);
      } else if (news) {
        LOG.info("MQTT broker {} not reachable ({}); retrying in {} ms", settings.displayUrl(), e.getMessage(),
            delay / 1_000_000);
      }
      transport.disconnect(100);
      return;
    }
    backoff.reset();
    long n = connects.incrementAndGet();
    wasConnected = true;
    state = "online";
    lastProblem = "";
    health.connected(clock.nanoTime());
    if (n == 1) {
      LOG.debug("MQTT link up: {} as {}", settings.displayUrl(), settings.clientId());
    } else {
      double offlineS = (nowNs - offlineSinceNs) * 1e-9;
      LOG.info("MQTT link back after {} s offline; {} events to deliver", String.format("%.1f", offlineS),
          outbox.size());
      linkEvents.post(new LinkEvent(clock.epochMillis(), "info", String.format(java.util.Locale.ROOT,
          "link restored after %.1f s offline", offlineS), "", mode.get().id()));
    }
  }

  /**
   * Brings up the e-stop connection while the main one is up (so it adds no attempts of its own
   * against a broker that is down). A failure is logged once per new reason and retried every second.
   */
  private void connectEstop(long nowNs) {
    try {
      estopTransport.connect(ESTOP_CONNECT_TIMEOUT_MS);
      estopTransport.subscribe(estopTopic, 1, ACK_TIMEOUT_MS);
    } catch (LinkException e) {
      nextEstopAttemptNs = nowNs + ESTOP_RETRY_NS;
      if (!e.getMessage().equals(estopProblem)) {
        LOG.warn("MQTT e-stop connection to {} failed ({}); e-stops come over the main connection meanwhile, "
            + "behind other commands; retrying every second", settings.displayUrl(), e.getMessage());
      }
      estopProblem = e.getMessage();
      estopTransport.disconnect(100);
      return;
    }
    estopConnects.incrementAndGet();
    estopProblem = "";
  }

  private void collectEvents() {
    for (EventSource source : eventSources) {
      try {
        source.drain(outbox::add, EVENTS_PER_CYCLE);
      } catch (RuntimeException e) {
        LOG.warn("event source failed: {}", e.toString());
      }
    }
  }

  private void collectDone() {
    for (CommandSlot s; (s = done.peek()) != null; ) {
      Command c = s.command;
      String status = s.accepted ? "accepted" : "rejected";
      String reason = s.reason;
      String modeAfter = s.modeAfter.id();
      s.clear();
      done.release();
      acks.outcome(c.id(), status);
      queueAck(new Acks.Ack(c.id(), c.kind().id(), status, reason, modeAfter, c.reply(), clock.epochMillis()));
    }
    for (Acks.Ack a; (a = acks.poll()) != null; ) queueAck(a);
  }

  private void queueAck(Acks.Ack ack) {
    if (ack.status().equals("accepted")) commandsAccepted.incrementAndGet();
    else commandsRejected.incrementAndGet();
    if (unsentAcks.size() >= 256) unsentAcks.pollFirst();
    unsentAcks.addLast(ack);
  }

  private void discardSamples() {
    if (batch != null && !batch.isEmpty()) {
      telemetryOffline.addAndGet(batch.size());   // the batch being gathered is live data too
      batch.removeAll();
    }
    while (tap.drain(frame -> telemetryOffline.incrementAndGet(), SAMPLES_PER_CYCLE) > 0) {
      // drained while offline: telemetry is live data, not worth buffering
    }
  }

  /** The world model's one-step error over the ticks since the last cycle (for {@code metrics}). */
  private void watchModel() {
    if (modelError.isEmpty() || modelErrorFailed) return;
    try {
      modelError.get().drain();
    } catch (RuntimeException e) {
      modelErrorFailed = true;   // once: a model that fails here fails every tick
      LOG.warn("model error is no longer published: reading the loop's predictions failed ({})", e.toString());
    }
  }

  private void publishEvents() throws LinkException {
    for (int n = 0; n < EVENTS_PER_CYCLE && outbox.head() != null; n++) {
      Outbox.Numbered e = outbox.head();
      ObjectNode o = json.createObjectNode();
      o.put("ts", e.event().epochMs());
      o.put("seq", e.seq());
      o.put("severity", e.event().severity());
      o.put("cause", e.event().cause());
      o.put("reaction", e.event().reaction());
      o.put("mode", e.event().mode());
      try {
        transport.publish(topics.events(), bytes(o), 1, false, null, ACK_TIMEOUT_MS);
      } catch (LinkException refused) {
        if (!refused.refused()) throw refused;
        LOG.warn("broker refused event {}: {}", e.seq(), refused.getMessage());
      }
      outbox.removeHead();
      eventsSent.incrementAndGet();
    }
  }

  private void publishAcks() throws LinkException {
    for (Acks.Ack a; (a = unsentAcks.peekFirst()) != null; ) {
      ObjectNode o = json.createObjectNode();
      if (a.id() != null) o.put("id", a.id());
      else o.putNull("id");
      o.put("command", a.command());
      o.put("status", a.status());
      if (!a.reason().isEmpty()) o.put(a.status().equals("accepted") ? "note" : "reason", a.reason());
      o.put("mode", a.mode());
      o.put("ts", a.epochMs());
      try {
        transport.publish(a.reply().topic(), bytes(o), 1, false, a.reply().correlationData(), ACK_TIMEOUT_MS);
      } catch (LinkException refused) {
        if (!refused.refused()) throw refused;
        LOG.warn("broker refused the acknowledgement on {}: {}", a.reply().topic(), refused.getMessage());
      }
      unsentAcks.pollFirst();
    }
  }

  /**
   * Publishes the samples the loop handed over: each on {@code telemetry}, or, with batching, gathered
   * into one {@code telemetry/batch} message per {@code batch_s} ({@code {"ts", "robot", "count",
   * "samples": [...]}}, each sample as on {@code telemetry}).
   */
  private void publishTelemetry(long nowNs) throws LinkException {
    if (batchNs > 0) {
      publishBatch(nowNs);
      return;
    }
    List<String> stateNames = config.stateNames();
    List<String> actionNames = config.actionNames();
    LinkException[] failed = new LinkException[1];
    tap.drain(frame -> {
      if (failed[0] != null) return;   // the connection broke: the rest of this batch is lost (QoS 0)
      ObjectNode o = sample(frame, stateNames, actionNames);
      try {
        transport.publish(topics.telemetry(), bytes(o), 0, false, null, 0);
        telemetrySent.incrementAndGet();
        if (frame.plan.length > 0) transport.publish(topics.plan(), bytes(plan(frame, actionNames)), 0, false, null, 0);
      } catch (LinkException e) {
        failed[0] = e;
      }
    }, SAMPLES_PER_CYCLE);
    if (failed[0] != null) throw failed[0];
  }

  private void publishBatch(long nowNs) throws LinkException {
    if (batch == null) batch = json.createArrayNode();
    List<String> stateNames = config.stateNames();
    List<String> actionNames = config.actionNames();
    tap.drain(frame -> {
      if (batch.isEmpty()) batchStartNs = nowNs;
      batch.add(sample(frame, stateNames, actionNames));
    }, SAMPLES_PER_CYCLE);
    if (batch.isEmpty() || (nowNs - batchStartNs < batchNs && batch.size() < MAX_BATCH)) return;
    ObjectNode o = json.createObjectNode();
    o.put("ts", batch.get(batch.size() - 1).path("ts").asLong());
    o.put("robot", config.robot().id());
    o.put("count", batch.size());
    o.set("samples", batch);
    int n = batch.size();
    byte[] payload = bytes(o);
    batch = json.createArrayNode();
    transport.publish(batchTopic, payload, 0, false, null, 0);
    telemetrySent.addAndGet(n);
  }

  private ObjectNode sample(TickFrame frame, List<String> stateNames, List<String> actionNames) {
    ObjectNode o = json.createObjectNode();
    o.put("ts", frame.epochMs);
    o.put("tick", frame.tick);
    for (int i = 0; i < stateNames.size(); i++) number(o, stateNames.get(i), frame.state[i]);
    for (int i = 0; i < actionNames.size(); i++) number(o, actionNames.get(i), frame.applied[i]);
    // The world model's one-step prediction of this tick's state (made at the tick before), for
    // predicted-versus-actual plots; absent without a model.
    if (frame.predictionValid) {
      for (int i = 0; i < stateNames.size(); i++) number(o, "predicted." + stateNames.get(i), frame.predicted[i]);
    }
    number(o, "cost", frame.cost);
    o.put("mode", frame.mode.id());
    if (!frame.controllerPhase.isEmpty()) o.put("phase", frame.controllerPhase);
    return o;
  }

  private void publishStatus(String online) throws LinkException {
    Mode now = mode.get();
    transport.publish(topics.status(), bytes(status(online, now)), 1, true, null, ACK_TIMEOUT_MS);
    announcedMode = now;
  }

  private ObjectNode status(String online, Mode now) {
    ObjectNode o = json.createObjectNode();
    o.put("state", online);
    o.put("robot", config.robot().id());
    o.put("version", version);
    o.put("config_hash", configHash);
    Optional<String> model = config.model().map(ModelConfig::file);
    if (model.isPresent()) o.put("model", model.get());
    else o.putNull("model");
    o.put("controller", controllerName);
    o.put("mode", now.id());
    o.put("loop_hz", config.loop().rateHz());
    o.put("telemetry_hz", config.loop().rateHz() / (double) tap.decimation());
    // Which telemetry keys are state and which are actions, so a dashboard can plot them apart.
    config.stateNames().forEach(o.putArray("states")::add);
    config.actionNames().forEach(o.putArray("actions")::add);
    if (batchNs > 0) o.put("telemetry_batch_s", batchNs * 1e-9);
    o.put("ts", clock.epochMillis());
    return o;
  }

  private void publishMetrics() throws LinkException {
    MetricsSource.LoopMetrics m = metrics.sample();
    ObjectNode o = json.createObjectNode();
    o.put("ts", clock.epochMillis());
    o.put("ticks", m.ticks());
    number(o, "rate_hz", m.rateHz());
    o.put("jitter_p50_us", m.jitterP50Us());
    o.put("jitter_p99_us", m.jitterP99Us());
    o.put("jitter_max_us", m.jitterMaxUs());
    o.put("tick_p99_us", m.tickP99Us());
    o.put("overruns", m.overruns());
    o.put("faults", m.faults());
    for (Map.Entry<String, Double> e : m.extras().entrySet()) number(o, e.getKey(), e.getValue());
    o.put("telemetry_sent", telemetrySent.get());
    o.put("telemetry_dropped", tap.drops());
    o.put("telemetry_offline", telemetryOffline.get());
    o.put("events_pending", outbox.size());
    o.put("events_dropped", outbox.dropped() + linkEvents.drops());
    o.put("commands_accepted", commandsAccepted.get());
    o.put("commands_rejected", commandsRejected.get());
    o.put("reconnects", Math.max(0, connects.get() - 1));
    transport.publish(topics.metrics(), bytes(o), 0, false, null, 0);
  }

  /** The plan in use at a telemetry sample: one array per action, step 0 first. */
  private ObjectNode plan(TickFrame frame, List<String> actionNames) {
    ObjectNode o = json.createObjectNode();
    o.put("ts", frame.epochMs);
    o.put("tick", frame.tick);
    o.put("age_ticks", frame.planAgeTicks);
    o.put("step_s", config.loop().periodNs() * 1e-9);
    int width = actionNames.size();
    int horizon = frame.plan.length / width;
    o.put("horizon", horizon);
    for (int a = 0; a < width; a++) {
      var array = o.putArray(actionNames.get(a));
      for (int k = 0; k < horizon; k++) array.add((float) frame.plan[k * width + a]);   // float: what the planner computes
    }
    return o;
  }

  private static void number(ObjectNode o, String name, double value) {
    if (Double.isFinite(value)) o.put(name, value);
    else o.putNull(name);
  }

  private byte[] bytes(ObjectNode o) {
    return json.writeValueAsBytes(o);
  }

  /** {@code online}, {@code offline}, {@code refused} (credentials or rights) or {@code starting}. */
  public String state() {
    return state;
  }

  /** The last connection problem, or empty. */
  public String lastProblem() {
    return lastProblem;
  }

  /** Telemetry samples published. */
  public long telemetrySent() {
    return telemetrySent.get();
  }

  /** Telemetry samples dropped because the hand-off ring was full. */
  public long telemetryDropped() {
    return tap.drops();
  }

  /** Successful connections (the first one included). */
  public long connects() {
    return connects.get();
  }

  /** Events delivered to the broker. */
  public long eventsSent() {
    return eventsSent.get();
  }

  /** Commands acknowledged {@code accepted}. */
  public long commandsAccepted() {
    return commandsAccepted.get();
  }

  /** Commands acknowledged otherwise: rejected (signature, expiry, replay, decoding, a full queue) or ignored (duplicate). */
  public long commandsRejected() {
    return commandsRejected.get();
  }

  /** Whether the e-stop's own connection is up. */
  public boolean estopConnected() {
    return estopTransport.connected();
  }

  /** E-stops that arrived on both connections and were acted on once (the second copy dropped). */
  public long estopCopiesDropped() {
    return intake.estopCopies();
  }

  /** E-stops acted on as they came over the e-stop's own connection (rather than the main one). */
  public long estopsByOwnConnection() {
    return intake.estopsFirstOnPriority();
  }

  /** Successful connections of the e-stop's own connection. */
  public long estopConnects() {
    return estopConnects.get();
  }

  /** Operator heartbeats ignored because they said they were stale. */
  public long heartbeatsStale() {
    return heartbeatsStale.get();
  }

  /** Operator heartbeats ignored because this robot requires signatures and they had no valid one. */
  public long heartbeatsUnsigned() {
    return heartbeatsUnsigned.get();
  }

  /** Events dropped: the oldest, when more than the outbox holds piled up while offline. */
  public long eventsDropped() {
    return outbox.dropped() + linkEvents.drops();
  }

  /** Telemetry samples discarded while offline (old samples are worthless to an operator). */
  public long telemetryOffline() {
    return telemetryOffline.get();
  }

  /** Events waiting for the broker. */
  public int eventsPending() {
    return outbox.size();
  }

  /** Command ids the replay window holds (for tests). */
  int replayWindowSize() {
    return replayWindow.size();
  }

  /** The control thread's side of telemetry (for tests and benchmarks). */
  public TelemetryTap tap() {
    return tap;
  }

  /**
   * Stops the network thread, delivers what it can within a second (pending events, an
   * {@code offline} status), and disconnects cleanly so the broker discards the will.
   */
  @Override
  public void close() {
    runner.close();
    health.disconnected("link closed");
    if (transport.connected()) {
      try {
        collectEvents();
        collectDone();
        publishEvents();
        publishAcks();
        transport.publish(topics.status(), bytes(status("offline", mode.get())), 1, true, null, 1_000);
      } catch (LinkException | RuntimeException e) {
        LOG.debug("final MQTT messages not delivered: {}", e.toString());
      }
      transport.disconnect(1_000);
    }
    estopTransport.disconnect(500);
    estopTransport.close();
    transport.close();
    replayWindow.close();
    modelError.ifPresent(ModelErrorWatch::close);
    state = "closed";
  }
}
