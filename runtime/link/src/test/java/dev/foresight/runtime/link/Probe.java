package dev.foresight.runtime.link;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An operator's MQTT client for tests: subscribes, records what arrives, sends commands. */
public final class Probe implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final LinkedBlockingQueue<MqttTransport.Message> received = new LinkedBlockingQueue<>();
  final MqttTransport mqtt;

  public Probe(String url, String clientId) throws LinkException {
    this(new MqttTransport.Options(url, clientId, Optional.empty(), Optional.empty(), null, true, Optional.empty(),
        600, 5));
  }

  public Probe(MqttTransport.Options options) throws LinkException {
    mqtt = new PahoTransport(options, new MqttTransport.Listener() {
      @Override
      public void onMessage(MqttTransport.Message message) {
        received.add(message);
      }

      @Override
      public void onConnectionLost(String reason) {}
    });
  }

  public Probe connect(String... filters) throws LinkException {
    mqtt.connect(5_000);
    for (String f : filters) mqtt.subscribe(f, 1, 5_000);
    return this;
  }

  /** The first message (from now on) whose topic matches, within the timeout. */
  public MqttTransport.Message await(Predicate<MqttTransport.Message> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new AssertionError("no matching message within " + timeout);
      MqttTransport.Message m = received.poll(left, TimeUnit.NANOSECONDS);
      if (m != null && match.test(m)) return m;
    }
  }

  /** The JSON of the first message on {@code topic}. */
  public JsonNode awaitJson(String topic, Duration timeout) throws InterruptedException {
    return json(await(m -> m.topic().equals(topic), timeout));
  }

  /** Every message received within {@code window} on {@code topic}. */
  public List<MqttTransport.Message> collect(String topic, Duration window) throws InterruptedException {
    List<MqttTransport.Message> out = new ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      MqttTransport.Message m = received.poll(left, TimeUnit.NANOSECONDS);
      if (m != null && m.topic().equals(topic)) out.add(m);
    }
    return out;
  }

  /** Sends {@code json} to {@code topic} asking for the reply on {@code replyTopic}; returns the reply's JSON. */
  public JsonNode request(String topic, String json, String replyTopic) throws Exception {
    byte[] correlation = ("c-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    mqtt.publishRequest(topic, json.getBytes(StandardCharsets.UTF_8), replyTopic, correlation, 5_000);
    MqttTransport.Message reply = await(m -> m.topic().equals(replyTopic)
        && m.correlationData().map(c -> java.util.Arrays.equals(c, correlation)).orElse(false), Duration.ofSeconds(10));
    return json(reply);
  }

  /** As {@link #request(String, String, String)}, with MQTT 5 user properties (e.g. a signature). */
  public JsonNode request(String topic, String json, String replyTopic, List<MqttTransport.Property> properties)
      throws Exception {
    return request(topic, json.getBytes(StandardCharsets.UTF_8), replyTopic, properties);
  }

  /** As {@link #request(String, String, String)}, with exact payload bytes and MQTT 5 user properties. */
  public JsonNode request(String topic, byte[] payload, String replyTopic, List<MqttTransport.Property> properties)
      throws Exception {
    byte[] correlation = ("c-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    mqtt.publishRequest(topic, payload, 1, replyTopic, correlation, properties, 5_000);
    MqttTransport.Message reply = await(m -> m.topic().equals(replyTopic)
        && m.correlationData().map(c -> java.util.Arrays.equals(c, correlation)).orElse(false), Duration.ofSeconds(10));
    return json(reply);
  }

  public static JsonNode json(MqttTransport.Message m) {
    return JSON.readTree(m.payload());
  }

  @Override
  public void close() {
    mqtt.disconnect(1_000);
    mqtt.close();
  }
}
