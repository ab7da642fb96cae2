#!/usr/bin/env bash
# Validate Unknot's Linux desktop files and, when PyInstaller is available, build the bundle.
#
#   packaging/build.sh                 validate, then build dist/unknot/ if PyInstaller is there
#   packaging/build.sh --validate-only validate and stop
#
# PYTHON picks the interpreter that has Unknot and PyInstaller installed (default: python3), e.g.
#   PYTHON=.venv/bin/python packaging/build.sh
#
# Validation needs desktop-file-validate and appstreamcli (Debian/Ubuntu:
# `apt-get install desktop-file-utils appstream`). The Flatpak is not built here: see
# packaging/flatpak/org.unknot.Unknot.yml.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
APP_ID=org.unknot.Unknot
LINUX=packaging/linux
PYTHON=${PYTHON:-python3}

validate_only=false
case "${1:-}" in
    "") ;;
    --validate-only) validate_only=true ;;
    -h | --help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

need() {
    command -v "$1" >/dev/null 2>&1 \
        || fail "$1 not found. Install Debian's '$2' package (apt-get install $2), then run again."
}

# --- 1. Validate the desktop entry, the AppStream metainfo and the icons ----------------------

need desktop-file-validate desktop-file-utils
need appstreamcli appstream

say "desktop-file-validate $LINUX/$APP_ID.desktop"
desktop-file-validate "$LINUX/$APP_ID.desktop"  # exits non-zero on errors; hints are printed only

say "appstreamcli validate --no-net $LINUX/$APP_ID.metainfo.xml"
appstreamcli validate --no-net "$LINUX/$APP_ID.metainfo.xml"

# The files as they are laid out once installed, so the launchable and the icon are checked
# together.
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -Dm644 "$LINUX/$APP_ID.desktop" -t "$stage/usr/share/applications/"
install -Dm644 "$LINUX/$APP_ID.metainfo.xml" -t "$stage/usr/share/metainfo/"
install -Dm644 "$LINUX"/icons/hicolor/scalable/apps/*.svg \
    -t "$stage/usr/share/icons/hicolor/scalable/apps/"
say "appstreamcli validate-tree --no-net (installed layout)"
appstreamcli validate-tree --no-net "$stage"

say "icons parse as XML"
for svg in "$LINUX"/icons/hicolor/scalable/apps/*.svg; do
    "$PYTHON" -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' "$svg" \
        || fail "$svg is not well-formed XML"
    echo "ok  $svg"
done

echo
echo "Linux desktop files: valid."
if $validate_only; then
    exit 0
fi

# --- 2. PyInstaller bundle ---------------------------------------------------------------------

if ! "$PYTHON" -c 'import PyInstaller' >/dev/null 2>&1; then
    echo
    echo "PyInstaller is not installed for $PYTHON, so no bundle was built."
    echo "To build one: $PYTHON -m pip install pyinstaller '$ROOT', then run this script again."
    exit 0
fi
"$PYTHON" -c 'import app.main, journal.cli' >/dev/null 2>&1 \
    || fail "$PYTHON cannot import Unknot. Install it first: $PYTHON -m pip install '$ROOT'"

say "PyInstaller: dist/unknot/"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/pyinstaller/unknot.spec

say "smoke test: both programs answer --help without a display"
QT_QPA_PLATFORM=offscreen dist/unknot/unknot --help >/dev/null \
    || fail "dist/unknot/unknot --help failed"
dist/unknot/unknot-cli --help >/dev/null || fail "dist/unknot/unknot-cli --help failed"

echo
echo "Built dist/unknot/ (run dist/unknot/unknot; dist/unknot/unknot-cli for the command line)."
echo "For portable use, put an empty file named unknot-portable.txt beside the programs."
