#!/usr/bin/env bash
# Validate Unknot's Linux desktop files and build the PyInstaller bundle, then start it.
#
#   packaging/build.sh                 validate, then build dist/unknot/ if PyInstaller is there
#   packaging/build.sh --validate-only validate and stop
#   packaging/build.sh --bundle-only   build (PyInstaller must be there) without validating
#
# PYTHON picks the interpreter that has Unknot and PyInstaller installed (default: python3), e.g.
#   PYTHON=.venv/bin/python packaging/build.sh      (pip install -e '.[bundle]' first)
#
# A bundle counts as built only once it has started: it is run headless (offscreen) with an
# empty data folder and --quit-when-shown, must show its first window and exit 0. Its unpacked
# size and the build time are printed. Validation needs desktop-file-validate and appstreamcli
# (Debian/Ubuntu: `apt-get install desktop-file-utils appstream`). The Flatpak is not built
# here: see packaging/README.md.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
APP_ID=org.unknot.Unknot
LINUX=packaging/linux
PYTHON=${PYTHON:-python3}

validate_only=false
bundle_only=false
case "${1:-}" in
    "") ;;
    --validate-only) validate_only=true ;;
    --bundle-only) bundle_only=true ;;
    -h | --help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown option '$1' (try --help)" >&2; exit 2 ;;
esac

say() { printf '\n== %s\n' "$*"; }
fail() { printf 'build.sh: %s\n' "$*" >&2; exit 1; }

need() {
    command -v "$1" >/dev/null 2>&1 \
        || fail "$1 not found. Install Debian's '$2' package (apt-get install $2), then run again."
}

# --- 1. Validate the desktop entry, the AppStream metainfo and the icons ----------------------

validate() {
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
}

if ! $bundle_only; then
    validate
    if $validate_only; then
        exit 0
    fi
fi

# --- 2. PyInstaller bundle ---------------------------------------------------------------------

if ! "$PYTHON" -c 'import PyInstaller' >/dev/null 2>&1; then
    $bundle_only && fail "PyInstaller is not installed for $PYTHON: $PYTHON -m pip install -e '$ROOT[bundle]'"
    echo
    echo "PyInstaller is not installed for $PYTHON, so no bundle was built."
    echo "To build one: $PYTHON -m pip install -e '$ROOT[bundle]', then run this script again."
    exit 0
fi
"$PYTHON" -c 'import unknot.app.main, unknot.journal.cli' >/dev/null 2>&1 \
    || fail "$PYTHON cannot import Unknot. Install it first: $PYTHON -m pip install -e '$ROOT[bundle]'"

say "PyInstaller with $("$PYTHON" -c 'import platform; print("Python", platform.python_version())'): dist/unknot/"
started=$(date +%s)
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
    packaging/pyinstaller/unknot.spec
built=$(date +%s)

say "smoke test: the window shows (offscreen) and Unknot exits 0; the command line answers"
data=$(mktemp -d)
status=0
QT_QPA_PLATFORM=offscreen timeout 120 dist/unknot/unknot --data-dir "$data" --quit-when-shown \
    || status=$?
rm -rf "$data"
[ "$status" = 0 ] || fail "dist/unknot/unknot did not show its first window and exit 0 (exit $status)"
echo "ok  dist/unknot/unknot --quit-when-shown"
dist/unknot/unknot --version || fail "dist/unknot/unknot --version failed"
dist/unknot/unknot-cli --version || fail "dist/unknot/unknot-cli --version failed"
dist/unknot/unknot-cli --help >/dev/null || fail "dist/unknot/unknot-cli --help failed"

size=$(du -sm dist/unknot | cut -f1)
echo
echo "Built dist/unknot/ in $((built - started)) s: ${size} MiB unpacked (goal: at most 150 MiB)."
echo "Run dist/unknot/unknot; dist/unknot/unknot-cli for the command line. For portable use,"
echo "put an empty file named unknot-portable.txt beside the programs."
