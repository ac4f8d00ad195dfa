#!/usr/bin/env bash
# Builds kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (kwokctl needs it to check the
# cluster is served; the scripts use it to apply the Karpenter objects) from Go modules (no Docker, no release
# downloads) into a cache outside the repository, keyed by version; reuses them when already built.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$HERE/versions.env"
CACHE="${STATEFULEBS_CACHE:-$HOME/.cache/statefulebs}/kubernetes-$K8S_VERSION"
BIN="$CACHE/bin"
COMMANDS="kube-apiserver kube-controller-manager kube-scheduler kubectl"
missing=""
for cmd in $COMMANDS; do [ -x "$BIN/$cmd" ] || missing="$missing $cmd"; done
if [ -z "$missing" ]; then
  echo "$BIN"; exit 0
fi
STAGING_VERSION="v0.${K8S_VERSION#v1.}"
WORK="$CACHE/module"
mkdir -p "$WORK" "$BIN"
cd "$WORK"
export GOFLAGS=-mod=mod
go mod download k8s.io/kubernetes@"$K8S_VERSION"
MODFILE="$(go env GOMODCACHE)/cache/download/k8s.io/kubernetes/@v/$K8S_VERSION.mod"
{
  echo "module statefulebs.local/controlplane"
  echo "go 1.24"
  echo "require k8s.io/kubernetes $K8S_VERSION"
  echo "replace ("
  grep -E '^\s+k8s.io/[a-z0-9-]+ => ./staging/' "$MODFILE" | awk -v v="$STAGING_VERSION" '{print "\t" $1 " => " $1 " " v}'
  echo ")"
} > go.mod
cat > tools.go <<'GO'
//go:build tools

package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
GO
go mod tidy -e >/dev/null 2>&1 || true
go mod download
MINOR="${K8S_VERSION#v1.}"; MINOR="${MINOR%%.*}"
LDFLAGS="-s -w -X k8s.io/component-base/version.gitVersion=$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$MINOR"
for cmd in $missing; do
  CGO_ENABLED=0 nice -n 10 go build -trimpath -ldflags "$LDFLAGS" -o "$BIN/$cmd.tmp" "k8s.io/kubernetes/cmd/$cmd"
  mv "$BIN/$cmd.tmp" "$BIN/$cmd"
done
echo "$BIN"
