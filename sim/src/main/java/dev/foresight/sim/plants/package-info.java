/**
 * The simulated plants: Gymnasium's Pendulum-v1, CartPole-v1 (and a swing-up task), Acrobot-v1 and
 * MountainCarContinuous-v0 step for step ({@code docs/simulator.md} shows the reference test), and a
 * differential-drive rover with DC motors, a battery, encoders and an IMU. Each registers a
 * {@code Factory} (ServiceLoader) under its config name; physics knows nothing of hardware.
 */
package dev.foresight.sim.plants;
