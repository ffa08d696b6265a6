/**
 * The embedded MQTT broker plugin (HiveMQ CE on loopback) for {@code foresight demo} and development:
 * {@link dev.foresight.runtime.broker.EmbeddedBroker.Provider} is found by the CLI as a
 * {@code LocalBroker.Provider} through ServiceLoader. Never on a robot's class path.
 */
package dev.foresight.runtime.broker;
