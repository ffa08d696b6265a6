#!/usr/bin/env bash
# Foresight's MCAP files, read by the official reader (@mcap/core, npm): a data collection (zstd
# chunks), a run recording with every channel (plan, predictions), an uncompressed one, and a copy cut
# in half. Needs node and npm;
# installs @mcap/core into target/ci-node (never committed). Run by .ci/run after the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/ci-mcap
rm -rf "$out" && mkdir -p "$out"
for attempt in 1 2 3; do   # the registry is the network: retry a hiccup, not a real failure
  if npm install --silent --no-audit --no-fund --prefix target/ci-node @mcap/core@2.2.2 @foxglove/wasm-zstd@1.0.1 >/dev/null; then
    break
  fi
  if [ "$attempt" -eq 3 ]; then echo "mcap-check: npm install failed 3 times" >&2; exit 1; fi
  sleep 10
done

./foresight sim collect --plant pendulum --policy random --episodes 3 --steps 100 --out "$out" >/dev/null
sed -e 's/^  paced: .*//' -e 's/^sim:/sim:\n  paced: false/' \
    -e "s#^safety:#recording:\n  enabled: true\n  dir: $out\n\nsafety:#" config/examples/pendulum-mppi.yaml > "$out/robot.yaml"
./foresight run --quiet --config "$out/robot.yaml" --duration 120s >/dev/null 2>&1
run=$(ls "$out"/pendulum-mppi-*.mcap | head -1)
head -c $(( $(stat -c %s "$run") / 2 )) "$run" > "$out/cut.mcap"
sed -i "s#^  dir: $out#  dir: $out/plain\n  compression: none#" "$out/robot.yaml"
./foresight run --quiet --config "$out/robot.yaml" --duration 10s >/dev/null 2>&1
mv "$out"/plain/*.mcap "$out/plain.mcap"

files=("$out"/*.mcap)
for f in "${files[@]}"; do ./foresight log info --json "$f" > "$f.json"; done
cp .ci/mcap-check.mjs target/ci-node/   # next to its node_modules, so the import resolves
node target/ci-node/mcap-check.mjs "${files[@]}"
