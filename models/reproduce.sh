#!/usr/bin/env bash
# Reproduces the world models in models/ from nothing but the simulator: collect, train, collect
# with the first model, train again, evaluate on held-out episodes. Deterministic: the same commands
# write the same files (run from the repository root; recordings name their config relative to it).
# About 15 minutes on 2 cores. Data goes to data/ (not committed).
#
#   models/reproduce.sh [pendulum|cartpole]...     (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
f=./foresight

pendulum() {
  # 25 episodes of random torques, then 25 of MPPI planning on the model trained on them:
  # 2 x 25 x 199 = 9,950 transitions.
  $f sim collect --plant pendulum --policy random --episodes 25 --seed 1001 --out data/pendulum
  $f model train --data data/pendulum/pendulum-random-s1001-x25.mcap --out data/pendulum/round0 --seed 1
  $f sim collect --plant pendulum --policy mppi --model data/pendulum/round0/round0-fp32.onnx \
      --episodes 25 --seed 2001 --out data/pendulum
  $f model train --data data/pendulum/pendulum-random-s1001-x25.mcap data/pendulum/pendulum-mppi-s2001-x25.mcap \
      --out models/pendulum --seed 1
  # Held out: other seeds, random and ground-truth MPPI episodes.
  $f sim collect --plant pendulum --policy random --episodes 10 --seed 3001 --out data/pendulum-eval
  $f sim collect --plant pendulum --policy mppi --episodes 10 --seed 4001 --out data/pendulum-eval
  $f model eval --model models/pendulum --data data/pendulum-eval --report models/pendulum/eval
  # The trust monitor's calibration, on the robot's own nominal operation: MPPI on the int8 model,
  # 10 episodes (seeds 5001..5010), written into both files' foresight.monitor.* (docs/trust.md).
  $f sim collect --plant pendulum --policy mppi --model models/pendulum/pendulum-int8.onnx \
      --episodes 10 --seed 5001 --out data/pendulum-calibration
  $f model calibrate --model models/pendulum --data data/pendulum-calibration
}

cartpole() {
  # 40 episodes of random forces (most end early, off the track), then 20 of MPPI on the model
  # trained on them: 23,138 transitions.
  $f sim collect --plant cartpole-swingup --policy random --episodes 40 --steps 500 --seed 1001 --out data/cartpole
  $f model train --data data/cartpole/cartpole-swingup-random-s1001-x40.mcap --out data/cartpole/round0 --seed 1
  $f sim collect --plant cartpole-swingup --policy mppi --model data/cartpole/round0/round0-fp32.onnx \
      --episodes 20 --steps 500 --seed 2001 --out data/cartpole
  $f model train --data data/cartpole/cartpole-swingup-random-s1001-x40.mcap \
      data/cartpole/cartpole-swingup-mppi-s2001-x20.mcap --out models/cartpole --seed 1
  $f sim collect --plant cartpole-swingup --policy random --episodes 10 --steps 500 --seed 3001 --out data/cartpole-eval
  $f sim collect --plant cartpole-swingup --policy mppi --episodes 5 --steps 500 --seed 4001 --out data/cartpole-eval
  $f model eval --model models/cartpole --data data/cartpole-eval --report models/cartpole/eval
  $f sim collect --config config/examples/cartpole-swingup-mppi.yaml --policy mppi \
      --model models/cartpole/cartpole-int8.onnx --episodes 10 --steps 500 --seed 5001 --out data/cartpole-calibration
  $f model calibrate --model models/cartpole --data data/cartpole-calibration
}

for model in "${@:-pendulum cartpole}"; do
  for m in $model; do "$m"; done
done
