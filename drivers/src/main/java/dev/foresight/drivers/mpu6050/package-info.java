/**
 * The {@link dev.foresight.drivers.mpu6050.Mpu6050} driver: InvenSense MPU-6050 IMU over I2C: acceleration, angular rate and temperature. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.mpu6050;
