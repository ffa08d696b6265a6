package dev.foresight.drivers.i2c;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.util.Locale;

/**
 * One chip's I2C access through Pi4J, with the failure policy every driver shares:
 * <ul>
 *   <li>no method throws: a failed transfer returns false and is remembered;</li>
 *   <li>bounded cost: after {@value #BACKOFF_AFTER} consecutive failures the chip is left alone
 *       and retried once every {@value #RETRY_MS} ms, so an absent or hung chip costs one failed
 *       transfer per retry period instead of one (or a kernel timeout) per tick;</li>
 *   <li>recovery: the first success after a failure is flagged ({@link #takeRecovered()}) so the
 *       driver re-initializes a chip that may have lost power.</li>
 * </ul>
 * Register reads use Pi4J's {@code readRegister} (one combined transfer with a repeated START);
 * writes go out as one plain write of the register number and the data, from a preallocated
 * buffer. Nothing here allocates on success. Transfers are synchronized (uncontended in normal
 * running) so a safe state can be written from another thread while the loop uses the chip.
 */
public final class I2cDevice implements AutoCloseable {

  /** Consecutive failures before retries are spaced out. */
  public static final int BACKOFF_AFTER = 3;
  /** Retry period while backing off, ms. */
  public static final long RETRY_MS = 250;

  private final Context pi4j;
  private final String id;
  private final int bus;
  private final int address;
  private final byte[] tx = new byte[65];
  private I2C i2c;
  private int consecutiveFailures;
  private long nextAttemptNs;
  private long failures;
  private long transfers;
  private boolean recovered;
  private boolean starting;
  private RuntimeException lastError;

  /**
   * @param pi4j    the Pi4J context that provides the bus
   * @param id      Pi4J id (the device name)
   * @param bus     bus number, {@code /dev/i2c-N}
   * @param address 7-bit address
   */
  public I2cDevice(Context pi4j, String id, int bus, int address) {
    this.pi4j = pi4j;
    this.id = id;
    this.bus = bus;
    this.address = address;
  }

  /** Creates the Pi4J {@code I2C} device; false (with {@link #lastError()}) when the bus cannot be opened. */
  public boolean open() {
    if (i2c != null) return true;
    try {
      i2c = pi4j.create(I2C.newConfigBuilder(pi4j).id(id).name(id).bus(bus).device(address).build());
      return true;
    } catch (RuntimeException e) {
      lastError = e;
      return false;
    }
  }

  /**
   * Start-up mode: while on, each transfer is tried up to {@value #START_ATTEMPTS} times and the
   * backoff is ignored, so one transient error does not fail a device's start-up check. Off in
   * the loop, where a failed transfer is reported at once and the next tick tries again.
   */
  public synchronized void startup(boolean on) {
    starting = on;
  }

  /** Attempts per transfer in start-up mode. */
  public static final int START_ATTEMPTS = 4;

  /** Whether a transfer may be attempted now (open, and not backing off). */
  public boolean available(long nowNs) {
    return i2c != null && (starting || consecutiveFailures < BACKOFF_AFTER || nowNs - nextAttemptNs >= 0);
  }

  /** Reads {@code length} bytes starting at register {@code register}. */
  public synchronized boolean read(long nowNs, int register, byte[] buffer, int offset, int length) {
    if (!available(nowNs)) return false;
    for (int attempt = starting ? START_ATTEMPTS : 1; attempt > 0; attempt--) {
      try {
        transfers++;
        i2c.readRegister(register, buffer, offset, length);
        succeeded();
        return true;
      } catch (RuntimeException e) {
        failed(nowNs, e);
      }
    }
    return false;
  }

  /** Reads a big-endian 16-bit register into {@code buffer[offset..offset+1]}. */
  public boolean readWord(long nowNs, int register, byte[] buffer, int offset) {
    return read(nowNs, register, buffer, offset, 2);
  }

  /** A one-byte plain read (how {@code i2cdetect -r} probes an address). */
  public synchronized boolean probe(long nowNs) {
    if (!available(nowNs)) return false;
    for (int attempt = starting ? START_ATTEMPTS : 1; attempt > 0; attempt--) {
      try {
        transfers++;
        i2c.read();
        succeeded();
        return true;
      } catch (RuntimeException e) {
        failed(nowNs, e);
      }
    }
    return false;
  }

  /** Writes one byte to a register. */
  public synchronized boolean writeByte(long nowNs, int register, int value) {
    tx[1] = (byte) value;
    return send(nowNs, register, 1);
  }

  /** Writes a big-endian 16-bit register. */
  public synchronized boolean writeWord(long nowNs, int register, int value) {
    tx[1] = (byte) (value >> 8);
    tx[2] = (byte) value;
    return send(nowNs, register, 2);
  }

  /** Writes {@code length} bytes to consecutive registers starting at {@code register}. */
  public synchronized boolean writeBlock(long nowNs, int register, byte[] data, int offset, int length) {
    System.arraycopy(data, offset, tx, 1, length);
    return send(nowNs, register, length);
  }

  /**
   * Writes one byte now, even while backing off: for safe states, which must always be tried.
   * A failure still counts.
   */
  public synchronized boolean writeByteNow(long nowNs, int register, int value) {
    if (i2c == null) return false;
    tx[1] = (byte) value;
    return transmit(nowNs, register, 1);
  }

  /** Writes consecutive registers now, even while backing off (safe states). */
  public synchronized boolean writeBlockNow(long nowNs, int register, byte[] data, int offset, int length) {
    if (i2c == null) return false;
    System.arraycopy(data, offset, tx, 1, length);
    return transmit(nowNs, register, length);
  }

  private boolean send(long nowNs, int register, int length) {
    if (!available(nowNs)) return false;
    return transmit(nowNs, register, length);
  }

  private boolean transmit(long nowNs, int register, int length) {
    tx[0] = (byte) register;
    for (int attempt = starting ? START_ATTEMPTS : 1; attempt > 0; attempt--) {
      try {
        transfers++;
        i2c.write(tx, 0, length + 1);
        succeeded();
        return true;
      } catch (RuntimeException e) {
        failed(nowNs, e);
      }
    }
    return false;
  }

  private void succeeded() {
    if (consecutiveFailures > 0) recovered = true;
    consecutiveFailures = 0;
  }

  private void failed(long nowNs, RuntimeException e) {
    consecutiveFailures++;
    failures++;
    lastError = e;
    if (consecutiveFailures >= BACKOFF_AFTER) nextAttemptNs = nowNs + RETRY_MS * 1_000_000L;
  }

  /** True once after the chip answered again following a failure; the driver should re-initialize it. */
  public synchronized boolean takeRecovered() {
    boolean r = recovered;
    recovered = false;
    return r;
  }

  /** Whether the last transfer failed (after its attempts). */
  public boolean failing() {
    return consecutiveFailures > 0;
  }

  /** Failed transfers so far. */
  public long failures() {
    return failures;
  }

  /** Transfers attempted so far. */
  public long transfers() {
    return transfers;
  }

  /** The last failure, or null. */
  public RuntimeException lastError() {
    return lastError;
  }

  /** The last failure's innermost message (what the kernel or the emulation said), or empty. */
  public String lastErrorMessage() {
    if (lastError == null) return "";
    Throwable t = lastError;
    while (t.getCause() != null && t.getCause() != t) t = t.getCause();
    String message = t.getMessage() != null ? t.getMessage().strip() : t.toString();
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  /** Bus number. */
  public int bus() {
    return bus;
  }

  /** 7-bit address. */
  public int address() {
    return address;
  }

  /** {@code i2c-1 0x36}. */
  public String location() {
    return String.format(Locale.ROOT, "i2c-%d 0x%02X", bus, address);
  }

  @Override
  public void close() {
    if (i2c == null) return;
    try {
      pi4j.shutdown(i2c.id());
    } catch (RuntimeException e) {
      // The context may already be shutting down; nothing is left to release.
    }
    i2c = null;
  }
}
