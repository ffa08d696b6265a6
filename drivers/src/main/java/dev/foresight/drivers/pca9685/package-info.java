/**
 * The {@link dev.foresight.drivers.pca9685.Pca9685} driver: NXP PCA9685 16-channel PWM controller over I2C, whose channels other devices drive (PwmChannel); its safe state is every channel off and the optional output-enable pin high. Built from its config record by the
 * driver factory the device type registers; reads and writes never throw into the loop (a failure is
 * a NaN with a {@code Status} code) and allocate nothing once started.
 */
package dev.foresight.drivers.pca9685;
