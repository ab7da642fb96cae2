#!/usr/bin/env bash
# CI's bundle step (called by .ci/run): build the PyInstaller bundle with the virtual
# environment's Python, which in CI is the oldest Python Unknot supports, start it offscreen to
# its first window (packaging/build.sh fails unless it exits 0), and print its size and the
# time this step took. Needs the venv that .ci/run made; installs the `bundle` extra into it.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
started=$(date +%s)

oldest=$(sed -n 's/^requires-python = ">=\([0-9.]*\)".*/\1/p' pyproject.toml)
running=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$running" != "$oldest" ]; then
    echo "note: building with Python $running; the oldest supported is $oldest" >&2
fi

"$PYTHON" -m pip install --quiet -e '.[bundle]'
PYTHON=$PYTHON packaging/build.sh --bundle-only

echo "bundle step (install, build, start): $(( $(date +%s) - started )) s"
