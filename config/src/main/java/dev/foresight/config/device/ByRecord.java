package dev.foresight.config.device;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The providers of one service on the class path, one per device record: how the config finds a
 * device's {@link DeviceType}, the drivers its {@code DriverFactory} and the simulator its
 * {@code EmulationFactory}. Loaded with {@link ServiceLoader} and the service's own class loader
 * (a robot's device types live on its class path, not in a plugin folder), in class-path order.
 *
 * <pre>{@code
 * ByRecord<DriverFactory> factories = ByRecord.load(DriverFactory.class, DriverFactory::config);
 * Optional<DriverFactory> factory = factories.find(device);
 * }</pre>
 *
 * @param <P> the service
 */
public final class ByRecord<P> {

  private final Map<Class<?>, P> byRecord;

  private ByRecord(Map<Class<?>, P> byRecord) {
    this.byRecord = byRecord;
  }

  /**
   * Every provider of {@code service}, keyed by the record it is for.
   *
   * @throws IllegalStateException when two providers are for the same record
   */
  public static <P> ByRecord<P> load(Class<P> service, Function<? super P, ? extends Class<?>> record) {
    Map<Class<?>, P> byRecord = new LinkedHashMap<>();
    for (P provider : ServiceLoader.load(service, service.getClassLoader())) {
      Class<?> key = record.apply(provider);
      P other = byRecord.putIfAbsent(key, provider);
      if (other != null) {
        throw new IllegalStateException(key.getName() + " has two " + service.getSimpleName() + "s on the class path: "
            + other.getClass().getName() + " and " + provider.getClass().getName());
      }
    }
    return new ByRecord<>(Collections.unmodifiableMap(byRecord));
  }

  /** The provider for this device's record, if there is one. */
  public Optional<P> find(DeviceConfig device) {
    return Optional.ofNullable(byRecord.get(device.getClass()));
  }

  /** Every provider, in class-path order. */
  public Collection<P> all() {
    return byRecord.values();
  }
}
