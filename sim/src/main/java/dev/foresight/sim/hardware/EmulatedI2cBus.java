package dev.foresight.sim.hardware;

import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One emulated I2C bus ({@code /dev/i2c-N}) with its chips. Transfers are the two Linux offers:
 * a plain write or read, and a combined write-then-read with a repeated START (what register
 * reads use). A missing chip NACKs its address; a hung one times out; a dropout is a transient
 * NACK. Counters record transfers and the bits they would put on the wire, so benchmarks can say
 * what a tick costs on a real 400 kHz bus.
 *
 * <p>Not thread-safe by itself: the Pi4J adapter serializes access per bus, as the kernel does.
 * Allocation-free on success.
 */
public final class EmulatedI2cBus {

  /** How long the kernel waits before giving up on a hung transfer (the bcm2835 driver's default). */
  public static final long TIMEOUT_NS = 1_000_000_000L;

  private final int number;
  private final I2cChip[] chips = new I2cChip[128];
  private final LongSupplier clockNs;
  private long transfers;
  private long failures;
  private long bits;
  private long stalledNs;

  /**
   * @param number  bus number, as in {@code /dev/i2c-N}
   * @param clockNs the time chips sample at (simulated time in a closed loop)
   */
  public EmulatedI2cBus(int number, LongSupplier clockNs) {
    this.number = number;
    this.clockNs = clockNs;
  }

  /** Bus number. */
  public int number() {
    return number;
  }

  /** Puts a chip on the bus at its address. */
  public void attach(I2cChip chip) {
    if (chips[chip.address()] != null) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "i2c-%d address 0x%02X holds %s and %s",
          number, chip.address(), chips[chip.address()].name(), chip.name()));
    }
    chips[chip.address()] = chip;
  }

  /** Takes the chip at {@code address} off the bus (a test swapping in an impostor). */
  public void detach(int address) {
    chips[address] = null;
  }

  /** The chip at {@code address}, or null. */
  public I2cChip chip(int address) {
    return chips[address & 0x7F];
  }

  /** A plain write transfer: {@code data} after the address byte. */
  public void write(int address, byte[] data, int offset, int length) {
    I2cChip chip = select(address, 1 + length);
    chip.startWrite();
    for (int i = 0; i < length; i++) ack(chip, chip.acceptByte(i, data[offset + i]), address, i);
    chip.stop();
  }

  /** A write transfer of a register number followed by {@code data}, without building one array. */
  public void writeRegister(int address, int register, byte[] data, int offset, int length) {
    I2cChip chip = select(address, 2 + length);
    chip.startWrite();
    ack(chip, chip.acceptByte(0, (byte) register), address, 0);
    for (int i = 0; i < length; i++) ack(chip, chip.acceptByte(i + 1, data[offset + i]), address, i + 1);
    chip.stop();
  }

  /** A plain read transfer into {@code buffer}. */
  public void read(int address, byte[] buffer, int offset, int length) {
    I2cChip chip = select(address, 1 + length);
    chip.startRead();
    for (int i = 0; i < length; i++) buffer[offset + i] = chip.nextByte();
    chip.stop();
  }

  /**
   * A combined transfer: {@code register} bytes written, then a repeated START and a read (the
   * I2C_RDWR ioctl with two messages).
   */
  public void writeRead(int address, byte[] register, int registerOffset, int registerLength,
      byte[] buffer, int offset, int length) {
    I2cChip chip = select(address, 2 + registerLength + length);
    chip.startWrite();
    for (int i = 0; i < registerLength; i++) {
      ack(chip, chip.acceptByte(i, register[registerOffset + i]), address, i);
    }
    chip.startRead();
    for (int i = 0; i < length; i++) buffer[offset + i] = chip.nextByte();
    chip.stop();
  }

  /** The same, with a one-byte register number. */
  public void readRegister(int address, int register, byte[] buffer, int offset, int length) {
    I2cChip chip = select(address, 3 + length);
    chip.startWrite();
    ack(chip, chip.acceptByte(0, (byte) register), address, 0);
    chip.startRead();
    for (int i = 0; i < length; i++) buffer[offset + i] = chip.nextByte();
    chip.stop();
  }

  private I2cChip select(int address, int bytes) {
    transfers++;
    bits += 9L * bytes + 2;   // 9 clocks per byte (8 data + ACK), START and STOP
    I2cChip chip = chips[address & 0x7F];
    if (chip == null || chip.unplugged) throw fail(address, "no ACK from 0x%02X (nothing at this address)");
    if (chip.hung) {
      stalledNs += TIMEOUT_NS;
      failures++;
      throw new I2cTransferException(I2cTransferException.Reason.TIMEOUT, String.format(Locale.ROOT,
          "Connection timed out (ETIMEDOUT): i2c-%d 0x%02X held SCL low", number, address));
    }
    if (chip.dropout > 0 && chip.random.nextDouble() < chip.dropout) {
      throw fail(address, "no ACK from 0x%02X (transient)");
    }
    chip.refresh(clockNs.getAsLong());
    return chip;
  }

  private void ack(I2cChip chip, boolean acknowledged, int address, int index) {
    if (!acknowledged) {
      chip.stop();
      failures++;
      throw new I2cTransferException(I2cTransferException.Reason.NACK, String.format(Locale.ROOT,
          "Remote I/O error (EREMOTEIO): i2c-%d 0x%02X did not acknowledge byte %d", number, address, index));
    }
  }

  private I2cTransferException fail(int address, String format) {
    failures++;
    return new I2cTransferException(I2cTransferException.Reason.NACK,
        "Remote I/O error (EREMOTEIO): i2c-" + number + " " + String.format(Locale.ROOT, format, address));
  }

  /** Transfers attempted so far. */
  public long transfers() {
    return transfers;
  }

  /** Transfers that failed. */
  public long failures() {
    return failures;
  }

  /** Clock cycles the transfers would take on the wire (9 per byte plus START/STOP). */
  public long bits() {
    return bits;
  }

  /** Time real transfers would have spent waiting for timeouts. */
  public long stalledNs() {
    return stalledNs;
  }

  /** Addresses that answer right now, ascending (what {@code i2cdetect} would show). */
  public int[] present() {
    int count = 0;
    for (I2cChip c : chips) if (c != null && c.present()) count++;
    int[] out = new int[count];
    int i = 0;
    for (I2cChip c : chips) if (c != null && c.present()) out[i++] = c.address();
    return out;
  }
}
