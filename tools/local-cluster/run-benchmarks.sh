#!/usr/bin/env bash
# Benchmarks on the real-components tier (never part of `mvn verify` or run-tier.sh): starts the local cluster,
# runs blueprint-it's RealTierBenchmark (a main class in its test sources) with the test class path, and stops the
# cluster whatever happens. Writes benchmarks/real-tier.json and the "Real tier" section of BENCHMARKS.md.
# Settings: BENCH_FAN_OUT (runs with a backend each, default 10,25), BENCH_FAN_OUT_SHARED (runs sharing one
# backend, default none), BENCH_FAN_OUT_NAMESPACED (runs sharing one backend that connects as the walkthrough's
# ServiceAccount, whose roles allow list/watch per namespace only: per-namespace informers; default none), BENCH_COMPARE_RUNS (default 3), BENCH_SECTIONS (default
# walkthrough,latency,compare,fanOut; also busy: one run in a namespace of BENCH_BUSY_PODS unrelated pods and
# BENCH_BUSY_EVENTS unrelated events, default 2000 and 10000, against an empty one; soak: BENCH_SOAK_RUNS sequential
# runs on one shared backend, default 200; doctor: the storage doctor on one namespace of 10 StatefulSets of 20
# replicas, 200 pods with a volume each), BENCH_TIMEOUT (seconds for the Java run, default 3600).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/common.sh"

MVN=(mvn)
if command -v flock >/dev/null; then MVN=(flock /tmp/mvn.lock mvn); fi
cd "$ROOT"
# Compile first (no cluster needed): the modules in one reactor, nothing installed, no tests run.
"${MVN[@]}" -B -q -o test-compile dependency:build-classpath -pl blueprint-it -am \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="$ROOT/blueprint-it/target/test-classes:$(cat "$ROOT/blueprint-it/target/bench.classpath")"

# A state directory and cluster name of its own (unless set): run-tier.sh or another run on the default state must
# neither stop this cluster nor be stopped by it. The trap is set once start.sh succeeded (a failed start.sh stops
# what it started), so a refused start never stops a cluster someone else runs.
export STATEFULEBS_LOCAL_STATE="${STATEFULEBS_LOCAL_STATE:-${TMPDIR:-/tmp}/statefulebs-bench}"
export STATEFULEBS_LOCAL_NAME="${STATEFULEBS_LOCAL_NAME:-statefulebs-bench}"
. "$HERE/common.sh"
KUBECONFIG_PATH="$("$HERE/start.sh" | tail -n 1)"
trap '"$HERE/stop.sh"' EXIT
trap 'exit 143' INT TERM   # a signal ends the script through exit, so the EXIT trap stops the cluster
KUBECTL="$CACHE_ROOT/kubernetes-$K8S_VERSION/bin/kubectl"

# --foreground: java stays in this process group, so a signal to the group reaches it.
timeout --foreground "${BENCH_TIMEOUT:-3600}" java -Xmx1g -cp "$CP" \
  -Dstatefulebs.it.kubeconfig="$KUBECONFIG_PATH" -Dstatefulebs.kubectl="$KUBECTL" -Dbench.root="$ROOT" \
  -Dbench.fanOut="${BENCH_FAN_OUT-10,25}" -Dbench.fanOutShared="${BENCH_FAN_OUT_SHARED:-}" -Dbench.fanOutNamespaced="${BENCH_FAN_OUT_NAMESPACED:-}" -Dbench.compareRuns="${BENCH_COMPARE_RUNS:-3}" \
  -Dbench.sections="${BENCH_SECTIONS:-walkthrough,latency,compare,fanOut}" \
  -Dbench.busyPods="${BENCH_BUSY_PODS:-2000}" -Dbench.busyEvents="${BENCH_BUSY_EVENTS:-10000}" -Dbench.soakRuns="${BENCH_SOAK_RUNS:-200}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  io.statefulebs.blueprint.it.RealTierBenchmark
