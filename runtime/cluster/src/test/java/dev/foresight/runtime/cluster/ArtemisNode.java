package dev.foresight.runtime.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.core.config.ClusterConnectionConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.cluster.ClusterConnection;
import org.apache.activemq.artemis.core.server.cluster.impl.MessageLoadBalancingType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * One node of an Apache ActiveMQ Artemis cluster in a JVM of its own (what {@link ArtemisCluster}
 * starts, three times): an MQTT acceptor for clients, a core acceptor for the other nodes, and a
 * cluster connection to them over static connectors, with on-demand message load balancing (a
 * message crosses to a node only when a subscriber there matches) and redistribution at once (a
 * shared subscription's messages follow its consumers when they move). Nothing is persisted: the
 * nodes are for tests and benchmarks on loopback. Prints {@code READY} once it sees every peer in
 * the cluster's topology, then runs until killed or until standard input closes.
 *
 * <pre>
 * java -cp ... dev.foresight.runtime.cluster.ArtemisNode NAME DIR MQTT_PORT CORE_PORT PEER_CORE_PORT...
 * </pre>
 */
public final class ArtemisNode {

  static final String CLUSTER = "foresight-fleet";

  private ArtemisNode() {}

  /** Starts the node; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println("usage: ArtemisNode NAME DIR MQTT_PORT CORE_PORT [PEER_CORE_PORT...]");
      System.exit(2);
    }
    String name = args[0];
    Path dir = Files.createDirectories(Path.of(args[1]));
    int mqttPort = Integer.parseInt(args[2]);
    int corePort = Integer.parseInt(args[3]);
    ConfigurationImpl config = new ConfigurationImpl();
    config.setName(name);
    config.setPersistenceEnabled(false);
    config.setSecurityEnabled(false);
    config.setJMXManagementEnabled(false);
    config.setJournalDirectory(dir.resolve("journal").toString());
    config.setBindingsDirectory(dir.resolve("bindings").toString());
    config.setPagingDirectory(dir.resolve("paging").toString());
    config.setLargeMessagesDirectory(dir.resolve("large").toString());
    config.setClusterUser("foresight-cluster");
    config.setClusterPassword("loopback-only");
    config.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + mqttPort + "?protocols=MQTT");
    config.addAcceptorConfiguration("core", "tcp://127.0.0.1:" + corePort + "?protocols=CORE");
    config.addConnectorConfiguration("self", "tcp://127.0.0.1:" + corePort);
    List<String> peers = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      String peer = "peer-" + args[i];
      config.addConnectorConfiguration(peer, "tcp://127.0.0.1:" + args[i]);
      peers.add(peer);
    }
    config.addClusterConfiguration(new ClusterConnectionConfiguration()
        .setName(CLUSTER)
        .setAddress("")
        .setConnectorName("self")
        .setStaticConnectors(peers)
        .setMessageLoadBalancingType(MessageLoadBalancingType.ON_DEMAND)
        .setMaxHops(1)
        .setRetryInterval(250)
        .setRetryIntervalMultiplier(1.0)
        .setReconnectAttempts(-1)
        .setInitialConnectAttempts(-1)
        // A killed peer is noticed within about a second (not the default 30 s).
        .setClientFailureCheckPeriod(500)
        .setConnectionTTL(1_500)
        .setCallTimeout(5_000));
    config.addAddressSetting("#", new AddressSettings().setRedistributionDelay(0));
    EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    server.setConfiguration(config);
    server.start();
    ClusterConnection cluster = server.getActiveMQServer().getClusterManager().getClusterConnection(CLUSTER);
    while (cluster.getTopology().getMembers().size() < peers.size() + 1) Thread.sleep(50);
    System.out.println("READY " + name + " mqtt " + mqttPort);
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // run until the parent closes our standard input (or kills us)
      }
    } catch (IOException e) {
      // parent gone
    }
    // Nothing is persisted, so there is nothing to stop in order; an orderly stop can wait on
    // bridges to peers that are already gone.
    Runtime.getRuntime().halt(0);
  }
}
