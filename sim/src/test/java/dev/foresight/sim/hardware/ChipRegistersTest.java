package dev.foresight.sim.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** What a driver can observe of each emulated chip, checked against the datasheets. */
class ChipRegistersTest {

  final long[] now = {0};
  final EmulatedI2cBus bus = new EmulatedI2cBus(1, () -> now[0]);
  final byte[] buf = new byte[16];

  @Test
  void anAbsentAddressIsNotAcknowledged() {
    assertThatThrownBy(() -> bus.read(0x36, buf, 0, 1))
        .isInstanceOf(I2cTransferException.class)
        .hasMessage("Remote I/O error (EREMOTEIO): i2c-1 no ACK from 0x36 (nothing at this address)")
        .extracting(e -> ((I2cTransferException) e).reason()).isEqualTo(I2cTransferException.Reason.NACK);
    assertThat(bus.failures()).isEqualTo(1);
  }

  @Test
  void as5600PowerOnValuesAndTheSpecialPointerRule() {
    As5600Chip chip = new As5600Chip("pivot", new SplittableRandom(1));
    chip.noise(0);
    chip.angle(Math.PI / 2);                          // a quarter turn: RAW ANGLE 1024
    bus.attach(chip);
    bus.readRegister(0x36, 0x0B, buf, 0, 5);          // STATUS .. ANGLE high: normal auto-increment
    assertThat(buf[0] & 0xFF).as("STATUS: MD").isEqualTo(0x20);
    assertThat((buf[1] & 0xFF) << 8 | (buf[2] & 0xFF)).isEqualTo(1024);
    assertThat((buf[3] & 0xFF) << 8 | (buf[4] & 0xFF)).as("ANGLE = RAW ANGLE with ZPOS 0").isEqualTo(1024);
    bus.readRegister(0x36, 0x0C, buf, 0, 4);          // from RAW ANGLE high: the pointer stays on the pair
    assertThat(buf).startsWith((byte) 0x04, (byte) 0x00, (byte) 0x04, (byte) 0x00);
    bus.read(0x36, buf, 0, 2);                        // re-read without a pointer write
    assertThat(buf).startsWith((byte) 0x04, (byte) 0x00);
    bus.writeRegister(0x36, 0x01, new byte[] {0x01, 0x00}, 0, 2);   // ZPOS = 256
    now[0] += 1_000_000;
    bus.readRegister(0x36, 0x0E, buf, 0, 2);
    assertThat((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)).isEqualTo(768);
    assertThatThrownBy(() -> bus.readRegister(0x36, 0x10, buf, 0, 1)).as("0x10 is not a register")
        .hasMessageContaining("did not acknowledge byte 0");
    assertThatThrownBy(() -> bus.writeRegister(0x36, 0x0C, buf, 0, 1)).as("RAW ANGLE is read-only")
        .hasMessageContaining("did not acknowledge byte 1");
  }

  @Test
  void mpu6050PowerOnValuesAndDataRegistersWhileAsleepAndAwake() {
    Mpu6050Chip chip = new Mpu6050Chip("imu", 0x68, Mpu6050Chip.WHO_AM_I_VALUE, new SplittableRandom(1));
    for (int c = 0; c < 6; c++) chip.noise(c, 0);
    bus.attach(chip);
    bus.readRegister(0x68, 0x75, buf, 0, 1);
    assertThat(buf[0] & 0xFF).isEqualTo(0x68);
    bus.readRegister(0x68, 0x6B, buf, 0, 1);
    assertThat(buf[0] & 0xFF).as("asleep at power-on").isEqualTo(0x40);
    bus.readRegister(0x68, 0x3B, buf, 0, 14);
    assertThat(buf).as("no samples while asleep").containsOnly((byte) 0, (byte) 0);
    bus.writeRegister(0x68, 0x6B, new byte[] {0x01}, 0, 1);
    bus.readRegister(0x68, 0x3A, buf, 0, 1);
    assertThat(buf[0] & 0x01).as("DATA_RDY").isEqualTo(1);
    bus.readRegister(0x68, 0x3B, buf, 0, 14);
    assertThat((short) ((buf[4] & 0xFF) << 8 | (buf[5] & 0xFF))).as("ACCEL_ZOUT at +-2 g").isEqualTo((short) 16384);
    assertThat((short) ((buf[6] & 0xFF) << 8 | (buf[7] & 0xFF))).as("TEMP_OUT at 25 degC").isEqualTo((short) -3920);
    bus.readRegister(0x68, 0x3A, buf, 0, 1);
    assertThat(buf[0] & 0x01).as("reading INT_STATUS cleared DATA_RDY").isZero();
    bus.writeRegister(0x68, 0x6B, new byte[] {(byte) 0x80}, 0, 1);   // DEVICE_RESET
    bus.readRegister(0x68, 0x6B, buf, 0, 1);
    assertThat(buf[0] & 0xFF).isEqualTo(0x40);
  }

  @Test
  void pca9685PowerOnValuesPrescaleOnlyAsleepAndAutoIncrementOnlyWithAi() {
    Pca9685Chip chip = new Pca9685Chip("pwm", 0x40, new SplittableRandom(1));
    bus.attach(chip);
    bus.readRegister(0x40, 0x00, buf, 0, 2);
    assertThat(buf[0] & 0xFF).as("MODE1 without AI: the pointer stays").isEqualTo(0x11);
    assertThat(buf[1] & 0xFF).isEqualTo(0x11);
    assertThat(chip.register(0x09)).as("LED0_OFF_H: full off").isEqualTo(0x10);
    assertThat(chip.register(0xFE)).isEqualTo(0x1E);
    assertThat(chip.frequencyHz()).as("25 MHz / (4096 x 31), the datasheet's nominal 200 Hz").isBetween(196.8, 197.0);
    bus.writeRegister(0x40, 0x00, new byte[] {0x21}, 0, 1);         // awake, AI
    bus.writeRegister(0x40, 0xFE, new byte[] {5}, 0, 1);
    assertThat(chip.register(0xFE)).as("PRE_SCALE is blocked while awake").isEqualTo(0x1E);
    bus.writeRegister(0x40, 0x00, new byte[] {0x31}, 0, 1);         // asleep
    bus.writeRegister(0x40, 0xFE, new byte[] {1}, 0, 1);
    assertThat(chip.register(0xFE)).as("the hardware forces at least 3").isEqualTo(3);
    bus.writeRegister(0x40, 0x00, new byte[] {0x21}, 0, 1);
    bus.writeRegister(0x40, 0x06, new byte[] {0, 0, 0, 0x08}, 0, 4); // LED0: on 0, off 2048
    assertThat(chip.duty(0)).isEqualTo(0.5);
    bus.writeRegister(0x40, 0xFD, new byte[] {0x10}, 0, 1);          // ALL_LED_OFF_H full off
    assertThat(chip.duty(0)).isZero();
    bus.readRegister(0x40, 0xFA, buf, 0, 4);
    assertThat(buf).as("ALL_LED registers read as zero").startsWith((byte) 0, (byte) 0, (byte) 0, (byte) 0);
    bus.readRegister(0x40, 0x44, buf, 0, 3);                         // 0x44, 0x45, then back to MODE1
    assertThat(buf[2] & 0xFF).isEqualTo(0x21);
    assertThatThrownBy(() -> bus.writeRegister(0x40, 0x50, buf, 0, 1)).as("reserved").hasMessageContaining("byte 0");
    chip.outputEnable(false);
    bus.writeRegister(0x40, 0x06, new byte[] {0, 0x10, 0, 0}, 0, 4);
    assertThat(chip.duty(0)).as("OE high: outputs off").isZero();
  }

  @Test
  void ina219CalibrationCurrentPowerAndTheConversionFlag() {
    Ina219Chip chip = new Ina219Chip("supply", 0x41, 0.1, new SplittableRandom(1));
    chip.load(12.0, 2.0);
    bus.attach(chip);
    bus.readRegister(0x41, 0x00, buf, 0, 2);
    assertThat((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)).isEqualTo(0x399F);
    bus.readRegister(0x41, 0x04, buf, 0, 2);
    assertThat(buf).as("no current before calibration").startsWith((byte) 0, (byte) 0);
    bus.writeRegister(0x41, 0x05, new byte[] {0x10, 0x00}, 0, 2);   // 4096: 100 uA per count with 0.1 ohm
    now[0] += 1_000_000;
    bus.readRegister(0x41, 0x01, buf, 0, 2);
    assertThat((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)).as("SHUNT: 200 mV in 10 uV").isEqualTo(20000);
    bus.readRegister(0x41, 0x04, buf, 0, 2);
    assertThat((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)).as("CURRENT: 2 A in 100 uA").isEqualTo(20000);
    bus.readRegister(0x41, 0x02, buf, 0, 2);
    int bus2 = (buf[0] & 0xFF) << 8 | (buf[1] & 0xFF);
    assertThat(bus2 >> 3).as("BUS: 11.8 V in 4 mV").isEqualTo(2950);
    assertThat(bus2 & 0x02).as("CNVR").isEqualTo(2);
    bus.readRegister(0x41, 0x03, buf, 0, 2);
    assertThat((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)).as("POWER = CURRENT x BUS / 5000").isEqualTo(20000 * 2950 / 5000);
    bus.readRegister(0x41, 0x02, buf, 0, 2);
    assertThat(buf[1] & 0x02).as("reading POWER cleared CNVR").isZero();
  }

  @Test
  void ads1115SingleShotTakesOneConversionTime() {
    Ads1115Chip chip = new Ads1115Chip("adc", 0x48, new SplittableRandom(1));
    chip.input(2, 1.0);
    bus.attach(chip);
    bus.readRegister(0x48, 0x01, buf, 0, 2);
    assertThat((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF)).isEqualTo(0x8583);
    // OS=1, MUX=110 (AIN2), PGA=001 (4.096 V), single-shot, 128 SPS.
    bus.writeRegister(0x48, 0x01, new byte[] {(byte) 0xE3, (byte) 0x83}, 0, 2);
    bus.readRegister(0x48, 0x01, buf, 0, 2);
    assertThat(buf[0] & 0x80).as("converting").isZero();
    now[0] += 1_000_000_000L / 128 + 1;
    bus.readRegister(0x48, 0x01, buf, 0, 2);
    assertThat(buf[0] & 0x80).as("done").isEqualTo(0x80);
    bus.readRegister(0x48, 0x00, buf, 0, 2);
    assertThat((short) ((buf[0] & 0xFF) << 8 | (buf[1] & 0xFF))).isEqualTo((short) 8000);
  }

  @Test
  void aHungChipTimesOutAndADroppedTransferIsATransientNack() {
    As5600Chip chip = new As5600Chip("pivot", new SplittableRandom(1));
    bus.attach(chip);
    chip.hang(true);
    assertThatThrownBy(() -> bus.read(0x36, buf, 0, 1)).hasMessageContaining("ETIMEDOUT")
        .extracting(e -> ((I2cTransferException) e).reason()).isEqualTo(I2cTransferException.Reason.TIMEOUT);
    assertThat(bus.stalledNs()).isEqualTo(EmulatedI2cBus.TIMEOUT_NS);
    chip.hang(false);
    chip.dropout(0.5);
    int failed = 0;
    for (int i = 0; i < 1000; i++) {
      try {
        bus.read(0x36, buf, 0, 1);
      } catch (I2cTransferException e) {
        failed++;
      }
    }
    assertThat(failed).isBetween(430, 570);
  }
}
