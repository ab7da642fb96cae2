"""The built wheel, installed into a fresh virtual environment in another folder, is Unknot:
its top level holds `unknot` alone, and `unknot` and `unknot-cli` run from it.

Installing PySide6 and the other dependencies into a fresh environment would take minutes, so
the fresh environment borrows them: a `.pth` file in its site-packages names the dev
environment's site-packages. A path added by a `.pth` line is put on sys.path but its own `.pth`
files are not run, so the dev install's editable finder (which maps `unknot` onto this checkout)
stays off, and `unknot` can only come from the wheel. The first test proves that.

Everything runs offline, as the suite does: no build isolation, no index.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "a wheel of our own, tried in a clean room"

pytestmark = pytest.mark.slow

# What setuptools needs to build the wheel; the rest of the checkout stays behind.
_LEFT_BEHIND = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info",
                                      "__pycache__", ".*cache*", ".hypothesis", "tests",
                                      "bench-out")


def _run(command: list[str | Path], cwd: Path, env: dict[str, str],
         stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(c) for c in command], cwd=cwd, env=env, input=stdin,
                            capture_output=True, text=True, timeout=timeout, check=False)
    assert result.returncode == 0, (
        f"{command} ended with {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


class FreshVenv:
    def __init__(self, folder: Path, wheel: Path) -> None:
        self.folder = folder
        self.wheel = wheel
        self.bin = folder / "bin"
        self.python = self.bin / "python"
        # Outside the checkout, with nothing on PYTHONPATH: only the wheel can provide unknot.
        self.cwd = folder.parent / "elsewhere"
        self.cwd.mkdir()
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
        self.env.update(QT_QPA_PLATFORM="offscreen", UNKNOT_KDF_PROFILE="floor",
                        HOME=str(folder.parent / "home"), PYTHONDONTWRITEBYTECODE="1")

    def run(self, *command: str | Path, stdin: str | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return _run(list(command), self.cwd, self.env, stdin, timeout)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> FreshVenv:
    base = tmp_path_factory.mktemp("wheel")
    assert not base.resolve().is_relative_to(ROOT)
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=_LEFT_BEHIND)
    out = base / "dist"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "--quiet", "--wheel-dir", out, source], base, env, timeout=300)
    (wheel,) = out.glob("unknot-*.whl")

    folder = base / "venv"
    venv.EnvBuilder(with_pip=False).create(folder)
    site = Path(subprocess.run(
        [folder / "bin" / "python", "-c",
         "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    site.mkdir(parents=True, exist_ok=True)
    (site / "dev-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n",
                                               encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", folder / "bin" / "python", "install",
          "--no-deps", "--no-index", "--quiet", wheel], base, env, timeout=300)
    return FreshVenv(folder, wheel)


def test_the_wheels_top_level_is_unknot_alone(fresh: FreshVenv) -> None:
    with zipfile.ZipFile(fresh.wheel) as archive:
        names = archive.namelist()
    top = {name.split("/", 1)[0] for name in names}
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    assert top == {"unknot", f"unknot-{version}.dist-info"}
    # The resources travel with the code (DESIGN.md §3): the article, the signs, the icons,
    # and the translations the window loads (the compiled .qm beside its .ts source).
    for wanted in ("unknot/resources/article.md", "unknot/resources/signs.json",
                   "unknot/resources/help.es.md", "unknot/resources/signs.es.json",
                   "unknot/resources/translations/unknot_es.qm",
                   "unknot/resources/translations/unknot_es.ts",
                   "unknot/resources/translations/core.es.json"):
        assert wanted in names
    assert any(n.startswith("unknot/resources/icons/") and n.endswith(".svg") for n in names)


def test_unknot_comes_from_the_fresh_venv_not_the_checkout(fresh: FreshVenv) -> None:
    found = fresh.run(fresh.python, "-c", "import json, unknot, unknot.journal, unknot.app; "
                      "print(json.dumps([list(unknot.__path__), unknot.journal.__file__, "
                      "unknot.app.__file__]))")
    paths, journal_file, app_file = json.loads(found.stdout)
    inside = fresh.folder.resolve()
    assert [Path(p).resolve().is_relative_to(inside) for p in paths] == [True] * len(paths)
    assert Path(journal_file).resolve().is_relative_to(inside)
    assert Path(app_file).resolve().is_relative_to(inside)
    # The borrowed site-packages holds no package named like one of our folders.
    nothing = fresh.run(fresh.python, "-c", "import importlib.util as u; "
                        "print([n for n in ('app', 'journal', 'resources') if u.find_spec(n)])")
    assert nothing.stdout.strip() == "[]"


def test_unknot_reports_its_version(fresh: FreshVenv) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    assert fresh.run(fresh.bin / "unknot", "--version").stdout.strip() == f"unknot {version}"


def test_unknot_cli_reports_its_version(fresh: FreshVenv) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["version"]
    assert version in fresh.run(fresh.bin / "unknot-cli", "--version").stdout


def test_unknot_cli_keeps_an_entry(fresh: FreshVenv, tmp_path: Path) -> None:
    secret = tmp_path / "passphrase"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    secret.chmod(0o600)
    vault = tmp_path / "journal.unknot"
    cli = fresh.bin / "unknot-cli"
    fresh.run(cli, "init", "--vault", vault, "--passphrase-file", secret)
    fresh.run(cli, "add", "--vault", vault, "--passphrase-file", secret, "--title", "Tuesday",
              "--sign", "isolated", stdin="He went quiet again when I said I was going out.\n")
    listed = json.loads(fresh.run(cli, "list", "--json", "--vault", vault,
                                  "--passphrase-file", secret).stdout)
    (entry,) = listed["entries"]
    assert entry["title"] == "Tuesday"
    assert entry["body"].strip() == "He went quiet again when I said I was going out."
    assert entry["signs"] == ["isolated"]


def test_the_window_shows_and_ends_cleanly(fresh: FreshVenv, tmp_path: Path) -> None:
    data = tmp_path / "portable"
    fresh.run(fresh.bin / "unknot", "--data-dir", data, "--quit-when-shown", timeout=120)
    assert data.is_dir()  # it kept its folders where it was told
