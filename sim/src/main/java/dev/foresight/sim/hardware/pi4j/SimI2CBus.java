package dev.foresight.sim.hardware.pi4j;

import com.pi4j.exception.Pi4JException;
import com.pi4j.io.i2c.I2C;
import com.pi4j.io.i2c.I2CBus;
import dev.foresight.sim.hardware.EmulatedI2cBus;
import dev.foresight.sim.hardware.I2cTransferException;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Pi4J's view of one emulated bus: serializes transfers with a lock, as Pi4J's Linux bus does,
 * and turns emulated transfer failures into the exception Pi4J's Linux provider throws (a
 * {@link Pi4JException} whose cause is the {@code java.io.IOException} the ioctl raised).
 */
final class SimI2CBus implements I2CBus {

  final EmulatedI2cBus bus;
  final ReentrantLock lock = new ReentrantLock();

  SimI2CBus(EmulatedI2cBus bus) {
    this.bus = bus;
  }

  @Override
  public <R> R execute(I2C i2c, Callable<R> action) {
    lock.lock();
    try {
      return action.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new Pi4JException("Failed to execute action for device " + i2c.device() + " on bus " + bus.number(), e);
    } finally {
      lock.unlock();
    }
  }

  /** The exception Pi4J's Linux provider throws for a failed ioctl. */
  static Pi4JException translate(I2C i2c, int bus, I2cTransferException e) {
    return new Pi4JException("Failed to execute ioctl for device " + i2c.device() + " on bus " + bus,
        new java.io.IOException(e.getMessage()));
  }
}
