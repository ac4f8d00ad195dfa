#!/usr/bin/env bash
# Runs one module's tests again and again while busy loops keep every core busy, to flush out tests that fail only
# on a loaded machine. Stops at the first failing run and keeps its log.
#
#   tools/flake-hunt.sh [RUNS] [MODULE] [TESTS] [extra Maven arguments...]
#   tools/flake-hunt.sh 10 blueprint-fabric8                   # the module's own tests (package .../fabric8/)
#   tools/flake-hunt.sh 10 blueprint-fabric8 RetryFaultTest    # one class
#
# MODULE is built with -am (nothing is installed), so TESTS (a Surefire -Dtest pattern, by default the tests under
# the module's package directory, e.g. **/fabric8/**/*Test) keeps the upstream modules' tests from running too.
# Each run takes /tmp/mvn.lock on its own (as every Maven run on a shared machine should), so other builds get the
# lock between runs. Logs go to target/flake-hunt/ of the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-20}
module=${2:-blueprint-fabric8}
tests=${3:-**/${module#blueprint-}/**/*Test}
shift $(( $# > 3 ? 3 : $# ))
logs=target/flake-hunt
mkdir -p "$logs"

burners=()
stop_burners() {
  for pid in "${burners[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_burners EXIT
for _ in $(seq "$(nproc)"); do
  (while :; do :; done) &
  burners+=($!)
done
echo "tests: $tests in $module; load: ${#burners[@]} busy loops (pids ${burners[*]}) on $(nproc) cores"

for run in $(seq "$runs"); do
  log="$logs/run-$run.log"
  start=$(date +%s)
  if flock /tmp/mvn.lock mvn -B -pl "$module" -am -Dsurefire.failIfNoSpecifiedTests=false "-Dtest=$tests" "$@" verify >"$log" 2>&1; then
    echo "run $run/$runs: passed in $(( $(date +%s) - start )) s ($(grep -h 'Tests run:' "$log" | tail -1))"
  else
    echo "run $run/$runs: FAILED in $(( $(date +%s) - start )) s, log: $log"
    grep -E 'Tests run:.*Fail|ERROR\]|Unable to close|blocked for' "$log" | head -20
    exit 1
  fi
done
echo "all $runs runs passed under load"
