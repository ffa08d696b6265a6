#!/usr/bin/env bash
# A real Apache ActiveMQ Artemis cluster on loopback, for `foresight bench fleet` against a cluster
# (docs/benchmarks.md, docs/fleet.md): N nodes (default 3) in N JVMs, MQTT on free ports. Prints the
# nodes' MQTT URLs as one comma list (what --broker takes) and runs until Ctrl-C or end of input.
# Artemis comes from this test-only module's dependencies; it is never part of the install image.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
nodes="${1:-3}"
work="${2:-$root/runtime/cluster/target/artemis-cluster}"
cp_file="$root/runtime/cluster/target/artemis.classpath"
cd "$root"
. "$root/.mvn/find-jdk.sh"   # a JDK 25, as ./mvnw and ./foresight use
./mvnw -B -o -q verify dependency:build-classpath -pl runtime/cluster -am -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >&2
mkdir -p "$work"
exec "$JAVA_HOME/bin/java" -cp "$root/runtime/cluster/target/test-classes:$(cat "$cp_file")" \
  dev.foresight.runtime.cluster.ArtemisCluster "$nodes" "$work"
