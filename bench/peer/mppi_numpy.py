#!/usr/bin/env python3
"""NumPy peer of `foresight bench plan`: the same MPPI plan on the same ONNX world model, in NumPy.

The work per plan is what Foresight's MPPI does with the bench's cost (docs/benchmarks.md, "Planning on
several cores"): colored noise (1/f^beta, Cholesky factor of the Toeplitz covariance, as ColoredNoise.java),
sample 0 = the plan, samples clipped to the action bounds, K rollouts of H steps batched over K through
the model's graph (float32, one matrix product per layer per step, BLAS), cost per step (quadratic
tracking of every state variable to 0, angles wrapped, plus 0.001 x action^2), invalid rollouts (NaN or
infinity) weightless, weights exp(-(cost - min) / temperature) in float64, the plan moved to the weighted
average, then the warm-start shift.

Weights and graph come from the ONNX file itself (a small protobuf reader below: no `onnx` package
needed, so any python3 with NumPy runs it). Supported: fp32 graphs of Concat, Gemm, MatMul, Add, Sub,
Mul, Div, Relu, Tanh, Sigmoid, Sin, Cos, Identity (Foresight's fp32 MLP exports).

Modes (JSON on stdout):
  mppi_numpy.py --model M.onnx [--samples K --horizon H --plans N --warmup W ...]
      times N plans after W untimed ones: {"times_ns": [...], "median_ms", "sample_steps_per_s", ...}
  mppi_numpy.py --model M.onnx --check < in.json
      in.json: {"state": [S], "samples": [H*K*A, time-major], "horizon": H, "temperature": T}; prints the
      rollout cost of every given sample and the MPPI update of the plan from them: {"costs", "plan"}.

Threads: OPENBLAS_NUM_THREADS=1 or 2 (set by `foresight bench plan --peer numpy`).
"""
import argparse
import json
import math
import os
import struct
import sys
import time

import numpy as np


# ---- a minimal ONNX (protobuf) reader: graph nodes, initializers, metadata ----

def _varint(buf, i):
    shift = 0
    value = 0
    while True:
        b = buf[i]
        i += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, i
        shift += 7


def _fields(buf):
    """Yields (field number, wire type, value) of one protobuf message; bytes for length-delimited fields."""
    i = 0
    n = len(buf)
    while i < n:
        key, i = _varint(buf, i)
        field, wire = key >> 3, key & 7
        if wire == 0:
            value, i = _varint(buf, i)
        elif wire == 1:
            value = buf[i:i + 8]
            i += 8
        elif wire == 2:
            length, i = _varint(buf, i)
            value = buf[i:i + length]
            i += length
        elif wire == 5:
            value = buf[i:i + 4]
            i += 4
        else:
            raise ValueError("unsupported protobuf wire type %d" % wire)
        yield field, wire, value


def _packed_varints(value):
    out = []
    i = 0
    while i < len(value):
        v, i = _varint(value, i)
        out.append(v)
    return out


def _tensor(buf):
    dims, dtype, name, raw, floats = [], 1, "", None, []
    for f, w, v in _fields(buf):
        if f == 1:
            dims.extend(_packed_varints(v) if w == 2 else [v])
        elif f == 2:
            dtype = v
        elif f == 4:
            floats.extend(struct.unpack("<%df" % (len(v) // 4), v) if w == 2 else struct.unpack("<f", v))
        elif f == 8:
            name = v.decode()
        elif f == 9:
            raw = v
    if dtype != 1:
        raise ValueError("initializer %s is not float32 (ONNX type %d): the peer runs fp32 models only" % (name, dtype))
    data = np.frombuffer(raw, dtype="<f4") if raw is not None else np.array(floats, dtype=np.float32)
    return name, data.astype(np.float32).reshape(dims)


def _attribute(buf):
    name, value = "", None
    for f, w, v in _fields(buf):
        if f == 1:
            name = v.decode()
        elif f == 2:
            value = struct.unpack("<f", v)[0]
        elif f == 3:
            value = v - (1 << 64) if v >= 1 << 63 else v
    return name, value


def _node(buf):
    inputs, outputs, op, attrs = [], [], "", {}
    for f, w, v in _fields(buf):
        if f == 1:
            inputs.append(v.decode())
        elif f == 2:
            outputs.append(v.decode())
        elif f == 4:
            op = v.decode()
        elif f == 5:
            k, a = _attribute(v)
            attrs[k] = a
    return op, inputs, outputs, attrs


def read_onnx(path):
    """(nodes, initializers, metadata) of an ONNX model file."""
    with open(path, "rb") as f:
        model = f.read()
    graph, meta = None, {}
    for f, w, v in _fields(model):
        if f == 7:
            graph = v
        elif f == 14:
            kv = {ff: vv.decode() for ff, ww, vv in _fields(v)}
            meta[kv.get(1, "")] = kv.get(2, "")
    if graph is None:
        raise ValueError("no graph")
    nodes, inits = [], {}
    for f, w, v in _fields(graph):
        if f == 1:
            nodes.append(_node(v))
        elif f == 5:
            name, t = _tensor(v)
            inits[name] = t
    return nodes, inits, meta


# ---- the world model: the graph as NumPy calls into preallocated buffers ----

class Model:
    """next_state = f(state [K, S], action [K, A]), each node writing into a buffer allocated on first use."""

    UNARY = {"Relu": None, "Tanh": np.tanh, "Sin": np.sin, "Cos": np.cos, "Sigmoid": None}
    BINARY = {"Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "Div": np.divide}

    def __init__(self, path):
        self.nodes, self.inits, self.meta = read_onnx(path)
        for op, _, _, _ in self.nodes:
            if op not in ("Concat", "Gemm", "MatMul", "Identity") and op not in self.UNARY and op not in self.BINARY:
                raise ValueError("%s: operator %s is not supported by the NumPy peer (fp32 MLP graphs only)" % (path, op))
        self.states = [s.strip() for s in self.meta["foresight.state_names"].split(",")]
        self.actions = [a.strip() for a in self.meta["foresight.action_names"].split(",")]
        self.buffers = {}
        # An elementwise node whose input is another node's output read by nobody else works in place
        # (bias + activation touch one buffer, as a hand-written NumPy MLP would).
        uses = {}
        for _, ins, _, _ in self.nodes:
            for i in ins:
                uses[i] = uses.get(i, 0) + 1
        produced = {o for _, _, outs, _ in self.nodes for o in outs}
        self.in_place = {outs[0]: ins[0] for op, ins, outs, _ in self.nodes
                         if op in self.UNARY and ins[0] in produced and uses[ins[0]] == 1 and ins[0] != "next_state"}

    def _out(self, name, shape):
        if name in self.in_place:
            name = self.in_place[name]
        b = self.buffers.get(name)
        if b is None or b.shape != shape:
            b = np.empty(shape, dtype=np.float32)
            self.buffers[name] = b
        return b

    def step(self, state, action):
        v = dict(self.inits)
        v["state"] = state
        v["action"] = action
        for op, ins, outs, attrs in self.nodes:
            x = [v[i] for i in ins if i]
            name = outs[0]
            if op == "Identity":
                v[name] = x[0]
            elif op == "Concat":
                axis = attrs.get("axis", 1)
                shape = list(x[0].shape)
                shape[axis] = sum(t.shape[axis] for t in x)
                v[name] = np.concatenate(x, axis=axis, out=self._out(name, tuple(shape)))
            elif op in ("Gemm", "MatMul"):
                a, b = x[0], x[1]
                if attrs.get("transA", 0):
                    a = a.T
                if attrs.get("transB", 0):
                    b = b.T
                o = np.matmul(a, b, out=self._out(name, (a.shape[0], b.shape[-1])))
                alpha = attrs.get("alpha", 1.0)
                if alpha != 1.0:
                    o *= np.float32(alpha)
                if op == "Gemm" and len(x) > 2:
                    beta = attrs.get("beta", 1.0)
                    o += x[2] if beta == 1.0 else np.float32(beta) * x[2]
                v[name] = o
            elif op == "Relu":
                v[name] = np.maximum(x[0], np.float32(0), out=self._out(name, x[0].shape))
            elif op == "Sigmoid":
                o = np.negative(x[0], out=self._out(name, x[0].shape))
                np.exp(o, out=o)
                o += np.float32(1)
                v[name] = np.reciprocal(o, out=o)
            elif op in self.UNARY:
                v[name] = self.UNARY[op](x[0], out=self._out(name, x[0].shape))
            else:
                shape = np.broadcast_shapes(x[0].shape, x[1].shape)
                v[name] = self.BINARY[op](x[0], x[1], out=self._out(name, shape))
        return v["next_state"]


# ---- MPPI ----

def colored_factor(h, beta):
    """Lower Cholesky factor of the unit-variance 1/f^beta Toeplitz covariance (ColoredNoise.java)."""
    if beta == 0 or h == 1:
        return None
    n = 4 * h
    f = np.arange(1, n // 2 + 1, dtype=np.float64) / n
    c = np.array([np.sum(f ** -beta * np.cos(2 * math.pi * f * tau)) for tau in range(h)])
    cov = c[np.abs(np.subtract.outer(np.arange(h), np.arange(h)))] / c[0]
    return np.linalg.cholesky(cov + 1e-6 * np.eye(h)).astype(np.float32)


class Mppi:
    def __init__(self, model, samples, horizon, lo, hi, noise_std, noise_beta, temperature, iterations, seed):
        self.model = model
        self.k, self.h = samples, horizon
        s, a = len(model.states), len(model.actions)
        self.s, self.a = s, a
        self.lo = np.full(a, lo, dtype=np.float32)
        self.hi = np.full(a, hi, dtype=np.float32)
        self.std = np.full(a, noise_std, dtype=np.float32)
        self.temperature = temperature
        self.iterations = iterations
        self.factor = colored_factor(horizon, noise_beta)
        self.rng = np.random.default_rng(seed)
        self.white = np.empty((horizon, samples * a), dtype=np.float32)
        self.eps = np.empty((horizon, samples * a), dtype=np.float32)
        self.samples = np.empty((horizon, samples, a), dtype=np.float32)
        # the bench's cost: every state variable tracked to 0 (weight 1, angles wrapped), 0.001 x action^2
        self.track = np.ones(s, dtype=np.float32)
        self.wrapped = np.array([("theta" in n or "angle" in n) and not n.endswith("_dot") for n in model.states])
        self.effort = np.full(a, 0.001, dtype=np.float32)
        self.plan = np.clip(np.zeros((horizon, a), dtype=np.float32), self.lo, self.hi)
        self.last_action = self.plan[0].copy()
        self.state = np.empty((samples, s), dtype=np.float32)
        self.err = np.empty((samples, s), dtype=np.float32)
        self.wrapped_columns = [j for j in range(s) if self.wrapped[j]]
        self.target = np.zeros(s, dtype=np.float32)
        self.two_pi = np.float32(2 * math.pi)
        self.inv_two_pi = np.float32(1 / (2 * math.pi))
        self.turns = np.empty(samples, dtype=np.float32)
        self.u2 = np.empty((samples, a), dtype=np.float32)
        self.cost = np.empty(samples, dtype=np.float32)

    def rollout_costs(self, state0, samples):
        """Cost of each of the K sequences samples[H, K, A] from state0[S] (invalid: +inf)."""
        state = self.state
        state[:] = state0
        cost = self.cost
        cost[:] = 0
        e = self.err
        u2 = self.u2
        turns = self.turns
        for t in range(self.h):
            u = samples[t]
            nxt = self.model.step(state, u)
            np.subtract(nxt, self.target, out=e)
            for j in self.wrapped_columns:                 # e - 2 pi round(e / 2 pi), half to even as ONNX Round
                col = e[:, j]
                np.multiply(col, self.inv_two_pi, out=turns)
                np.rint(turns, out=turns)
                turns *= self.two_pi
                col -= turns
            np.multiply(e, e, out=e)
            cost += e @ self.track
            np.multiply(u, u, out=u2)
            cost += u2 @ self.effort
            state[:] = nxt
        # Every state variable is weighed, so a NaN or infinite state anywhere along a rollout leaves its
        # cost non-finite: such a sample is invalid (weightless), as in Foresight, without a check per step.
        return np.where(np.isfinite(cost), cost, np.inf)

    def update(self, cost, samples):
        """The plan moved to the exp(-(cost - min) / temperature)-weighted average of the samples."""
        valid = np.isfinite(cost)
        if not valid.any():
            raise RuntimeError("mppi: no valid sample")
        c = cost.astype(np.float64)
        w = np.where(valid, np.exp(-(np.where(valid, c, 0) - c[valid].min()) / self.temperature), 0.0)
        return (np.tensordot(w, samples.astype(np.float64), axes=(0, 1)) / w.sum()).astype(np.float32)

    def iterate(self, state0):
        self.rng.standard_normal(out=self.white, dtype=np.float32)
        if self.factor is None:
            self.eps[:] = self.white
        else:
            np.matmul(self.factor, self.white, out=self.eps)
        eps = self.eps.reshape(self.h, self.k, self.a)
        eps[:, 0, :] = 0                                   # sample 0 = the plan
        np.multiply(eps, self.std, out=self.samples)
        self.samples += self.plan[:, None, :]
        np.clip(self.samples, self.lo, self.hi, out=self.samples)
        self.plan = self.update(self.rollout_costs(state0, self.samples), self.samples)

    def plan_once(self, state0):
        for _ in range(self.iterations):
            self.iterate(state0)
        first = self.plan[0].copy()
        self.last_action = first                           # shift(1): on one step, repeat the last action
        self.plan[:-1] = self.plan[1:]
        return first


def blas_name():
    try:
        cfg = np.show_config(mode="dicts")
        return cfg["Build Dependencies"]["blas"]["name"]
    except Exception:
        return "unknown"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", required=True)
    p.add_argument("--samples", type=int, default=1024)
    p.add_argument("--horizon", type=int, default=32)
    p.add_argument("--plans", type=int, default=50)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--iterations", type=int, default=1)
    p.add_argument("--temperature", type=float, default=1.0)
    p.add_argument("--noise-beta", type=float, default=1.0)
    p.add_argument("--noise-std", type=float, default=1.0)
    p.add_argument("--min", type=float, default=-2.0)
    p.add_argument("--max", type=float, default=2.0)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--state", default="3.0", help="comma list; missing variables are 0")
    p.add_argument("--check", action="store_true", help="read samples from stdin, print their costs and the update")
    args = p.parse_args()
    try:
        model = Model(args.model)
    except (OSError, ValueError, KeyError) as e:
        print("mppi_numpy.py: %s: not usable: %s" % (args.model, e), file=sys.stderr)
        return 2
    s = len(model.states)
    if args.check:
        job = json.load(sys.stdin)
        h = job["horizon"]
        a = len(model.actions)
        samples = np.array(job["samples"], dtype=np.float32).reshape(h, -1, a)
        mppi = Mppi(model, samples.shape[1], h, args.min, args.max, args.noise_std, args.noise_beta,
                    job.get("temperature", args.temperature), 1, args.seed)
        costs = mppi.rollout_costs(np.array(job["state"], dtype=np.float32), samples)
        plan = mppi.update(costs, samples)
        json.dump({"costs": [float(c) for c in costs], "plan": [float(x) for x in plan.reshape(-1)]}, sys.stdout)
        return 0
    state0 = np.zeros(s, dtype=np.float32)
    given = [float(x) for x in args.state.split(",") if x.strip()]
    state0[:min(s, len(given))] = given[:s]
    mppi = Mppi(model, args.samples, args.horizon, args.min, args.max, args.noise_std, args.noise_beta,
                args.temperature, args.iterations, args.seed)
    for _ in range(args.warmup):
        mppi.plan_once(state0)
    times = []
    first = None
    for _ in range(args.plans):
        start = time.perf_counter_ns()
        first = mppi.plan_once(state0)
        times.append(time.perf_counter_ns() - start)
    ordered = sorted(times)
    median_ms = ordered[len(ordered) // 2] / 1e6
    json.dump({
        "peer": "numpy", "numpy": np.__version__, "blas": blas_name(),
        "threads": os.environ.get("OPENBLAS_NUM_THREADS", ""),
        "samples": args.samples, "horizon": args.horizon, "iterations": args.iterations,
        "times_ns": times, "median_ms": median_ms,
        "sample_steps_per_s": args.samples * args.horizon * args.iterations / (median_ms / 1e3),
        "first_action": [float(x) for x in first] if first is not None else [],
    }, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
