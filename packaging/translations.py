"""Unknot's translations: refresh the .ts sources from the code, and compile them to .qm.

    python packaging/translations.py update   # pyside6-lupdate app/ -> resources/translations/*.ts
    python packaging/translations.py build    # pyside6-lrelease *.ts -> *.qm (what the app loads)
    python packaging/translations.py check    # exit 1 if a .qm is missing or older than its .ts

The .ts files are the sources a translator edits (with Qt Linguist, pyside6-linguist). The .qm
files are committed beside them, so that a checkout, the wheel and the PyInstaller bundle all
carry what the app loads without a build step; tests/app/test_translations.py fails when a .qm
no longer matches its .ts, and CI runs `check`. Both tools ship with PySide6-Essentials.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("es",)


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease beside this Python, else on PATH."""
    here = Path(sys.executable).with_name(name)
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: it ships with PySide6-Essentials")
    return found


def ts_path(language: str) -> Path:
    return FOLDER / f"unknot_{language}.ts"


def update() -> None:
    for language in LANGUAGES:
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-no-obsolete",
                        "-locations", "none", "-target-language", language,
                        str(ROOT / "app"), "-ts", str(ts_path(language))], check=True)


def compile_to(source: Path, target: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(source), "-qm", str(target)],
                   check=True)


def build() -> None:
    for language in LANGUAGES:
        compile_to(ts_path(language), ts_path(language).with_suffix(".qm"))


def check() -> int:
    stale = []
    with tempfile.TemporaryDirectory() as folder:
        for language in LANGUAGES:
            fresh = Path(folder) / f"unknot_{language}.qm"
            compile_to(ts_path(language), fresh)
            shipped = ts_path(language).with_suffix(".qm")
            if not shipped.exists() or shipped.read_bytes() != fresh.read_bytes():
                stale.append(shipped.name)
    for name in stale:
        sys.stderr.write(f"{name} does not match its .ts: run "
                         "`python packaging/translations.py build`\n")
    return 1 if stale else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "build":
        build()
    elif command == "check":
        sys.exit(check())
    else:
        raise SystemExit(__doc__)
