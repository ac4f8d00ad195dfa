#!/usr/bin/env bash
# Stops the local cluster start.sh started (the harness, Karpenter, the relays, then kwokctl's components) and removes its state.
# Kills only the processes whose ids start.sh recorded. Safe to run when nothing is running.
set -uo pipefail
. "$(cd "$(dirname "$0")" && pwd)/common.sh"

stop_group() { # pid file: the process was started with setsid, so its id is its group's id
  local file="$1" pid
  [ -f "$file" ] || return 0
  pid="$(cat "$file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

if [ ! -d "$STATE" ]; then echo "stop.sh: nothing at $STATE"; exit 0; fi
stop_group "$STATE/pids/harness"
stop_group "$STATE/pids/karpenter"
stop_group "$STATE/pids/relay"
# The components kwokctl started, by the pid files it keeps: waited for after its delete, killed if still there.
component_pids=""
for f in "$KWOK_WORKDIR/clusters/$CLUSTER_NAME"/pids/*.pid; do
  [ -f "$f" ] && component_pids="$component_pids $(cat "$f")"
done
if [ -x "$KWOK_BIN/kwokctl" ] && [ -d "$KWOK_WORKDIR/clusters/$CLUSTER_NAME" ]; then
  timeout 60 "$KWOK_BIN/kwokctl" --name "$CLUSTER_NAME" delete cluster >"$STATE/stop-kwokctl.log" 2>&1 \
    || { echo "stop.sh: kwokctl delete cluster failed:"; tail -n 20 "$STATE/stop-kwokctl.log"; }
fi
for pid in $component_pids; do
  kill -0 "$pid" 2>/dev/null || continue
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
done
rm -rf "$STATE"
echo "stop.sh: stopped and removed $STATE"
