#!/usr/bin/env python3
"""Regenerate packaging/flatpak/python3-deps.json from the pinned versions in
packaging/flatpak/python3-requirements.txt.

For each architecture the Flatpak is built for, pip finds the exact files of the pinned versions
for the runtime's Python (wheels only: a Flatpak build is offline and has no Rust compiler for
cryptography or nh3), downloads them, and this script takes the sha256 of each downloaded file.
Files that are the same on every architecture are listed once; the others carry `only-arches`.

    python3 packaging/flatpak-deps.py            # write packaging/flatpak/python3-deps.json
    python3 packaging/flatpak-deps.py --check    # fail if the file is out of date

Needs pip and access to PyPI. The runtime's Python is RUNTIME_PYTHON below (the KDE 6.10 runtime
is built on freedesktop 24.08, which has Python 3.12).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent / "flatpak"
REQUIREMENTS = HERE / "python3-requirements.txt"
OUTPUT = HERE / "python3-deps.json"
RUNTIME_PYTHON = "3.12"
ARCHES = {
    "x86_64": ["manylinux_2_28_x86_64", "manylinux_2_17_x86_64", "manylinux2014_x86_64"],
    "aarch64": ["manylinux_2_28_aarch64", "manylinux_2_17_aarch64", "manylinux2014_aarch64"],
}


def pins() -> list[str]:
    lines = REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    found = [line.split("#")[0].strip() for line in lines]
    found = [line for line in found if line]
    loose = [line for line in found if "==" not in line]
    if loose:
        raise SystemExit(f"{REQUIREMENTS.name}: pin every version with ==: {loose}")
    return found


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--quiet", *args], check=True)


def files_for(arch: str, requirements: list[str], work: Path) -> dict[str, tuple[str, str]]:
    """{file name: (url, sha256)} of the pinned versions' wheels for one architecture."""
    platform = [arg for tag in ARCHES[arch] for arg in ("--platform", tag)]
    target = ["--only-binary=:all:", *platform, "--python-version", RUNTIME_PYTHON,
              "--implementation", "cp", "--no-deps"]
    folder = work / arch
    _pip("download", *target, "--dest", str(folder), *requirements)
    report = work / f"{arch}.json"
    _pip("install", "--dry-run", "--ignore-installed", "--target", str(work / "unused"),
         "--report", str(report), *target, *requirements)
    urls = {Path(item["download_info"]["url"]).name: item["download_info"]["url"]
            for item in json.loads(report.read_text(encoding="utf-8"))["install"]}
    found = {}
    for path in sorted(folder.iterdir()):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        url = urls.get(path.name, "")
        if not url.startswith("https://"):
            # A local mirror answered: PyPI's stable address for the same file.
            url = _pypi_url(path.name)
        found[path.name] = (url, digest)
    return found


def _pypi_url(filename: str) -> str:
    project = filename.split("-")[0]
    python_tag = filename.split("-")[-3] if filename.endswith(".whl") else "source"
    return (f"https://files.pythonhosted.org/packages/{python_tag}/{project[0]}/{project}/"
            f"{quote(filename)}")


def module(requirements: list[str], work: Path) -> dict[str, object]:
    by_arch = {arch: files_for(arch, requirements, work) for arch in ARCHES}
    sources: list[dict[str, object]] = []
    names = sorted({name for files in by_arch.values() for name in files})
    for name in names:
        arches = [arch for arch, files in by_arch.items() if name in files]
        url, digest = next(by_arch[arch][name] for arch in arches)
        source: dict[str, object] = {"type": "file", "url": url, "sha256": digest}
        if len(arches) < len(ARCHES):
            source["only-arches"] = arches
        sources.append(source)
    projects = " ".join(requirement.split("==")[0] for requirement in requirements)
    return {
        "name": "python3-deps",
        "buildsystem": "simple",
        "build-commands": [
            "pip3 install --verbose --exists-action=i --no-index --find-links=\"file://${PWD}\""
            f" --prefix=${{FLATPAK_DEST}} --no-build-isolation {projects}"
        ],
        "sources": sources,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="fail if python3-deps.json is not what the pins give")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        text = json.dumps(module(pins(), Path(work)), indent=4) + "\n"
    if args.check:
        if not OUTPUT.exists() or OUTPUT.read_text(encoding="utf-8") != text:
            print(f"{OUTPUT} is out of date: run {Path(__file__).name}",  # noqa: T201
                  file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUTPUT}")  # noqa: T201 - a script reports
    return 0


if __name__ == "__main__":
    sys.exit(main())
