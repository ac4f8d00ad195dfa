#!/usr/bin/env bash
# Builds Karpenter's kwok cloud provider (main package sigs.k8s.io/karpenter/kwok) into a cache outside the
# repository, keyed by version, as karpenter-kwok (its own name, kwok, clashes with the kwok controller), and
# copies the CRDs it needs (NodePool, NodeClaim, NodeOverlay, KWOKNodeClass) next to it.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$HERE/versions.env"
CACHE="${STATEFULEBS_CACHE:-$HOME/.cache/statefulebs}/karpenter-$KARPENTER_VERSION"
BIN="$CACHE/bin"
CRDS="$CACHE/crds"
if [ -x "$BIN/karpenter-kwok" ] && [ -f "$CRDS/karpenter.kwok.sh_kwoknodeclasses.yaml" ]; then echo "$BIN"; exit 0; fi
mkdir -p "$BIN" "$CRDS"
export GOFLAGS=-mod=mod CGO_ENABLED=0
TMPBIN="$(mktemp -d)"
trap 'rm -rf "$TMPBIN"' EXIT
GOBIN="$TMPBIN" nice -n 10 go install -trimpath -ldflags "-s -w" "sigs.k8s.io/karpenter/kwok@$KARPENTER_VERSION"
mv "$TMPBIN/kwok" "$BIN/karpenter-kwok"
SRC="$(go env GOMODCACHE)/sigs.k8s.io/karpenter@$KARPENTER_VERSION/kwok"
install -m 0644 "$SRC"/charts/crds/karpenter.sh_nodepools.yaml "$SRC"/charts/crds/karpenter.sh_nodeclaims.yaml \
  "$SRC"/charts/crds/karpenter.sh_nodeoverlays.yaml "$SRC"/apis/crds/karpenter.kwok.sh_kwoknodeclasses.yaml "$CRDS/"
echo "$BIN"
