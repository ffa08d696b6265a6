package dev.foresight.config;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Optional;

/**
 * The MQTT link to operators. Credentials come from files or environment variables only, so a
 * config file never has to hold a secret.
 *
 * @param broker       {@code none}, {@code embedded}, or a URL: {@code tcp://}, {@code mqtt://},
 *                     {@code ssl://} or {@code mqtts://} host and port
 * @param rateHz       telemetry rate, decimated from the loop rate
 * @param clientId     MQTT client id; defaults to the robot id
 * @param username     user name (not a secret)
 * @param passwordFile file holding the password (first line), relative to the config file
 * @param passwordEnv  environment variable holding the password
 * @param tls          TLS settings for {@code ssl://} and {@code mqtts://} brokers
 * @param willDelayS   seconds the broker waits before publishing the offline will
 * @param allowEmbeddedBroker {@code broker: embedded} on real hardware (the embedded broker has no
 *                     authentication and dies with the robot, so it is for the demo and simulations;
 *                     elsewhere it needs this explicit opt-in)
 * @param batchS       seconds of telemetry per message on {@code telemetry/batch} (0: each sample on its own
 *                     on {@code telemetry}); for large fleets (docs/fleet.md)
 */
public record TelemetryConfig(
    @JsonPropertyDescription("none, embedded, or a broker URL: tcp://host:1883, mqtts://host:8883")
        String broker,
    @JsonPropertyDescription("Telemetry messages per second, decimated from the loop rate") Double rateHz,
    @JsonPropertyDescription("MQTT client id; defaults to the robot id") Optional<String> clientId,
    @JsonPropertyDescription("User name") Optional<String> username,
    @JsonPropertyDescription("File holding the password (first line), relative to this config file")
        Optional<String> passwordFile,
    @JsonPropertyDescription("Environment variable holding the password") Optional<String> passwordEnv,
    TlsConfig tls,
    @JsonPropertyDescription("Seconds the broker waits before publishing the offline will") Integer willDelayS,
    @JsonPropertyDescription("Allow broker: embedded outside hardware.platform: sim (no authentication; for benches only)")
        Boolean allowEmbeddedBroker,
    @JsonPropertyDescription("Seconds of telemetry samples per message on telemetry/batch; 0 sends each sample on "
        + "its own on telemetry") Double batchS) {

  /** Defaults: no broker, 10 Hz, TLS with hostname verification, 5 s will delay, no batching. */
  public static final TelemetryConfig DEFAULT = new TelemetryConfig(null, null, null, null, null, null, null, null, null,
      null);

  public TelemetryConfig {
    broker = broker != null ? broker : "none";
    rateHz = rateHz != null ? rateHz : 10.0;
    clientId = clientId != null ? clientId : Optional.empty();
    username = username != null ? username : Optional.empty();
    passwordFile = passwordFile != null ? passwordFile : Optional.empty();
    passwordEnv = passwordEnv != null ? passwordEnv : Optional.empty();
    tls = tls != null ? tls : TlsConfig.DEFAULT;
    willDelayS = willDelayS != null ? willDelayS : 5;
    allowEmbeddedBroker = allowEmbeddedBroker != null ? allowEmbeddedBroker : false;
    batchS = batchS != null ? batchS : 0.0;
  }

  /** TLS files and checks. Paths are relative to the config file. */
  public record TlsConfig(
      @JsonPropertyDescription("CA certificate (PEM) to trust; absent means the system trust store")
          Optional<String> caFile,
      @JsonPropertyDescription("Client certificate (PEM) for certificate authentication") Optional<String> certFile,
      @JsonPropertyDescription("Client private key (PEM) for certificate authentication") Optional<String> keyFile,
      @JsonPropertyDescription("Check the broker's host name against its certificate") Boolean verifyHostname) {

    /** Defaults: system trust store, no client certificate, hostname verification on. */
    public static final TlsConfig DEFAULT = new TlsConfig(null, null, null, null);

    public TlsConfig {
      caFile = caFile != null ? caFile : Optional.empty();
      certFile = certFile != null ? certFile : Optional.empty();
      keyFile = keyFile != null ? keyFile : Optional.empty();
      verifyHostname = verifyHostname != null ? verifyHostname : true;
    }
  }
}
