package dev.foresight.drivers;

import java.util.List;

/**
 * A device that measures: each read fills one value per channel, in SI units, and one
 * {@link Status} per channel.
 *
 * <pre>{@code
 * double[] values = new double[sensor.channels().size()];
 * byte[] status = new byte[values.length];
 * sensor.read(nowNs, values, status, 0);   // e.g. pivot.angle in rad, Status.OK
 * }</pre>
 */
public interface Sensor extends Device {

  /** Channel names in read order, as the config's {@code <device>.<channel>} sources name them. */
  List<String> channels();

  /**
   * Reads every channel into {@code values[offset..]} and {@code status[offset..]}. Never throws,
   * allocates nothing, and costs a bounded number of bus transfers (each driver documents how
   * many). A channel that cannot be read is NaN with a status saying why.
   */
  void read(long nowNs, double[] values, byte[] status, int offset);

  /** The SI unit of a channel's values, for reports ({@code rad}, {@code m/s^2}); empty when unitless. */
  default String unit(String channel) {
    return "";
  }
}
