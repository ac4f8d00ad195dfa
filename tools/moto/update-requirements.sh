#!/usr/bin/env bash
# Regenerates requirements.txt (every pinned package with the hashes of all its PyPI files) from requirements.in,
# using pip-tools in a throw-away virtual environment. Run after changing requirements.in; commit both files.
set -euo pipefail
cd "$(dirname "$0")"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install -q --disable-pip-version-check pip-tools
"$scratch/venv/bin/pip-compile" -q --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links \
  --output-file requirements.txt requirements.in
