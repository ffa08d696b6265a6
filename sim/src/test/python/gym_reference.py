#!/usr/bin/env python3
"""Reference trajectories for Foresight's plants, computed independently of the Java code.

The classic-control steps below are written from Gymnasium's published equations (Pendulum-v1,
CartPole-v1, Acrobot-v1 with the "book" dynamics and rk4, MountainCarContinuous-v0) with the same
NumPy/Python types the published environments use (float64 state arrays, math.* or np.* trig as
published, MountainCarContinuous's float32 state), so each value is what Gymnasium computes when the
action is passed as a float64 array. The swing-up task and the rover follow the equations in
docs/simulator.md. Gymnasium itself is not needed.

Writes sim/src/test/resources/plant-reference.jsonl: one case a line,
  {"name", "plant", "parameters", "state", "actions", "expected": {"states", "observations",
   "rewards", "terminated"}}
in the format of `foresight sim rollout` (a trajectory stops after its terminating step).

Run from the repository root:  python3 sim/src/test/python/gym_reference.py
"""
import json
import math
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "resources" / "plant-reference.jsonl"


# ---------------------------------------------------------------- Pendulum-v1
def angle_normalize(x):
    return ((x + np.pi) % (2 * np.pi)) - np.pi


class Pendulum:
    defaults = {"gravity": 10.0, "mass": 1.0, "length": 1.0}

    def __init__(self, p):
        self.g, self.m, self.l = p["gravity"], p["mass"], p["length"]
        self.max_speed, self.max_torque, self.dt = 8, 2.0, 0.05

    def reset(self, s):
        self.state = np.array(s, dtype=np.float64)

    def step(self, u):
        th, thdot = self.state
        g, m, l, dt = self.g, self.m, self.l, self.dt
        u = np.clip(np.array(u, dtype=np.float64), -self.max_torque, self.max_torque)[0]
        costs = angle_normalize(th) ** 2 + 0.1 * thdot**2 + 0.001 * (u**2)
        newthdot = thdot + (3 * g / (2 * l) * np.sin(th) + 3.0 / (m * l**2) * u) * dt
        newthdot = np.clip(newthdot, -self.max_speed, self.max_speed)
        newth = th + newthdot * dt
        self.state = np.array([newth, newthdot])
        return -costs, False

    def obs(self):
        th, thdot = self.state
        return [np.cos(th), np.sin(th), thdot]


# ---------------------------------------------------------------- CartPole-v1 (+ Barto 1983 friction)
class CartPole:
    defaults = {"gravity": 9.8, "mass_cart": 1.0, "mass_pole": 0.1, "half_length": 0.5,
                "cart_friction": 0.0, "pole_friction": 0.0}
    swingup = False

    def __init__(self, p):
        self.gravity, self.masscart, self.masspole = p["gravity"], p["mass_cart"], p["mass_pole"]
        self.total_mass = self.masspole + self.masscart
        self.length = p["half_length"]
        self.polemass_length = self.masspole * self.length
        self.mu_c, self.mu_p = p["cart_friction"], p["pole_friction"]
        self.force_mag, self.tau = 10.0, 0.02
        self.theta_threshold_radians = 12 * 2 * math.pi / 360
        self.x_threshold = 4.8 if self.swingup else 2.4

    def reset(self, s):
        self.state = tuple(float(v) for v in s)
        self.steps_beyond_terminated = None

    def dynamics(self, force):
        x, x_dot, theta, theta_dot = self.state
        costheta, sintheta = math.cos(theta), math.sin(theta)
        push = force + self.polemass_length * theta_dot**2 * sintheta
        if self.mu_c != 0:
            push -= self.mu_c * float(np.sign(x_dot))
        temp = push / self.total_mass
        num = self.gravity * sintheta - costheta * temp
        if self.mu_p != 0:
            num -= self.mu_p * theta_dot / (self.masspole * self.length)
        thetaacc = num / (self.length * (4.0 / 3.0 - self.masspole * costheta**2 / self.total_mass))
        xacc = temp - self.polemass_length * thetaacc * costheta / self.total_mass
        x = x + self.tau * x_dot
        x_dot = x_dot + self.tau * xacc
        theta = theta + self.tau * theta_dot
        theta_dot = theta_dot + self.tau * thetaacc
        self.state = (x, x_dot, theta, theta_dot)

    def step(self, a):
        self.dynamics(min(max(float(a[0]), -self.force_mag), self.force_mag))
        x, _, theta, _ = self.state
        terminated = bool(x < -self.x_threshold or x > self.x_threshold
                          or theta < -self.theta_threshold_radians or theta > self.theta_threshold_radians)
        if not terminated:
            return 1.0, False
        if self.steps_beyond_terminated is None:
            self.steps_beyond_terminated = 0
            return 1.0, True
        return 0.0, True

    def obs(self):
        return list(self.state)


class CartPoleSwingUp(CartPole):
    """Pole down, |x| <= 4.8, no angle limit; reward (1 + cos th)/2 cos(pi/2 x/4.8) after the step."""
    swingup = True

    def step(self, a):
        self.dynamics(min(max(float(a[0]), -self.force_mag), self.force_mag))
        x, _, theta, _ = self.state
        terminated = bool(x < -self.x_threshold or x > self.x_threshold)
        reward = (math.cos(theta) + 1.0) / 2.0 * math.cos((x / self.x_threshold) * (math.pi / 2.0))
        return reward, terminated

    def obs(self):
        x, x_dot, theta, theta_dot = self.state
        return [x, x_dot, math.cos(theta), math.sin(theta), theta_dot]


# ---------------------------------------------------------------- Acrobot-v1 (book dynamics)
def wrap(x, m, M):
    diff = M - m
    while x > M:
        x = x - diff
    while x < m:
        x = x + diff
    return x


def bound(x, m, M):
    return min(max(x, m), M)


def rk4(derivs, y0, t):
    yout = np.zeros((len(t), len(y0)), np.float64)
    yout[0] = y0
    for i in np.arange(len(t) - 1):
        this = t[i]
        dt = t[i + 1] - this
        dt2 = dt / 2.0
        y0 = yout[i]
        k1 = np.asarray(derivs(y0))
        k2 = np.asarray(derivs(y0 + dt2 * k1))
        k3 = np.asarray(derivs(y0 + dt2 * k2))
        k4 = np.asarray(derivs(y0 + dt * k3))
        yout[i + 1] = y0 + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return yout[-1][:4]


class Acrobot:
    defaults = {"gravity": 9.8, "link_length_1": 1.0, "link_length_2": 1.0, "link_mass_1": 1.0,
                "link_mass_2": 1.0, "link_com_1": 0.5, "link_com_2": 0.5, "link_moi": 1.0}
    dt = 0.2
    MAX_VEL_1 = 4 * np.pi
    MAX_VEL_2 = 9 * np.pi

    def __init__(self, p):
        self.p = p

    def reset(self, s):
        self.state = np.array(s, dtype=np.float64)

    def _dsdt(self, s_augmented):
        p = self.p
        m1, m2, l1 = p["link_mass_1"], p["link_mass_2"], p["link_length_1"]
        lc1, lc2, I1, I2, g = p["link_com_1"], p["link_com_2"], p["link_moi"], p["link_moi"], p["gravity"]
        a = s_augmented[-1]
        s = s_augmented[:-1]
        theta1, theta2, dtheta1, dtheta2 = s[0], s[1], s[2], s[3]
        cos, sin, pi = np.cos, np.sin, np.pi
        d1 = m1 * lc1**2 + m2 * (l1**2 + lc2**2 + 2 * l1 * lc2 * cos(theta2)) + I1 + I2
        d2 = m2 * (lc2**2 + l1 * lc2 * cos(theta2)) + I2
        phi2 = m2 * lc2 * g * cos(theta1 + theta2 - pi / 2.0)
        phi1 = (-m2 * l1 * lc2 * dtheta2**2 * sin(theta2)
                - 2 * m2 * l1 * lc2 * dtheta2 * dtheta1 * sin(theta2)
                + (m1 * lc1 + m2 * l1) * g * cos(theta1 - pi / 2)
                + phi2)
        ddtheta2 = (a + d2 / d1 * phi1 - m2 * l1 * lc2 * dtheta1**2 * sin(theta2) - phi2) / (
            m2 * lc2**2 + I2 - d2**2 / d1)
        ddtheta1 = -(d2 * ddtheta2 + phi1) / d1
        return dtheta1, dtheta2, ddtheta1, ddtheta2, 0.0

    def step(self, a):
        torque = float(np.clip(a[0], -1.0, 1.0))
        ns = rk4(self._dsdt, np.append(self.state, torque), [0, self.dt])
        ns[0] = wrap(ns[0], -np.pi, np.pi)
        ns[1] = wrap(ns[1], -np.pi, np.pi)
        ns[2] = bound(ns[2], -self.MAX_VEL_1, self.MAX_VEL_1)
        ns[3] = bound(ns[3], -self.MAX_VEL_2, self.MAX_VEL_2)
        self.state = ns
        l1, l2 = self.p["link_length_1"], self.p["link_length_2"]
        s = self.state
        terminated = bool(-l1 * np.cos(s[0]) - l2 * np.cos(s[1] + s[0]) > l1)
        return (-1.0 if not terminated else 0.0), terminated

    def obs(self):
        s = self.state
        return [np.cos(s[0]), np.sin(s[0]), np.cos(s[1]), np.sin(s[1]), s[2], s[3]]


# ---------------------------------------------------------------- MountainCarContinuous-v0
class MountainCar:
    defaults = {"power": 0.0015, "gravity": 0.0025}

    def __init__(self, p):
        self.power, self.hill = p["power"], p["gravity"]
        self.min_action, self.max_action = -1.0, 1.0
        self.min_position, self.max_position, self.max_speed = -1.2, 0.6, 0.07
        self.goal_position, self.goal_velocity = 0.45, 0

    def reset(self, s):
        self.state = np.array(s, dtype=np.float64)   # reset keeps float64, as published

    def step(self, action):
        action = np.array(action, dtype=np.float64)
        position = self.state[0]
        velocity = self.state[1]
        force = min(max(action[0], self.min_action), self.max_action)
        velocity += force * self.power - self.hill * math.cos(3 * position)
        if velocity > self.max_speed:
            velocity = self.max_speed
        if velocity < -self.max_speed:
            velocity = -self.max_speed
        position += velocity
        if position > self.max_position:
            position = self.max_position
        if position < self.min_position:
            position = self.min_position
        if position == self.min_position and velocity < 0:
            velocity = 0
        terminated = bool(position >= self.goal_position and velocity >= self.goal_velocity)
        reward = 0
        if terminated:
            reward = 100.0
        reward -= math.pow(action[0], 2) * 0.1
        self.state = np.array([position, velocity], dtype=np.float32)
        return reward, terminated

    def obs(self):
        return [float(v) for v in self.state]


# ---------------------------------------------------------------- Rover (docs/simulator.md)
class Rover:
    defaults = {"mass": 2.0, "yaw_inertia": 0.02, "wheel_radius": 0.04, "track_width": 0.2,
                "wheel_inertia": 4e-5, "rotor_inertia": 1e-6, "gear_ratio": 30.0, "motor_resistance": 2.2,
                "motor_inductance": 0.002, "motor_constant": 0.0115, "viscous_friction": 0.002,
                "rolling_resistance": 0.02, "turning_friction": 0.02, "gravity": 9.81,
                "battery_full_voltage": 12.6, "battery_empty_voltage": 10.5, "battery_resistance": 0.1,
                "battery_capacity": 2.2, "idle_current": 0.25, "nominal_voltage": 12.0}
    DT, N = 0.02, 40

    def __init__(self, p):
        self.p = p
        self.r = p["wheel_radius"]
        self.b2 = p["track_width"] / 2
        G = p["gear_ratio"]
        jw = p["wheel_inertia"] + G * G * p["rotor_inertia"]
        self.m_eff = p["mass"] + 2 * jw / (self.r * self.r)
        self.j_eff = p["yaw_inertia"] + jw * 2 * self.b2 * self.b2 / (self.r * self.r)

    def voc(self, soc):
        p = self.p
        return p["battery_empty_voltage"] + soc * (p["battery_full_voltage"] - p["battery_empty_voltage"])

    @staticmethod
    def coulomb(v, impulse):
        return 0.0 if abs(v) <= impulse else v - math.copysign(impulse, v)

    def reset(self, s):
        self.s = [float(v) for v in s]
        self.ax = 0.0
        self.applied = (0.0, 0.0)
        self.ib = self.p["idle_current"]
        self.vb = self.voc(self.s[9]) - self.p["battery_resistance"] * self.ib

    def step(self, u):
        p, r, b2 = self.p, self.r, self.b2
        G, R, L, k = p["gear_ratio"], p["motor_resistance"], p["motor_inductance"], p["motor_constant"]
        bw, Rb, idle = p["viscous_friction"], p["battery_resistance"], p["idle_current"]
        cap = p["battery_capacity"] * 3600.0
        froll = p["rolling_resistance"] * p["mass"] * p["gravity"]
        dl = min(max(u[0] / p["nominal_voltage"], -1.0), 1.0)
        dr = min(max(u[1] / p["nominal_voltage"], -1.0), 1.0)
        h = self.DT / self.N
        x, y, psi, v, om, pl, pr, il, ir, soc = self.s
        v0 = v
        decay = 1.0 + h * R / L
        vb = 0.0
        for _ in range(self.N):
            wl = (v - om * b2) / r
            wr = (v + om * b2) / r
            ib = dl * il + dr * ir + idle
            vb = max(0.0, self.voc(soc) - Rb * ib)
            il = (il + h / L * (dl * vb - k * G * wl)) / decay
            ir = (ir + h / L * (dr * vb - k * G * wr)) / decay
            tl = G * k * il - bw * wl
            tr = G * k * ir - bw * wr
            v = self.coulomb(v + h * (tl + tr) / r / self.m_eff, h * froll / self.m_eff)
            om = self.coulomb(om + h * (tr - tl) * b2 / r / self.j_eff, h * p["turning_friction"] / self.j_eff)
            mid = psi + 0.5 * h * om
            x += h * v * math.cos(mid)
            y += h * v * math.sin(mid)
            psi += h * om
            pl += h * (v - om * b2) / r
            pr += h * (v + om * b2) / r
            soc = min(max(soc - h * ib / cap, 0.0), 1.0)
        self.s = [x, y, psi, v, om, pl, pr, il, ir, soc]
        self.ax = (v - v0) / self.DT
        self.ib = dl * il + dr * ir + idle
        self.vb = max(0.0, self.voc(soc) - Rb * self.ib)
        self.applied = (dl * vb, dr * vb)
        return -(x * x + y * y) - 0.001 * (u[0] * u[0] + u[1] * u[1]), soc <= 0.0

    def obs(self):
        x, y, psi, v, om, pl, pr, il, ir, soc = self.s
        r, b2 = self.r, self.b2
        return [pl, pr, (v - om * b2) / r, (v + om * b2) / r, self.ax, v * om, self.p["gravity"], 0.0, 0.0, om,
                il, ir, self.vb, self.ib, self.applied[0], self.applied[1]]


PLANTS = {"pendulum": Pendulum, "cartpole": CartPole, "cartpole-swingup": CartPoleSwingUp,
          "acrobot": Acrobot, "mountain-car": MountainCar, "rover": Rover}


def rollout(plant, state, actions, parameters=None):
    cls = PLANTS[plant]
    p = dict(cls.defaults)
    p.update(parameters or {})
    env = cls(p)
    env.reset(state)
    out = {"states": [], "observations": [], "rewards": [], "terminated": []}
    for a in actions:
        reward, terminated = env.step(a)
        st = env.state if hasattr(env, "state") else env.s
        out["states"].append([float(v) for v in st])
        out["observations"].append([float(v) for v in env.obs()])
        out["rewards"].append(float(reward))
        out["terminated"].append(bool(terminated))
        if terminated:
            break
    return out


def cases():
    rng = np.random.default_rng(20240611)
    pi = math.pi
    c = []

    def add(name, plant, state, actions, parameters=None):
        actions = [[float(v) for v in a] for a in actions]
        c.append({"name": name, "plant": plant, "parameters": parameters or {}, "state": [float(v) for v in state],
                  "actions": actions, "expected": rollout(plant, state, actions, parameters)})

    # Pendulum-v1
    add("pendulum one step", "pendulum", [1.0, 0.5], [[1.5]])
    add("pendulum torque clipped above", "pendulum", [0.3, -0.2], [[50.0]])
    add("pendulum torque clipped below", "pendulum", [0.3, -0.2], [[-2.0000001]])
    add("pendulum speed clipped", "pendulum", [pi / 2, 7.9], [[2.0]])
    add("pendulum reward wraps the angle", "pendulum", [2 * pi + 0.1, 0.0], [[0.0]])
    add("pendulum reward wraps a negative angle", "pendulum", [-3.5, -1.0], [[-1.0]])
    add("pendulum 200 steps", "pendulum", [pi, 0.0], [[3.0 * math.sin(0.3 * k)] for k in range(200)])
    add("pendulum other parameters", "pendulum", [0.4, 0.1], [[1.0 * math.cos(0.2 * k)] for k in range(50)],
        {"gravity": 9.81, "mass": 1.3, "length": 0.8})
    # CartPole-v1
    add("cartpole push right", "cartpole", [0.0, 0.0, 0.0, 0.0], [[10.0]])
    add("cartpole push left", "cartpole", [0.01, -0.02, 0.03, 0.04], [[-10.0]])
    add("cartpole force clipped", "cartpole", [0.1, -0.2, 0.03, 0.4], [[-25.0]])
    add("cartpole falls past 12 degrees", "cartpole", [0.0, 0.0, 12 * 2 * pi / 360 - 1e-4, 1.0], [[0.0], [0.0]])
    add("cartpole leaves the track", "cartpole", [2.39, 1.0, 0.0, 0.0], [[0.0], [0.0]])
    add("cartpole random forces until it falls", "cartpole", [0.02, -0.01, 0.03, 0.0],
        [[float(v)] for v in rng.uniform(-12, 12, 500)])
    add("cartpole with friction and other masses", "cartpole", [0.0, 0.3, 0.05, -0.1],
        [[float(v)] for v in rng.uniform(-10, 10, 40)],
        {"mass_cart": 0.7, "mass_pole": 0.25, "half_length": 0.3, "cart_friction": 0.05, "pole_friction": 0.002,
         "gravity": 9.81})
    # swing-up
    add("swingup one step", "cartpole-swingup", [0.0, 0.0, pi, 0.0], [[10.0]])
    add("swingup pumping 400 steps", "cartpole-swingup", [0.0, 0.0, pi - 0.01, 0.0],
        [[10.0 if math.sin(0.2 * k) > 0 else -10.0] for k in range(400)])
    add("swingup leaves the wider track", "cartpole-swingup", [4.79, 1.0, pi, 0.0], [[0.0], [0.0]])
    # Acrobot-v1
    add("acrobot one step", "acrobot", [0.0, 0.0, 0.0, 0.0], [[1.0]])
    add("acrobot torque clipped", "acrobot", [0.05, -0.05, 0.1, 0.0], [[5.0]])
    add("acrobot discrete actions", "acrobot", [0.01, 0.02, -0.03, 0.04], [[-1.0], [0.0], [1.0], [1.0], [-1.0]])
    add("acrobot wraps theta1 above pi", "acrobot", [3.1, 2.5, 5.0, 0.0], [[0.0]])
    add("acrobot wraps and terminates", "acrobot", [3.1, 0.0, 5.0, 0.0], [[0.0]])
    add("acrobot wraps theta2 below -pi", "acrobot", [0.0, -3.1, 0.0, -6.0], [[-1.0]])
    add("acrobot velocity bound", "acrobot", [0.0, 0.0, 12.5, 28.2], [[1.0], [1.0]])
    add("acrobot reaches the line", "acrobot", [pi - 0.3, 0.1, 0.5, 0.2], [[0.0], [0.0], [0.0]])
    add("acrobot energy pumping 300 steps", "acrobot", [0.0, 0.0, 0.0, 0.0],
        [[1.0 if (k // 4) % 2 == 0 else -1.0] for k in range(300)])
    add("acrobot other parameters", "acrobot", [0.1, 0.2, 0.0, 0.0], [[float(v)] for v in rng.uniform(-1.5, 1.5, 30)],
        {"link_mass_1": 1.2, "link_mass_2": 0.8, "link_length_1": 1.1, "link_com_1": 0.45, "link_com_2": 0.55,
         "link_moi": 0.9, "gravity": 9.81})
    # MountainCarContinuous-v0
    add("mountain-car one step", "mountain-car", [-0.5, 0.0], [[0.5]])
    add("mountain-car reward uses the raw action", "mountain-car", [-0.5, 0.01], [[2.5], [-3.0]])
    add("mountain-car inelastic left wall", "mountain-car", [-1.19, -0.05], [[-1.0], [-1.0]])
    add("mountain-car speed clipped", "mountain-car", [-0.52, 0.0695], [[1.0], [1.0]])
    add("mountain-car reaches the flag", "mountain-car", [0.44, 0.03], [[0.0], [0.0]])
    add("mountain-car rocking until the flag", "mountain-car", [-0.5, 0.0],
        [[1.0 if math.sin(2 * pi * k / 110) >= 0 else -1.0] for k in range(999)])
    add("mountain-car other parameters", "mountain-car", [-0.55, 0.0], [[0.8]] * 40,
        {"power": 0.0018, "gravity": 0.0023})
    # Rover
    add("rover one step full ahead", "rover", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0], [[12.0, 12.0]])
    add("rover stiction holds a small command", "rover", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0], [[0.04, 0.04]] * 3)
    add("rover commands clipped to the supply", "rover", [0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0], [[30.0, -30.0]])
    add("rover drives an arc", "rover", [0.5, -0.3, 0.7, 0, 0, 0, 0, 0, 0, 1.0],
        [[10.0, 6.0]] * 100 + [[0.0, 0.0]] * 50)
    add("rover battery runs flat", "rover", [0, 0, 0, 0.5, 0, 0, 0, 1.0, 1.0, 2e-6], [[12.0, 12.0]] * 5)
    add("rover other parameters", "rover", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0.8], [[8.0, -8.0]] * 30,
        {"mass": 2.6, "wheel_radius": 0.035, "motor_resistance": 2.6, "motor_constant": 0.012,
         "battery_resistance": 0.2})
    return c


def main():
    lines = [json.dumps(case, separators=(",", ":")) for case in cases()]
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {len(lines)} cases to {OUT}")


if __name__ == "__main__":
    main()
