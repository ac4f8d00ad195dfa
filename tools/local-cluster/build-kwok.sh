#!/usr/bin/env bash
# Builds kwok (the fake kubelet controller) and kwokctl (the cluster launcher) from their Go module into a
# cache outside the repository, keyed by version; reuses them when already built.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$HERE/versions.env"
CACHE="${STATEFULEBS_CACHE:-$HOME/.cache/statefulebs}/kwok-$KWOK_VERSION"
BIN="$CACHE/bin"
if [ -x "$BIN/kwok" ] && [ -x "$BIN/kwokctl" ]; then echo "$BIN"; exit 0; fi
mkdir -p "$BIN"
export GOFLAGS=-mod=mod CGO_ENABLED=0
LDFLAGS="-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v}"
for cmd in kwok kwokctl; do
  [ -x "$BIN/$cmd" ] && continue
  GOBIN="$BIN" nice -n 10 go install -trimpath -ldflags "$LDFLAGS" "sigs.k8s.io/kwok/cmd/$cmd@$KWOK_VERSION"
done
echo "$BIN"
