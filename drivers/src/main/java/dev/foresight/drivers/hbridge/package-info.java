/**
 * The {@link dev.foresight.drivers.hbridge.HBridgeMotor} driver: a DC motor on a TB6612FNG-style H-bridge: direction pins, standby, and PWM from a PCA9685 channel; its declared safe state brakes or coasts. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.hbridge;
