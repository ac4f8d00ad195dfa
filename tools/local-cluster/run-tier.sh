#!/usr/bin/env bash
# The real-components tier from start to stop: builds (or reuses) the binaries, starts the local cluster, runs
# blueprint-it's tests through the fabric8 backend against it, and stops the cluster whatever happens.
# TIER_TIMEOUT bounds the Maven run (seconds, default 1800).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/common.sh"

T0=$(date +%s)
# The stop trap is set only once this script's start succeeded: a refused start (another cluster runs from the same
# state directory) must not stop somebody else's cluster.
KUBECONFIG_PATH="$("$HERE/start.sh" | tail -n 1)"
trap '"$HERE/stop.sh"' EXIT
T_STARTED=$(date +%s)

# The README's RBAC manifest, checked by the API server itself (kubectl comes with the cached binaries).
K8S_BIN="$("$HERE/build-binaries.sh" | tail -n 1)"
"$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_PATH" --request-timeout=30s apply --dry-run=server \
  -f "$ROOT/blueprint-fabric8/src/main/resources/io/statefulebs/blueprint/fabric8/rbac.yaml" >/dev/null

MVN=(mvn)
if command -v flock >/dev/null; then MVN=(flock /tmp/mvn.lock mvn); fi
cd "$ROOT"
status=0
# -am builds blueprint-api (and its test-jar) and blueprint-fabric8 in the same reactor (nothing is installed);
# -Dtest=NONE leaves their unit tests to the main build.
timeout "${TIER_TIMEOUT:-1800}" "${MVN[@]}" -B verify -pl blueprint-it -am -Dtest=NONE \
  -Dstatefulebs.it.kubeconfig="$KUBECONFIG_PATH" || status=$?
T_DONE=$(date +%s)
if [ "$status" -ne 0 ]; then
  echo "run-tier.sh: the tier FAILED (exit $status); test output: blueprint-it/target/failsafe-reports/*-output.txt" >&2
  for log in "$STATE/logs/karpenter.log" "$COMPONENT_LOGS/kube-scheduler.log"; do
    [ -s "$log" ] && { echo "----- last lines of $log" >&2; tail -n 30 "$log" >&2; }
  done
fi
echo "run-tier.sh: cluster start $((T_STARTED - T0))s, tests $((T_DONE - T_STARTED))s" >&2
exit "$status"
