package dev.foresight.config.device;

import com.fasterxml.jackson.annotation.JsonTypeName;
import tools.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.foresight.config.Checks;
import dev.foresight.config.sim.SimFaultKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * MPU-6050 6-axis IMU. Channels: {@code accel_x|y|z} (m/s^2), {@code gyro_x|y|z} (rad/s),
 * {@code temperature} (degC).
 *
 * @param name               device name
 * @param bus                I2C bus, or null for the default bus
 * @param address            0x68 (AD0 low) or 0x69 (AD0 high)
 * @param accelRangeG        full-scale accelerometer range: 2, 4, 8 or 16 g
 * @param gyroRangeDps       full-scale gyro range: 250, 500, 1000 or 2000 deg/s
 * @param dlpfHz             digital low-pass filter bandwidth: 260, 184, 94, 44, 21, 10 or 5 Hz
 * @param calibrateGyro      average the gyro at start (robot still) and subtract the bias
 * @param required           whether the robot cannot run without it
 */
@JsonTypeName("mpu6050")
public record Mpu6050Config(
    @JsonProperty(required = true) String name,
    Integer bus,
    @JsonDeserialize(using = I2cAddressDeserializer.class)
    @JsonPropertyDescription("0x68 (AD0 low) or 0x69 (AD0 high)") Integer address,
    @JsonPropertyDescription("Accelerometer full scale: 2, 4, 8 or 16 g") Integer accelRangeG,
    @JsonPropertyDescription("Gyro full scale: 250, 500, 1000 or 2000 deg/s") Integer gyroRangeDps,
    @JsonPropertyDescription("Digital low-pass bandwidth: 260, 184, 94, 44, 21, 10 or 5 Hz") Integer dlpfHz,
    @JsonPropertyDescription("Measure and subtract the gyro bias at start (robot must be still)") Boolean calibrateGyro,
    Boolean required) implements I2cDeviceConfig {

  public Mpu6050Config {
    address = address != null ? address : 0x68;
    accelRangeG = accelRangeG != null ? accelRangeG : 2;
    gyroRangeDps = gyroRangeDps != null ? gyroRangeDps : 250;
    dlpfHz = dlpfHz != null ? dlpfHz : 44;
    calibrateGyro = calibrateGyro != null ? calibrateGyro : true;
    required = required != null ? required : true;
  }

  @Override
  public java.util.List<String> channels() {
    return java.util.List.of("accel_x", "accel_y", "accel_z", "gyro_x", "gyro_y", "gyro_z", "temperature");
  }


  /** The MPU-6050 as a device type: its two addresses and the ranges the chip supports. */
  public static final class Type implements DeviceType<Mpu6050Config> {

    private static final Set<Integer> ACCEL_G = Set.of(2, 4, 8, 16);
    private static final Set<Integer> GYRO_DPS = Set.of(250, 500, 1000, 2000);
    private static final Set<Integer> DLPF_HZ = Set.of(260, 184, 94, 44, 21, 10, 5);

    @Override
    public Class<Mpu6050Config> config() {
      return Mpu6050Config.class;
    }

    @Override
    public void check(Mpu6050Config m, Checks checks) {
      if (m.address() != 0x68 && m.address() != 0x69) {
        checks.problem("address", Checks.hex(m.address()) + " is not an MPU-6050 address (0x68 or 0x69)");
      }
      checks.oneOf("accel_range_g", m.accelRangeG(), ACCEL_G);
      checks.oneOf("gyro_range_dps", m.gyroRangeDps(), GYRO_DPS);
      checks.oneOf("dlpf_hz", m.dlpfHz(), DLPF_HZ);
    }

    @Override
    public SimRules sim() {
      return SimRules.faults(EnumSet.of(SimFaultKind.NACK, SimFaultKind.TIMEOUT, SimFaultKind.STUCK, SimFaultKind.NAN));
    }
  }
}
