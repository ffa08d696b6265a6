package dev.foresight.sim.hardware.pi4j;

import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import dev.foresight.sim.hardware.I2cTransferException;
import java.util.Objects;

/**
 * A Pi4J {@code I2C} device on an emulated bus. Register reads are one combined transfer with a
 * repeated START, as Pi4J's Linux provider does with the I2C_RDWR ioctl; register writes are one
 * write transfer. Allocation-free when the transfer succeeds: each method spells out its own
 * lock/translate block rather than passing a capturing lambda to one helper, which would allocate
 * per transfer.
 */
final class SimI2C extends I2CBase<SimI2CBus> {

  private final int address;
  private final byte[] one = new byte[1];

  SimI2C(I2CProvider provider, I2CConfig config, SimI2CBus bus) {
    super(provider, config, bus);
    this.address = config.device();
  }

  @Override
  public int read() {
    i2CBus.lock.lock();
    try {
      i2CBus.bus.read(address, one, 0, 1);
      return one[0] & 0xFF;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    i2CBus.lock.lock();
    try {
      i2CBus.bus.read(address, buffer, offset, length);
      return length;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int write(byte b) {
    i2CBus.lock.lock();
    try {
      one[0] = b;
      i2CBus.bus.write(address, one, 0, 1);
      return 1;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int write(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    i2CBus.lock.lock();
    try {
      i2CBus.bus.write(address, data, offset, length);
      return length;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int readRegister(int register) {
    i2CBus.lock.lock();
    try {
      i2CBus.bus.readRegister(address, register, one, 0, 1);
      return one[0] & 0xFF;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int readRegister(int register, byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    i2CBus.lock.lock();
    try {
      i2CBus.bus.readRegister(address, register, buffer, offset, length);
      return length;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    i2CBus.lock.lock();
    try {
      i2CBus.bus.writeRead(address, register, 0, register.length, buffer, offset, length);
      return length;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int writeRegister(int register, byte b) {
    i2CBus.lock.lock();
    try {
      one[0] = b;
      i2CBus.bus.writeRegister(address, register, one, 0, 1);
      return 1;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int writeRegister(int register, byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    i2CBus.lock.lock();
    try {
      i2CBus.bus.writeRegister(address, register, data, offset, length);
      return length;
    } catch (I2cTransferException e) {
      throw SimI2CBus.translate(this, i2CBus.bus.number(), e);
    } finally {
      i2CBus.lock.unlock();
    }
  }

  @Override
  public int writeRegister(byte[] register, byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    if (register.length != 1) {
      throw new UnsupportedOperationException("the emulated chips use one-byte register addresses");
    }
    return writeRegister(register[0] & 0xFF, data, offset, length);
  }
}
