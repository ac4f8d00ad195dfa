#!/usr/bin/env bash
# The real-components tier from start to stop: builds (or reuses) the binaries and the harness, starts the local
# cluster, runs against it the blueprint README's kubectl steps (blueprint-kubectl-steps.sh), the walkthrough CLI with
# --kubeconfig and blueprint-it's tests through the fabric8 backend, and stops the cluster whatever happens. Each part
# runs even when an earlier one failed; the exit status is non-zero when any failed.
# TIER_TIMEOUT bounds the Maven run (seconds, default 1800); TIER_ZONE is the zone of the kubectl steps and the CLI
# (default eu-west-2a).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/common.sh"

TIER_ZONE="${TIER_ZONE:-eu-west-2a}"
MVN=(mvn)
if command -v flock >/dev/null; then MVN=(flock /tmp/mvn.lock mvn); fi
T0=$(date +%s)
# The walkthrough CLI's jar: CI builds it before the tier; by hand it is built when missing (not when stale). Built
# before the start, so that no Maven lock is held while start.sh runs (it takes the lock to build the harness).
WALKTHROUGH_JAR="$ROOT/blueprint-examples/target/stateful-ebs-walkthrough.jar"
if [ ! -f "$WALKTHROUGH_JAR" ]; then
  (cd "$ROOT" && "${MVN[@]}" -B -q -DskipTests package -pl blueprint-examples -am)
fi
T_JAR=$(date +%s)
# The stop trap is set only once this script's start succeeded: a refused start (another cluster runs from the same
# state directory) must not stop somebody else's cluster.
KUBECONFIG_PATH="$("$HERE/start.sh" | tail -n 1)"
trap '"$HERE/stop.sh"' EXIT
T_STARTED=$(date +%s)

# The README's RBAC manifest, checked by the API server itself (kubectl comes with the cached binaries).
K8S_BIN="$("$HERE/build-binaries.sh" | tail -n 1)"
"$K8S_BIN/kubectl" --kubeconfig "$KUBECONFIG_PATH" --request-timeout=30s apply --dry-run=server \
  -f "$ROOT/blueprint-fabric8/src/main/resources/io/statefulebs/blueprint/fabric8/rbac.yaml" >/dev/null

cd "$ROOT"
status=0
failed=()
# Any client can use the cluster (the harness runs beside it): the README's kubectl steps, then the CLI.
"$HERE/blueprint-kubectl-steps.sh" "$KUBECONFIG_PATH" "$TIER_ZONE" || { status=$?; failed+=("blueprint-kubectl-steps.sh"); }
T_KUBECTL=$(date +%s)
java -jar "$WALKTHROUGH_JAR" --kubeconfig "$KUBECONFIG_PATH" --zone "$TIER_ZONE" \
  --report "$ROOT/blueprint-examples/target/tier-walkthrough-report.json" \
  || { status=$?; failed+=("the walkthrough CLI (report: blueprint-examples/target/tier-walkthrough-report.json)"); }
# The CLI through KUBECONFIG and without --zone: the tier's default NodePool names no zone, so the CLI must refuse
# (exit 2, naming --zone) having written nothing.
zone_rc=0
zone_err="$(KUBECONFIG="$KUBECONFIG_PATH" java -jar "$WALKTHROUGH_JAR" 2>&1 >/dev/null)" || zone_rc=$?
if [ "$zone_rc" -ne 2 ] || ! grep -q -- "--zone is needed: .*NodePool default allows every zone" <<<"$zone_err"; then
  status=1; failed+=("the walkthrough CLI without --zone (exit $zone_rc, expected 2 naming --zone): $zone_err")
fi
# The doctor, read-only, across every namespace, with both its reports (the cluster holds nothing wrong by now).
java -jar "$WALKTHROUGH_JAR" doctor --kubeconfig "$KUBECONFIG_PATH" --all-namespaces \
  --report "$ROOT/blueprint-examples/target/tier-doctor-report.json" --junit "$ROOT/blueprint-examples/target/tier-doctor-junit.xml" \
  || { status=$?; failed+=("the doctor CLI (report: blueprint-examples/target/tier-doctor-report.json)"); }
T_CLI=$(date +%s)
# -am builds blueprint-api (and its test-jar) and blueprint-fabric8 in the same reactor (nothing is installed);
# -Dtest=NONE leaves their unit tests to the main build.
timeout "${TIER_TIMEOUT:-1800}" "${MVN[@]}" -B verify -pl blueprint-it -am -Dtest=NONE \
  -Dstatefulebs.it.kubeconfig="$KUBECONFIG_PATH" \
  || { status=$?; failed+=("blueprint-it (test output: blueprint-it/target/failsafe-reports/*-output.txt)"); }
T_DONE=$(date +%s)
if [ "$status" -ne 0 ]; then
  printf 'run-tier.sh: the tier FAILED: %s\n' "${failed[@]}" >&2
  for log in "$STATE/logs/harness.log" "$STATE/logs/karpenter.log" "$COMPONENT_LOGS/kube-scheduler.log"; do
    [ -s "$log" ] && { echo "----- last lines of $log" >&2; tail -n 30 "$log" >&2; }
  done
fi
echo "run-tier.sh: walkthrough jar $((T_JAR - T0))s, cluster start $((T_STARTED - T_JAR))s, kubectl steps" \
  "$((T_KUBECTL - T_STARTED))s, walkthrough CLI $((T_CLI - T_KUBECTL))s, blueprint-it $((T_DONE - T_CLI))s" >&2
exit "$status"
