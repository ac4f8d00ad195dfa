#!/usr/bin/env bash
# Builds the local cluster's harness (harness/: a Java process, see README.md) with Maven into a cache outside the
# repository, keyed by a hash of its sources, blueprint-api's and the poms that set its dependencies' versions; reuses it when the
# sources did not change. Prints the jar's path last.
# Maven runs under `flock /tmp/mvn.lock` when flock exists (the lock the machine's Maven runs share): do not run this,
# or start.sh, while holding that lock yourself.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE_ROOT="${STATEFULEBS_CACHE:-$HOME/.cache/statefulebs}"
KEY="$( (cd "$ROOT" && find tools/local-cluster/harness blueprint-api/src/main -path tools/local-cluster/harness/target -prune \
  -o -type f -print | LC_ALL=C sort | xargs sha256sum; sha256sum pom.xml blueprint-bom/pom.xml blueprint-api/pom.xml) \
  | sha256sum | cut -c1-16)"
CACHE="$CACHE_ROOT/harness-$KEY"
JAR="$CACHE/local-cluster-harness.jar"
if [ -f "$JAR" ]; then
  echo "$JAR"; exit 0
fi
MVN=(mvn)
if command -v flock >/dev/null; then MVN=(flock /tmp/mvn.lock mvn); fi
# In the reactor with blueprint-api (the harness reads the blueprint's writer scripts with its classes); nothing is
# installed, and only what the jar needs is built.
nice -n 10 "${MVN[@]}" -B -q -f "$ROOT/pom.xml" -pl tools/local-cluster/harness -am package -DskipTests \
  -Dmaven.javadoc.skip=true -Dmaven.source.skip=true >&2
mkdir -p "$CACHE"
cp "$HERE/harness/target/local-cluster-harness.jar" "$JAR.tmp"
mv "$JAR.tmp" "$JAR"
# Builds of other sources (other branches or worktrees may still use them) go once unused for a week.
find "$CACHE_ROOT" -maxdepth 1 -name 'harness-*' ! -name "harness-$KEY" -mtime +7 -exec rm -rf {} + 2>/dev/null || true
echo "$JAR"
