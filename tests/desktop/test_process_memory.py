"""Another program of the same, ordinary user cannot read the running app's memory through
/proc/PID/mem (the app makes itself non-dumpable); the same read of an ordinary process of that
user succeeds, so the test can fail. Root reads anything, so as root (CI) the app and the probe
run as `nobody`, with a private home and data folder; as an ordinary user they run as that
user. Linux only. (/proc/PID/status says "Dumpable" on few kernels; this is the check that
counts.)"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's /proc")
PROBE = Path(__file__).with_name("mem_probe.py")
NOBODY = 65534


@pytest.fixture
def home() -> Iterator[Path]:
    """A private folder the unprivileged user owns (tmp_path is root's and closed to it)."""
    folder = Path(tempfile.mkdtemp(prefix="unknot-mem-"))
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def as_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv (util-linux): cannot become nobody")
    return [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]


def probe(home: Path, what: str, ready: Path) -> dict[str, object]:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "XDG_DATA_HOME": str(home / "share"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_CACHE_HOME": str(home / "cache"), "XDG_RUNTIME_DIR": str(home),
           "QT_QPA_PLATFORM": "offscreen", "UNKNOT_KDF_PROFILE": "floor"}
    done = subprocess.run(as_user([sys.executable, str(PROBE), what, str(ready),
                                   str(home / "data")]),
                          env=env, capture_output=True, text=True, timeout=240, cwd=home)
    assert done.returncode == 0, done.stderr
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_running_app_cannot_be_read_by_another_program_of_its_user(home: Path) -> None:
    check = subprocess.run(as_user([sys.executable, "-c", "import unknot.app.main"]),
                           capture_output=True, text=True, cwd=home, timeout=120)
    if check.returncode != 0:
        pytest.skip(f"the unprivileged user cannot run this Python: {check.stderr[-300:]}")

    # The control: an ordinary process of the same user, started the same way, can be read.
    control = probe(home, "control", home / "sleeping")
    assert control == {"read": True}, control

    # The app: it makes its folders after it has made itself non-dumpable (app/main.py).
    app = probe(home, "app", home / "data" / "cache")
    assert app.get("read") is False and app.get("errno") in ("EACCES", "EPERM"), app
