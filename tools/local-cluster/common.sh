# Shared settings of start.sh and stop.sh (sourced, not run).
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
. "$HERE/versions.env"
CACHE_ROOT="${STATEFULEBS_CACHE:-$HOME/.cache/statefulebs}"
# Everything the running cluster owns: kubeconfig, kwok's work dir, logs, pid files, volumes.
STATE="${STATEFULEBS_LOCAL_STATE:-${TMPDIR:-/tmp}/statefulebs-local}"
CLUSTER_NAME="${STATEFULEBS_LOCAL_NAME:-statefulebs}"
KWOK_BIN="$CACHE_ROOT/kwok-$KWOK_VERSION/bin"
export KWOK_WORKDIR="$STATE/kwok"
COMPONENT_LOGS="$KWOK_WORKDIR/clusters/$CLUSTER_NAME/logs"
