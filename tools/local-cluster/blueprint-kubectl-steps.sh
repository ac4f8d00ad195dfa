#!/usr/bin/env bash
# The Karpenter blueprint README's kubectl steps (../shared/blueprint/README.md: "Deploy" from `kubectl apply` on,
# "Results", "Cleanup"), run as written against the cluster of KUBECONFIG with the manifests the walkthrough CLI
# renders (`render --zone ZONE`: its StorageClass and claim are the README's storage.yaml, its Deployment
# workload.yaml), checking each output the README shows. The `aws ec2` zone lookup and `sed -i ''` do not apply: the
# zone is an argument. Cleans up what it created, whatever happens.
#
# Usage: blueprint-kubectl-steps.sh KUBECONFIG [ZONE]   (ZONE default eu-west-2a, one of the local cluster's zones)
# Environment: BLUEPRINT_NAMESPACE (default blueprint-kubectl; the README's commands name no namespace, so they run in
# the kubeconfig context's namespace, set to this one on a copy of the kubeconfig), WALKTHROUGH_JAR (default
# blueprint-examples/target/stateful-ebs-walkthrough.jar), STEP_TIMEOUT seconds per wait (default 180).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
[ $# -ge 1 ] && [ -f "$1" ] || { echo "usage: $0 KUBECONFIG [ZONE]" >&2; exit 2; }
SOURCE_KUBECONFIG="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
ZONE="${2:-eu-west-2a}"
NS="${BLUEPRINT_NAMESPACE:-blueprint-kubectl}"
JAR="${WALKTHROUGH_JAR:-$ROOT/blueprint-examples/target/stateful-ebs-walkthrough.jar}"
STEP_TIMEOUT="${STEP_TIMEOUT:-180}"
[ -f "$JAR" ] || { echo "$0: no $JAR; build it: mvn -B -q -DskipTests package -pl blueprint-examples -am" >&2; exit 2; }
KUBECTL_BIN="$(command -v kubectl || true)"
[ -n "$KUBECTL_BIN" ] || KUBECTL_BIN="$("$HERE/build-binaries.sh" | tail -n 1)/kubectl"
T0=$(date +%s)

WORK="$(mktemp -d)"
export KUBECONFIG="$WORK/kubeconfig"
cp "$SOURCE_KUBECONFIG" "$KUBECONFIG"
kubectl() { "$KUBECTL_BIN" --request-timeout=30s "$@"; }
say() { printf '\n$ %s\n' "$*"; }
fail() { echo "blueprint-kubectl-steps.sh: FAILED: $*" >&2; exit 1; }
# Retries the command until it succeeds, for at most STEP_TIMEOUT seconds.
wait_until() {
  local what="$1" deadline=$(( $(date +%s) + STEP_TIMEOUT )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "timed out after ${STEP_TIMEOUT}s waiting for $what"
    sleep 2
  done
}
cleanup() {
  local status=$?
  set +e
  if [ -d "$WORK/blueprint" ]; then
    say "kubectl delete -f ."
    (cd "$WORK/blueprint" && kubectl delete -f . --ignore-not-found)
    # The claim's volume is deleted by the provisioner once Released: wait for it, then the namespace goes.
    for _ in $(seq 1 60); do
      [ -z "$(kubectl get pv -o jsonpath="{range .items[?(@.spec.claimRef.namespace==\"$NS\")]}{.metadata.name}{end}")" ] && break
      sleep 2
    done
  fi
  kubectl delete namespace "$NS" --ignore-not-found --wait=true --timeout=60s >/dev/null
  rm -rf "$WORK"
  echo "blueprint-kubectl-steps.sh: $([ "$status" -eq 0 ] && echo passed || echo FAILED) in $(( $(date +%s) - T0 ))s" >&2
  exit "$status"
}
trap cleanup EXIT

kubectl get namespace "$NS" >/dev/null 2>&1 && fail "namespace $NS exists: another run, or a leftover (delete it first)"
kubectl create namespace "$NS" >/dev/null
kubectl config set-context --current --namespace="$NS" >/dev/null
mkdir "$WORK/blueprint"
cd "$WORK/blueprint"
java -jar "$JAR" render --zone "$ZONE" --namespace "$NS" >rendered.yaml
# The render's first two documents (StorageClass, claim) are the README's storage.yaml, the third its workload.yaml.
awk '/^---$/ { if (++n == 2) next } { print > (n < 2 ? "storage.yaml" : "workload.yaml") }' rendered.yaml
rm rendered.yaml
grep -q '^kind: StorageClass$' storage.yaml && grep -q '^kind: PersistentVolumeClaim$' storage.yaml \
  && grep -q '^kind: Deployment$' workload.yaml || fail "unexpected render output (storage.yaml, workload.yaml)"

# Deploy.
say "kubectl apply -f storage.yaml"
kubectl apply -f storage.yaml
say "kubectl describe pvc ebs-claim   # until a WaitForFirstConsumer event"
claim_waits() { kubectl describe pvc ebs-claim | grep -q 'WaitForFirstConsumer'; }
wait_until "the claim's WaitForFirstConsumer event" claim_waits
kubectl describe pvc ebs-claim | sed -n '/^Events:/,$p'
say "kubectl apply -f workload.yaml"
kubectl apply -f workload.yaml

# Results: three pods 1/1 Running (none of $1, a deleted pod), the claim Bound.
running_pods() {
  local pods
  pods="$(kubectl get pods --no-headers)"
  [ "$(grep -c -E '^stateful-\S+\s+1/1\s+Running\s' <<<"$pods")" -eq "$1" ] && [ "$(wc -l <<<"$pods")" -eq "$1" ] \
    && ! grep -q -E "^${2:-none}\s" <<<"$pods"
}
show_results() {
  say "kubectl get pods"
  kubectl get pods
  say "kubectl get pvc"
  kubectl get pvc | tee "$WORK/pvc.txt"
  grep -q -E '^ebs-claim\s+Bound\s' "$WORK/pvc.txt" || fail "the claim ebs-claim is not Bound"
}
wait_until "three pods 1/1 Running" running_pods 3
show_results

# The node Karpenter launched is in the StorageClass's zone (ZONE is the last column).
check_nodes() {
  say "kubectl get nodes -L karpenter.sh/capacity-type,beta.kubernetes.io/instance-type,karpenter.sh/nodepool,topology.kubernetes.io/zone -l karpenter.sh/initialized=true"
  kubectl get nodes -L karpenter.sh/capacity-type,beta.kubernetes.io/instance-type,karpenter.sh/nodepool,topology.kubernetes.io/zone \
    -l karpenter.sh/initialized=true | tee "$WORK/nodes.txt"
  local node
  for node in $(kubectl get pods -l app=stateful -o jsonpath='{.items[*].spec.nodeName}'); do
    grep -q -E "^$node\s+Ready\s.*\s$ZONE\$" "$WORK/nodes.txt" || fail "node $node of the pods is not a Ready node in $ZONE"
  done
}
check_nodes

# The file the pods write: a line per pod on start (then one every three minutes).
LINE='^Writing content every three minutes! Printing a random number: [0-9]+$'
read_file() { # the README's two commands; the content goes to $1
  say 'export POD=$(kubectl get pods -l app=stateful -o name | cut -d/ -f2 | tail -n1)'
  POD=$(kubectl get pods -l app=stateful -o name | cut -d/ -f2 | tail -n1)
  export POD
  say "kubectl exec $POD -- cat /data/out.txt"
  kubectl exec "$POD" -- cat /data/out.txt | tee "$1"
  grep -v -q -E "$LINE" "$1" && fail "unexpected lines in /data/out.txt"
  return 0
}
read_file "$WORK/out-1.txt"
[ "$(wc -l <"$WORK/out-1.txt")" -ge 3 ] || fail "/data/out.txt has fewer than three lines (one per pod)"

# Delete a pod: its replacement uses the same claim and reads the same content, plus its own line.
say "kubectl delete pod $POD"
DELETED="$POD"
kubectl delete pod "$POD"
wait_until "three pods 1/1 Running without $DELETED" running_pods 3 "$DELETED"
read_file "$WORK/out-2.txt"
content_survived() { # the earlier content is the start of the later one, which has at least $3 more lines
  [ "$(head -n "$(wc -l <"$1")" "$2")" = "$(cat "$1")" ] && [ "$(wc -l <"$2")" -ge $(( $(wc -l <"$1") + $3 )) ]
}
content_survived "$WORK/out-1.txt" "$WORK/out-2.txt" 1 || fail "the content before the pod's deletion did not survive"

# Scale to 0: the pods go and consolidation removes the now empty node; then back to 3.
NODES="$(kubectl get pods -l app=stateful -o jsonpath='{.items[*].spec.nodeName}' | tr ' ' '\n' | sort -u)"
say "kubectl scale deployment stateful --replicas 0"
kubectl scale deployment stateful --replicas 0
no_pods() { [ -z "$(kubectl get pods -l app=stateful -o name)" ]; }
wait_until "no pods" no_pods
nodes_gone() { local n; for n in $NODES; do kubectl get node "$n" >/dev/null 2>&1 && return 1; done; return 0; }
wait_until "consolidation to remove the empty node(s) $(echo $NODES)" nodes_gone
echo "consolidation removed $(echo $NODES)"
say "kubectl scale deployment stateful --replicas 3"
kubectl scale deployment stateful --replicas 3
wait_until "three pods 1/1 Running after scaling out" running_pods 3
show_results
check_nodes
read_file "$WORK/out-3.txt"
content_survived "$WORK/out-2.txt" "$WORK/out-3.txt" 3 || fail "the content before scaling to 0 did not survive"
echo
echo "blueprint-kubectl-steps.sh: every README output as expected (zone $ZONE, namespace $NS)"
