package dev.foresight.sim.plants;

import dev.foresight.sim.Parameter;
import dev.foresight.sim.Parameters;
import dev.foresight.sim.Plant;
import dev.foresight.sim.PlantFactory;
import dev.foresight.sim.PlantSpec;
import dev.foresight.sim.Variable;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A differential-drive rover on flat ground: two wheels driven by brushed DC gearmotors through an
 * H-bridge from a battery, a caster, wheel encoders, a 6-axis IMU and a current/voltage monitor.
 * Default parameters describe a 2 kg, 20 cm wide robot with 30:1 gearmotors on a 3S LiPo.
 *
 * <p>Frames and signs (ROS REP 103): world x, y with heading psi counter-clockwise from x; body x
 * forward, y left, z up. Wheel angles and speeds are positive when that wheel drives forward.
 *
 * <p>Actions are motor voltage commands in V at the nominal supply ({@code nominal_voltage}, 12 V):
 * the bridge runs at duty {@code d = clip(u / V_nom, -1, 1)} and applies {@code d V_batt} to the
 * motor, so battery sag shows up as less speed for the same command, as on a real robot.
 *
 * <p>Each 20 ms step is integrated in 40 sub-steps of 0.5 ms (h):
 * <pre>
 *   wheel speeds   w_l = (v - omega b/2) / r,   w_r = (v + omega b/2) / r
 *   battery        I_b = d_l i_l + d_r i_r + I_idle;   V_batt = V_oc(soc) - R_b I_b
 *   armature       L di/dt = d V_batt - R i - k N w            (implicit in R i: stable for any h)
 *   wheel torque   tau = N k i - b_w w                          (gear ratio N, viscous loss b_w)
 *   body           m_eff dv/dt = (tau_l + tau_r) / r - F_roll sgn(v)
 *                  J_eff domega/dt = (tau_r - tau_l) b / (2 r) - T_turn sgn(omega)
 *   with           m_eff = m + 2 J_w / r^2,  J_eff = J + J_w b^2 / (2 r^2),  J_w = J_wheel + N^2 J_rotor
 *   pose           x += h v cos psi_mid,  y += h v sin psi_mid,  psi += h omega
 *   charge         soc -= h I_b / capacity
 * </pre>
 * Coulomb friction (rolling resistance {@code c_rr m g} and turning scrub) is applied as a clamped
 * impulse, so a rover at rest stays at rest until the motors overcome it. The open-circuit voltage
 * falls linearly from {@code battery_full_voltage} to {@code battery_empty_voltage} with charge.
 *
 * <p>Task (for rewards and planners): drive to the origin. Reward on the post-step state:
 * {@code -(x^2 + y^2) - 0.001 (u_l^2 + u_r^2)}. Terminates when the battery is flat (soc = 0).
 * Reset: x, y uniform in [-1, 1) m, heading uniform in [-pi, pi), at rest, battery full.
 *
 * <p>Observations are what the sensors measure: encoder angles and speeds, IMU specific force
 * (accel x = mean forward acceleration over the step, y = centripetal v omega, z = +g) and body
 * rates, motor currents, battery voltage and current, and the voltages the bridge applied.
 */
public final class Rover implements Plant {

  /** Time step, s. */
  public static final double DT = 0.02;
  /** Sub-steps per step. */
  public static final int SUBSTEPS = 40;

  /** Default parameters. */
  public static final Parameters PARAMETERS = new Parameters("rover", List.of(
      Parameter.positive("mass", "kg", 2.0, "total mass"),
      Parameter.positive("yaw_inertia", "kg*m^2", 0.02, "moment of inertia about the vertical axis"),
      Parameter.positive("wheel_radius", "m", 0.04, "wheel radius"),
      Parameter.positive("track_width", "m", 0.2, "distance between the wheels' contact points"),
      Parameter.nonNegative("wheel_inertia", "kg*m^2", 4e-5, "inertia of one wheel about its axle"),
      Parameter.nonNegative("rotor_inertia", "kg*m^2", 1e-6, "inertia of one motor's rotor"),
      Parameter.positive("gear_ratio", "", 30.0, "motor turns per wheel turn"),
      Parameter.positive("motor_resistance", "ohm", 2.2, "armature resistance"),
      Parameter.positive("motor_inductance", "H", 0.002, "armature inductance"),
      Parameter.positive("motor_constant", "N*m/A", 0.0115, "torque constant = back-EMF constant (V*s/rad)"),
      Parameter.nonNegative("viscous_friction", "N*m*s/rad", 0.002, "gearbox and bearing loss per wheel"),
      Parameter.nonNegative("rolling_resistance", "", 0.02, "rolling resistance coefficient c_rr"),
      Parameter.nonNegative("turning_friction", "N*m", 0.02, "Coulomb scrub torque when turning"),
      Parameter.positive("gravity", "m/s^2", 9.81, "gravitational acceleration"),
      Parameter.positive("battery_full_voltage", "V", 12.6, "open-circuit voltage when full"),
      Parameter.positive("battery_empty_voltage", "V", 10.5, "open-circuit voltage when empty"),
      Parameter.nonNegative("battery_resistance", "ohm", 0.1, "internal resistance (sag = R I)"),
      Parameter.positive("battery_capacity", "A*h", 2.2, "capacity"),
      Parameter.nonNegative("idle_current", "A", 0.25, "current drawn by the electronics"),
      Parameter.positive("nominal_voltage", "V", 12.0, "supply voltage the commands assume (duty = u / this)")));

  /** State vector indices. */
  public static final int X = 0, Y = 1, HEADING = 2, SPEED = 3, YAW_RATE = 4, WHEEL_ANGLE_LEFT = 5,
      WHEEL_ANGLE_RIGHT = 6, CURRENT_LEFT = 7, CURRENT_RIGHT = 8, STATE_OF_CHARGE = 9;

  private final PlantSpec spec;
  private final double r;
  private final double halfTrack;
  private final double massEff;
  private final double inertiaEff;
  private final double gear;
  private final double resistance;
  private final double inductance;
  private final double k;
  private final double viscous;
  private final double rollingForce;
  private final double turningTorque;
  private final double g;
  private final double vFull;
  private final double vEmpty;
  private final double batteryResistance;
  private final double capacityC;
  private final double idle;
  private final double nominal;
  private final double[] s = new double[10];
  private double accelX;
  private double batteryVoltage;
  private double batteryCurrent;
  private double appliedLeft;
  private double appliedRight;
  private boolean terminated;

  /** A rover with the default parameters. */
  public Rover() {
    this(PARAMETERS);
  }

  /** A rover with the given parameters (see {@link #PARAMETERS}). */
  public Rover(Parameters p) {
    r = p.get("wheel_radius");
    halfTrack = p.get("track_width") / 2;
    gear = p.get("gear_ratio");
    double wheelInertia = p.get("wheel_inertia") + gear * gear * p.get("rotor_inertia");
    massEff = p.get("mass") + 2 * wheelInertia / (r * r);
    inertiaEff = p.get("yaw_inertia") + wheelInertia * 2 * halfTrack * halfTrack / (r * r);
    resistance = p.get("motor_resistance");
    inductance = p.get("motor_inductance");
    k = p.get("motor_constant");
    viscous = p.get("viscous_friction");
    g = p.get("gravity");
    rollingForce = p.get("rolling_resistance") * p.get("mass") * g;
    turningTorque = p.get("turning_friction");
    vFull = p.get("battery_full_voltage");
    vEmpty = p.get("battery_empty_voltage");
    batteryResistance = p.get("battery_resistance");
    capacityC = p.get("battery_capacity") * 3600.0;
    idle = p.get("idle_current");
    nominal = p.get("nominal_voltage");
    spec = new PlantSpec("rover",
        List.of(Variable.of("x", "m"), Variable.of("y", "m"), Variable.of("heading", "rad"),
            Variable.of("speed", "m/s"), Variable.of("yaw_rate", "rad/s"),
            Variable.of("wheel_angle_left", "rad"), Variable.of("wheel_angle_right", "rad"),
            Variable.of("current_left", "A"), Variable.of("current_right", "A"),
            new Variable("state_of_charge", "", 0, 1)),
        List.of(new Variable("voltage_left", "V", -nominal, nominal),
            new Variable("voltage_right", "V", -nominal, nominal)),
        List.of(Variable.of("wheel_angle_left", "rad"), Variable.of("wheel_angle_right", "rad"),
            Variable.of("wheel_speed_left", "rad/s"), Variable.of("wheel_speed_right", "rad/s"),
            Variable.of("accel_x", "m/s^2"), Variable.of("accel_y", "m/s^2"), Variable.of("accel_z", "m/s^2"),
            Variable.of("gyro_x", "rad/s"), Variable.of("gyro_y", "rad/s"), Variable.of("gyro_z", "rad/s"),
            Variable.of("current_left", "A"), Variable.of("current_right", "A"),
            Variable.of("battery_voltage", "V"), Variable.of("battery_current", "A"),
            Variable.of("motor_voltage_left", "V"), Variable.of("motor_voltage_right", "V")),
        DT, p.list());
    if (vEmpty >= vFull) {
      throw new IllegalArgumentException("battery_empty_voltage: " + vEmpty + " V must be below battery_full_voltage "
          + vFull + " V");
    }
  }

  @Override
  public PlantSpec spec() {
    return spec;
  }

  @Override
  public void reset(double[] state) {
    System.arraycopy(state, 0, s, 0, s.length);
    accelX = 0;
    appliedLeft = 0;
    appliedRight = 0;
    batteryCurrent = idle;            // duty 0 until the first step
    batteryVoltage = openCircuit(s[STATE_OF_CHARGE]) - batteryResistance * batteryCurrent;
    terminated = false;
  }

  /** Position uniform in [-1, 1)^2 m, heading uniform in [-pi, pi), at rest, battery full. */
  @Override
  public void reset(RandomGenerator random) {
    double[] state = new double[10];
    state[X] = random.nextDouble(-1, 1);
    state[Y] = random.nextDouble(-1, 1);
    state[HEADING] = random.nextDouble(-Math.PI, Math.PI);
    state[STATE_OF_CHARGE] = 1.0;
    reset(state);
  }

  @Override
  public double step(double[] action) {
    double dutyLeft = Math.clamp(action[0] / nominal, -1.0, 1.0);
    double dutyRight = Math.clamp(action[1] / nominal, -1.0, 1.0);
    double h = DT / SUBSTEPS;
    double speedBefore = s[SPEED];
    double x = s[X], y = s[Y], psi = s[HEADING], v = s[SPEED], omega = s[YAW_RATE];
    double phiL = s[WHEEL_ANGLE_LEFT], phiR = s[WHEEL_ANGLE_RIGHT];
    double iL = s[CURRENT_LEFT], iR = s[CURRENT_RIGHT], soc = s[STATE_OF_CHARGE];
    double currentDecay = 1.0 + h * resistance / inductance;
    double vBatt = 0;
    for (int n = 0; n < SUBSTEPS; n++) {
      double wL = (v - omega * halfTrack) / r;
      double wR = (v + omega * halfTrack) / r;
      double iBatt = dutyLeft * iL + dutyRight * iR + idle;
      vBatt = Math.max(0.0, openCircuit(soc) - batteryResistance * iBatt);
      iL = (iL + h / inductance * (dutyLeft * vBatt - k * gear * wL)) / currentDecay;
      iR = (iR + h / inductance * (dutyRight * vBatt - k * gear * wR)) / currentDecay;
      double tauL = gear * k * iL - viscous * wL;
      double tauR = gear * k * iR - viscous * wR;
      v = coulomb(v + h * (tauL + tauR) / r / massEff, h * rollingForce / massEff);
      omega = coulomb(omega + h * (tauR - tauL) * halfTrack / r / inertiaEff, h * turningTorque / inertiaEff);
      double psiMid = psi + 0.5 * h * omega;
      x += h * v * Math.cos(psiMid);
      y += h * v * Math.sin(psiMid);
      psi += h * omega;
      phiL += h * (v - omega * halfTrack) / r;
      phiR += h * (v + omega * halfTrack) / r;
      soc = Math.clamp(soc - h * iBatt / capacityC, 0.0, 1.0);
    }
    s[X] = x;
    s[Y] = y;
    s[HEADING] = psi;
    s[SPEED] = v;
    s[YAW_RATE] = omega;
    s[WHEEL_ANGLE_LEFT] = phiL;
    s[WHEEL_ANGLE_RIGHT] = phiR;
    s[CURRENT_LEFT] = iL;
    s[CURRENT_RIGHT] = iR;
    s[STATE_OF_CHARGE] = soc;
    accelX = (v - speedBefore) / DT;
    batteryCurrent = dutyLeft * iL + dutyRight * iR + idle;
    batteryVoltage = Math.max(0.0, openCircuit(soc) - batteryResistance * batteryCurrent);
    appliedLeft = dutyLeft * vBatt;
    appliedRight = dutyRight * vBatt;
    terminated = soc <= 0.0;
    return -(x * x + y * y) - 0.001 * (action[0] * action[0] + action[1] * action[1]);
  }

  private double openCircuit(double soc) {
    return vEmpty + soc * (vFull - vEmpty);
  }

  /** Coulomb friction as an impulse of at most {@code impulse}: it stops a slow body but never reverses it. */
  private static double coulomb(double velocity, double impulse) {
    if (Math.abs(velocity) <= impulse) return 0.0;
    return velocity - Math.copySign(impulse, velocity);
  }

  @Override
  public void state(double[] out) {
    System.arraycopy(s, 0, out, 0, s.length);
  }

  @Override
  public void observation(double[] out) {
    double v = s[SPEED];
    double omega = s[YAW_RATE];
    out[0] = s[WHEEL_ANGLE_LEFT];
    out[1] = s[WHEEL_ANGLE_RIGHT];
    out[2] = (v - omega * halfTrack) / r;
    out[3] = (v + omega * halfTrack) / r;
    out[4] = accelX;
    out[5] = v * omega;
    out[6] = g;
    out[7] = 0.0;
    out[8] = 0.0;
    out[9] = omega;
    out[10] = s[CURRENT_LEFT];
    out[11] = s[CURRENT_RIGHT];
    out[12] = batteryVoltage;
    out[13] = batteryCurrent;
    out[14] = appliedLeft;
    out[15] = appliedRight;
  }

  @Override
  public boolean terminated() {
    return terminated;
  }

  /** Builds {@code Rover} plants ({@code sim.plant: rover}). */
  public static final class Factory implements PlantFactory {

    @Override
    public String id() {
      return "rover";
    }

    @Override
    public Parameters defaults() {
      return PARAMETERS;
    }

    @Override
    public Plant create(Parameters parameters) {
      return new Rover(parameters);
    }
  }
}
