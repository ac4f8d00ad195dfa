#!/usr/bin/env bash
# Builds etcd from its Go module (go.etcd.io/etcd/server/v3, main package at the module root) into a cache
# outside the repository, keyed by version; reuses it when already built. The server module's go.mod has
# replace directives, so `go install module@version` refuses it: a wrapper module requires it instead.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.env
. "$HERE/versions.env"
ETCD_VERSION="${ETCD_VERSION_OVERRIDE:-$ETCD_VERSION}"
CACHE="${STATEFULEBS_CACHE:-$HOME/.cache/statefulebs}/etcd-$ETCD_VERSION"
BIN="$CACHE/bin"
if [ -x "$BIN/etcd" ]; then echo "$BIN"; exit 0; fi
mkdir -p "$CACHE/module" "$BIN"
cd "$CACHE/module"
export GOFLAGS=-mod=mod CGO_ENABLED=0
cat > go.mod <<MOD
module statefulebs.local/etcd
go 1.23
require go.etcd.io/etcd/server/v3 $ETCD_VERSION
MOD
cat > tools.go <<'GO'
//go:build tools

package tools

import _ "go.etcd.io/etcd/server/v3"
GO
# server/v3 requires its sibling modules (api, client, pkg, raft) at the same release: minimal version selection
# keeps them there, as long as nothing else in this wrapper asks for newer ones.
go mod tidy -e >/dev/null 2>&1 || true
nice -n 10 go build -trimpath -ldflags "-s -w" -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3
mv "$BIN/etcd.tmp" "$BIN/etcd"
echo "$BIN"
