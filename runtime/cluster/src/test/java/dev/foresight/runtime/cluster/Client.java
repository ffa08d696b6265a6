package dev.foresight.runtime.cluster;

import dev.foresight.runtime.link.LinkException;
import dev.foresight.runtime.link.MqttTransport;
import dev.foresight.runtime.link.PahoTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An MQTT 5 client of one cluster node that keeps every message it receives (an operator or an ingester). */
final class Client implements AutoCloseable {

  static final JsonMapper JSON = JsonMapper.builder().build();

  final String name;
  final List<MqttTransport.Message> received = new CopyOnWriteArrayList<>();
  final MqttTransport mqtt;

  Client(String url, String clientId) throws LinkException {
    this.name = clientId;
    mqtt = new PahoTransport(new MqttTransport.Options(url, clientId, Optional.empty(), Optional.empty(), null, true,
        Optional.empty(), 0, 5), new MqttTransport.Listener() {
          @Override
          public void onMessage(MqttTransport.Message message) {
            received.add(message);
          }

          @Override
          public void onConnectionLost(String reason) {}
        });
  }

  Client connect(String... filters) throws LinkException {
    mqtt.connect(10_000);
    for (String f : filters) mqtt.subscribe(f, 1, 10_000);
    return this;
  }

  /** Messages so far whose topic ends with {@code leaf}. */
  List<JsonNode> on(String leaf) {
    List<JsonNode> out = new ArrayList<>();
    for (MqttTransport.Message m : received) if (m.topic().endsWith(leaf)) out.add(JSON.readTree(m.payload()));
    return out;
  }

  /** Waits for a message matching {@code match} among those received so far and later. */
  JsonNode await(String leaf, Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode n : on(leaf)) if (match.test(n)) return n;
      Thread.sleep(20);
    }
    throw new AssertionError(name + ": no message on ..." + leaf + " matching within " + timeout + "; got " + on(leaf));
  }

  /** Sends a command with an MQTT 5 response topic and returns the reply carrying our correlation data. */
  JsonNode request(String topic, String json, String replyTopic, Duration timeout) throws Exception {
    byte[] correlation = ("c-" + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    mqtt.publishRequest(topic, json.getBytes(StandardCharsets.UTF_8), replyTopic, correlation, 10_000);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (MqttTransport.Message m : received) {
        if (m.topic().equals(replyTopic) && m.correlationData().map(c -> java.util.Arrays.equals(c, correlation))
            .orElse(false)) {
          return JSON.readTree(m.payload());
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError(name + ": no reply to " + topic + " on " + replyTopic + " within " + timeout);
  }

  @Override
  public void close() {
    mqtt.disconnect(1_000);
    mqtt.close();
  }
}
