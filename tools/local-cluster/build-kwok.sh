#!/usr/bin/env bash
# Builds kwok (the fake kubelet controller) and kwokctl (the cluster launcher) from their Go module into a
# cache outside the repository, keyed by version; reuses them when already built.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$HERE/versions.env"
CACHE="${STATEFULEBS_CACHE:-$HOME/.cache/statefulebs}/kwok-$KWOK_VERSION"
BIN="$CACHE/bin"
STAGES="$CACHE/stages"
if [ -x "$BIN/kwok" ] && [ -x "$BIN/kwokctl" ] && [ -f "$STAGES/pod-ready.yaml" ] && [ -f "$STAGES/node-heartbeat-with-lease.yaml" ]; then
  echo "$BIN"; exit 0
fi
mkdir -p "$BIN"
export GOFLAGS=-mod=mod CGO_ENABLED=0
# kwok's own pod stages (the "fast" set kwok applies when given none) and node stages (initialize, heartbeat with a
# Lease), kept beside the binaries: start.sh derives the tier's stages from them, so they always match the kwok that
# runs them.
if [ ! -f "$STAGES/pod-ready.yaml" ] || [ ! -f "$STAGES/node-heartbeat-with-lease.yaml" ]; then
  # Outside any module or workspace, so no go.mod or go.work of the caller's is read or written.
  MODULE_DIR="$(cd "$CACHE" && GOWORK=off GOFLAGS= go mod download -json "sigs.k8s.io/kwok@$KWOK_VERSION" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  [ -d "$MODULE_DIR/kustomize/stage/pod/fast" ] || { echo "build-kwok.sh: no kwok module source for $KWOK_VERSION" >&2; exit 1; }
  mkdir -p "$STAGES"
  cp "$MODULE_DIR"/kustomize/stage/pod/fast/pod-*.yaml "$MODULE_DIR"/kustomize/stage/node/fast/node-initialize.yaml \
    "$MODULE_DIR"/kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml "$STAGES/"
  chmod u+w "$STAGES"/*.yaml
fi
LDFLAGS="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}"
for cmd in kwok kwokctl; do
  [ -x "$BIN/$cmd" ] && continue
  GOBIN="$BIN" nice -n 10 go install -trimpath -ldflags "$LDFLAGS" "sigs.k8s.io/kwok/cmd/$cmd@$KWOK_VERSION"
done
echo "$BIN"
