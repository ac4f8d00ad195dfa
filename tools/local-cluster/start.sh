#!/usr/bin/env bash
# Starts the local Kubernetes cluster of the real-components test tier, on 127.0.0.1 only:
#   etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok (fake kubelets) through kwokctl's
#   binary runtime, then the harness (harness/: the EBS CSI controller, the kubelets' volume managers and the
#   container runtime, which kwok lacks) and Karpenter's kwok provider with the blueprint's default NodePool (short
#   consolidateAfter). Any client (kubectl, the walkthrough CLI, blueprint-it) can then use the cluster.
# Writes the kubeconfig to $STATE/kubeconfig (printed on the last line). Components log under $STATE;
# a failed start prints the relevant log tails and stops what it started. Builds missing binaries and the harness first
# (the harness with Maven under `flock /tmp/mvn.lock`: do not run start.sh while holding that lock).
#
# Environment: STATEFULEBS_LOCAL_STATE (default /tmp/statefulebs-local), STATEFULEBS_CACHE (binaries, default
# ~/.cache/statefulebs), CONSOLIDATION_POLICY (default WhenEmptyOrUnderutilized), CONSOLIDATE_AFTER (default 10s),
# START_TIMEOUT seconds per phase (default 180), JAVA_HOME (the harness runs its java, else the java on PATH).
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/common.sh"
CONSOLIDATION_POLICY="${CONSOLIDATION_POLICY:-WhenEmptyOrUnderutilized}"
CONSOLIDATE_AFTER="${CONSOLIDATE_AFTER:-10s}"
START_TIMEOUT="${START_TIMEOUT:-180}"
T0=$(date +%s)

if [ -e "$STATE/kubeconfig" ] || [ -d "$KWOK_WORKDIR/clusters/$CLUSTER_NAME" ]; then
  echo "start.sh: a cluster already runs from $STATE; run stop.sh first" >&2
  exit 1
fi
mkdir -p "$STATE"/{logs,pids,volumes,pods,shim}

fail() {
  echo "start.sh: FAILED: $*" >&2
  for log in "$STATE"/logs/*.log "$COMPONENT_LOGS"/*.log; do
    [ -s "$log" ] || continue
    echo "----- last lines of $log" >&2
    tail -n 25 "$log" >&2
  done
  "$HERE/stop.sh" >&2 || true
  exit 1
}
trap 'fail "interrupted"' INT TERM

# 1. Binaries (built once per version, cached outside the repository).
K8S_BIN="$("$HERE/build-binaries.sh" 2>>"$STATE/logs/build.log" | tail -n 1)" || fail "building Kubernetes"
ETCD_BIN="$("$HERE/build-etcd.sh" 2>>"$STATE/logs/build.log" | tail -n 1)" || fail "building etcd"
KWOK_BIN="$("$HERE/build-kwok.sh" 2>>"$STATE/logs/build.log" | tail -n 1)" || fail "building kwok"
KARPENTER_BIN="$("$HERE/build-karpenter-kwok.sh" 2>>"$STATE/logs/build.log" | tail -n 1)" || fail "building Karpenter"
KARPENTER_CRDS="$(dirname "$KARPENTER_BIN")/crds"
RELAY="$CACHE_ROOT/relay/bin/relay"
if [ ! -x "$RELAY" ]; then
  (cd "$HERE/relay" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -o "$RELAY" .) >>"$STATE/logs/build.log" 2>&1 \
    || fail "building the relay"
fi
HARNESS_JAR="$("$HERE/build-harness.sh" 2>>"$STATE/logs/build.log" | tail -n 1)" || fail "building the harness (Maven)"
KUBECTL=("$K8S_BIN/kubectl" --kubeconfig "$STATE/kubeconfig" --request-timeout=30s)
T_BUILT=$(date +%s)

# 2. kwok's exec runs commands on this host: `cat /data/out.txt` in a pod runs this shim, which reads the path
#    under the pod's root (STATEFULEBS_POD_ROOT, set per pod by the harness's kwok Exec object). kwok-controller's
#    PATH holds only the shim, so no other command name resolves.
REAL_CAT="$(command -v cat)"
cat >"$STATE/shim/cat" <<SHIM
#!/bin/sh
# cat for kwok exec: absolute paths are read under the pod's root directory.
[ -n "\${STATEFULEBS_POD_ROOT:-}" ] || { echo "cat: this pod has no root directory (no kwok Exec object)" >&2; exit 1; }
n=\$#; i=0
while [ "\$i" -lt "\$n" ]; do
  a="\$1"; shift
  case "\$a" in /*) a="\$STATEFULEBS_POD_ROOT\$a";; esac
  set -- "\$@" "\$a"; i=\$((i + 1))
done
exec $REAL_CAT "\$@"
SHIM
chmod +x "$STATE/shim/cat"

# 3. The control plane and kwok, through kwokctl's binary runtime, bound to 127.0.0.1.
cat >"$STATE/kwokctl.yaml" <<CONF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  bindAddress: 127.0.0.1
  # Node loss plays out in seconds rather than minutes (each is a divergence from EKS, listed in README.md): kwok
  # renews each node's Lease every 5 s (a 20 s Lease; a kubelet's is 40 s, renewed every 10 s), a node is Unknown 30 s
  # after its last renewal (50 s), checked every 5 s; kwokctl's heartbeat factor (default 5, which multiplies all
  # four) is 1. The pods' default not-ready/unreachable tolerations are 15 s (300 s), and the attach-detach controller
  # rechecks VolumeAttachments every 5 s (1 m), so a deleted stale attachment is noticed within seconds.
  heartbeatFactor: 1
  nodeLeaseDurationSeconds: 20
  kubeControllerManagerNodeMonitorPeriodMilliseconds: 5000
  kubeControllerManagerNodeMonitorGracePeriodMilliseconds: 30000
componentsPatches:
- name: kube-apiserver
  extraArgs:
  - key: advertise-address
    value: 127.0.0.1
  - key: default-not-ready-toleration-seconds
    value: "15"
  - key: default-unreachable-toleration-seconds
    value: "15"
- name: kube-controller-manager
  extraArgs:
  - key: attach-detach-reconcile-sync-period
    value: 5s
- name: kwok-controller
  extraEnvs:
  - name: PATH
    value: $STATE/shim
CONF
# kwok's pod stages, but a pod turns Running only once the harness (the container runtime here) has started
# its container and annotated it, as a kubelet reports Running only after the container started.
# kwok's node stages (initialize, heartbeat with a Lease: status every 10-20 minutes, liveness through the Lease, as a
# kubelet), but neither acts on a node annotated statefulebs.io/powered-off (blueprint-it's NodePower: an instance lost
# ungracefully, whose Lease it also took over so that kwok stops renewing it).
STAGES="$(dirname "$KWOK_BIN")/stages"
[ -f "$STAGES/pod-ready.yaml" ] || fail "kwok's pod stages are missing from $STAGES (build-kwok.sh copies them)"
[ -f "$STAGES/node-heartbeat-with-lease.yaml" ] || fail "kwok's node stages are missing from $STAGES (build-kwok.sh copies them)"
for stage in "$STAGES"/node-initialize.yaml "$STAGES"/node-heartbeat-with-lease.yaml; do
  printf -- '\n---\n' >>"$STATE/kwokctl.yaml"
  awk '{ print } /^    matchExpressions:$/ { print "    - key: '"'"'.metadata.annotations[\"statefulebs.io/powered-off\"]'"'"'"; print "      operator: DoesNotExist" }' \
    "$stage" >>"$STATE/kwokctl.yaml"
done
for stage in "$STAGES"/pod-*.yaml; do
  printf -- '\n---\n' >>"$STATE/kwokctl.yaml"
  if [ "$(basename "$stage")" = pod-ready.yaml ]; then
    awk '{ print } /^  selector:$/ { print "    matchAnnotations:"; print "      statefulebs.io/container-started: \"true\"" }' \
      "$stage" >>"$STATE/kwokctl.yaml"
  elif [ "$(basename "$stage")" = pod-delete.yaml ]; then
    # A deleted pod of a powered-off node stays Terminating, as no kubelet confirms it (NodePower annotates its pods).
    awk '{ print } /^    matchExpressions:$/ { print "    - key: '"'"'.metadata.annotations[\"statefulebs.io/powered-off\"]'"'"'"; print "      operator: DoesNotExist" }' \
      "$stage" >>"$STATE/kwokctl.yaml"
  else
    cat "$stage" >>"$STATE/kwokctl.yaml"
  fi
done
grep -q '^    matchAnnotations:$' "$STATE/kwokctl.yaml" || fail "kwok's pod-ready stage has no selector to extend ($STAGES)"
[ "$(grep -c 'statefulebs.io/powered-off' "$STATE/kwokctl.yaml")" -ge 3 ] || fail "kwok's node or pod-delete stages have no selector to extend ($STAGES)"
touch "$STATE/kubeconfig"
PATH="$K8S_BIN:$KWOK_BIN:$PATH" timeout "$START_TIMEOUT" "$KWOK_BIN/kwokctl" --name "$CLUSTER_NAME" \
  --config "$STATE/kwokctl.yaml" create cluster --runtime binary \
  --kube-apiserver-binary "$K8S_BIN/kube-apiserver" \
  --kube-controller-manager-binary "$K8S_BIN/kube-controller-manager" \
  --kube-scheduler-binary "$K8S_BIN/kube-scheduler" \
  --kwok-controller-binary "$KWOK_BIN/kwok" \
  --etcd-binary "$ETCD_BIN/etcd" \
  --enable-crds Exec \
  --kube-audit-policy "$HERE/manifests/audit-policy.yaml" \
  --kubeconfig "$STATE/kubeconfig" \
  --wait 2m >"$STATE/logs/kwokctl.log" 2>&1 || fail "kwokctl create cluster (exit $?)"
SERVER="$(sed -n 's/^ *server: *//p' "$STATE/kubeconfig" | head -n 1)"
case "$SERVER" in https://127.0.0.1:*) ;; *) fail "the API server is at '$SERVER', not on 127.0.0.1" ;; esac
API_PORT="${SERVER##*:}"
T_CONTROL_PLANE=$(date +%s)

wait_for() { # description, then a command to retry for START_TIMEOUT seconds
  local what="$1"; shift
  local deadline=$(( $(date +%s) + START_TIMEOUT ))
  until "$@" >>"$STATE/logs/waits.log" 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "timed out after ${START_TIMEOUT}s waiting for $what"
    sleep 1
  done
}
wait_for "the default ServiceAccount" "${KUBECTL[@]}" -n default get serviceaccount default
# The harness process (harness/, built above): provisions and attaches EBS volumes, reports volumes in use, runs the
# writer containers under $STATE/volumes and $STATE/pods. It writes $STATE/harness.ready once its informers synced.
setsid "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$HARNESS_JAR" \
  "$STATE/kubeconfig" "$STATE" >"$STATE/logs/harness.log" 2>&1 </dev/null &
echo $! >"$STATE/pids/harness"
# The system node (manifests/system-node.yaml: nothing of the tests runs there; it keeps node loss from looking like
# a control-plane partition).
"${KUBECTL[@]}" apply --server-side -f "$HERE/manifests/system-node.yaml" >>"$STATE/logs/apply.log" 2>&1 || fail "applying the system node"
wait_for "the system node Ready" "${KUBECTL[@]}" wait --for=condition=Ready --timeout=5s node/statefulebs-system

# 4. Karpenter's CRDs, then Karpenter. It binds its metrics and health ports on every interface and has no
#    bind-address option, so it runs in a network namespace of its own and reaches the API server through a
#    Unix socket (relay on each side). Without unshare (no privilege), it runs on the host with a warning.
"${KUBECTL[@]}" apply --server-side -f "$KARPENTER_CRDS" >>"$STATE/logs/apply.log" 2>&1 || fail "applying Karpenter's CRDs"
wait_for "Karpenter's CRDs" "${KUBECTL[@]}" wait --for=condition=Established --timeout=5s \
  crd/nodepools.karpenter.sh crd/nodeclaims.karpenter.sh crd/nodeoverlays.karpenter.sh crd/kwoknodeclasses.karpenter.kwok.sh
KARPENTER_ENV=(KUBECONFIG="$STATE/kubeconfig" DISABLE_LEADER_ELECTION=true SYSTEM_NAMESPACE=kube-system
  METRICS_PORT="${KARPENTER_METRICS_PORT:-8080}" HEALTH_PROBE_PORT="${KARPENTER_HEALTH_PORT:-8081}"
  INSTANCE_TYPES_FILE_PATH="$HERE/manifests/instance-types.json" LOG_LEVEL="${KARPENTER_LOG_LEVEL:-info}")
if unshare -n true 2>/dev/null; then
  setsid "$RELAY" -listen "unix:$STATE/apiserver.sock" -to "tcp:127.0.0.1:$API_PORT" \
    >"$STATE/logs/relay.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/relay"
  setsid unshare -n sh -c 'ip link set lo up && { "$0" -listen "tcp:127.0.0.1:$1" -to "unix:$2" & } && shift 2 && exec env "$@"' \
    "$RELAY" "$API_PORT" "$STATE/apiserver.sock" "${KARPENTER_ENV[@]}" "$KARPENTER_BIN/karpenter-kwok" \
    >"$STATE/logs/karpenter.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/karpenter"
else
  echo "start.sh: WARNING: no network namespace (unshare -n refused): Karpenter's metrics and health ports" \
    "${KARPENTER_METRICS_PORT:-8080}/${KARPENTER_HEALTH_PORT:-8081} listen on every interface" >&2
  setsid env "${KARPENTER_ENV[@]}" "$KARPENTER_BIN/karpenter-kwok" >"$STATE/logs/karpenter.log" 2>&1 </dev/null &
  echo $! >"$STATE/pids/karpenter"
fi

# 5. The blueprint's cluster objects: the node class (Ready), the default NodePool, the EBS CSIDriver.
"${KUBECTL[@]}" apply --server-side -f "$HERE/manifests/kwok-nodeclass.yaml" -f "$HERE/manifests/ebs-csi-driver.yaml" \
  >>"$STATE/logs/apply.log" 2>&1 || fail "applying the node class and the CSIDriver"
NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
"${KUBECTL[@]}" patch kwoknodeclass default --subresource=status --type=merge -p \
  "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"reason\":\"Ready\",\"message\":\"\",\"lastTransitionTime\":\"$NOW\",\"observedGeneration\":1}]}}" \
  >>"$STATE/logs/apply.log" 2>&1 || fail "marking the KWOKNodeClass Ready"
sed -e "s/\${CONSOLIDATION_POLICY}/$CONSOLIDATION_POLICY/" -e "s/\${CONSOLIDATE_AFTER}/$CONSOLIDATE_AFTER/" \
  "$HERE/manifests/default-nodepool.yaml.tmpl" >"$STATE/default-nodepool.yaml"
"${KUBECTL[@]}" apply --server-side -f "$STATE/default-nodepool.yaml" >>"$STATE/logs/apply.log" 2>&1 \
  || fail "applying the default NodePool"
wait_for "NodePool default Ready (Karpenter running)" "${KUBECTL[@]}" wait --for=condition=Ready --timeout=5s nodepool/default
HARNESS_DEADLINE=$(( $(date +%s) + START_TIMEOUT ))
until [ -f "$STATE/harness.ready" ]; do
  kill -0 "$(cat "$STATE/pids/harness")" 2>/dev/null || fail "the harness exited (its log: $STATE/logs/harness.log)"
  [ "$(date +%s)" -lt "$HARNESS_DEADLINE" ] || fail "timed out after ${START_TIMEOUT}s waiting for $STATE/harness.ready"
  sleep 1
done
T_READY=$(date +%s)
trap - INT TERM

echo "start.sh: ready in $((T_READY - T0))s (binaries and harness build $((T_BUILT - T0))s, control plane $((T_CONTROL_PLANE - T_BUILT))s," \
  "harness, Karpenter and NodePool $((T_READY - T_CONTROL_PLANE))s); API server $SERVER; logs in $STATE/logs and $COMPONENT_LOGS" >&2
echo "$STATE/kubeconfig"
