"""Shared machinery for the reliability scenarios (tests/reliability/test_*.py).

Each scenario is a plain function that runs a number of trials and returns an `Outcome`: how
many runs, every defect found (in words), one figure, and the time it took. The pytest tests run
them at CI counts and fail on any defect; `run_release.py` runs the same tests at release counts
and prints the figures as a table.

    UNKNOT_RELIABILITY_SCALE=ci|release    which counts to use (default: ci)
    UNKNOT_RELIABILITY_FIGURES=DIR         where each test writes its Outcome as JSON

Nothing here changes how the core behaves, with one documented exception: `memoized_kdf()` lets
a scenario that opens the same vault thousands of times pay for Argon2id once per (passphrase,
salt, parameters). The derived key is exactly the one Argon2id gives; only the waiting is skipped.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

REPO_ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCALE_ENV = "UNKNOT_RELIABILITY_SCALE"
FIGURES_ENV = "UNKNOT_RELIABILITY_FIGURES"
PASSPHRASE = "correct horse battery staple"
T = TypeVar("T")


def scale() -> str:
    value = os.environ.get(SCALE_ENV, "ci").strip().lower()
    return "release" if value == "release" else "ci"


def count(ci: T, release: T) -> T:
    """The number of trials (or any setting) for the current scale."""
    return release if scale() == "release" else ci


@dataclass
class Outcome:
    """What one scenario (or one part of it) found."""

    scenario: str
    part: str
    runs: int = 0
    failures: list[str] = field(default_factory=list)
    figure: str = ""
    seconds: float = 0.0
    notes: str = ""
    started: float = field(default_factory=time.perf_counter, repr=False)

    def fail(self, text: str) -> None:
        self.failures.append(text)

    def finish(self, figure: str, notes: str = "") -> Outcome:
        self.figure = figure
        if notes:
            self.notes = notes
        self.seconds = time.perf_counter() - self.started
        return self

    def record(self) -> None:
        folder = os.environ.get(FIGURES_ENV)
        if not folder:
            return
        data = asdict(self)
        data.pop("started")
        data["failure_count"] = len(self.failures)
        data["failures"] = self.failures[:20]
        data["scale"] = scale()
        name = "".join(ch if ch.isalnum() else "-" for ch in f"{self.scenario}-{self.part}")
        Path(folder, f"{name}.json").write_text(json.dumps(data, indent=2), encoding="utf-8")

    def check(self) -> None:
        """Record the figures, then fail the test if anything was found."""
        self.record()
        shown = "\n  ".join(self.failures[:15])
        more = f"\n  … and {len(self.failures) - 15} more" if len(self.failures) > 15 else ""
        assert not self.failures, (
            f"{self.scenario} / {self.part}: {len(self.failures)} of {self.runs} runs found "
            f"a defect ({self.figure}):\n  {shown}{more}")


@contextlib.contextmanager
def memoized_kdf() -> Iterator[None]:
    """Argon2id once per (passphrase, salt, parameters) while inside the block."""
    from journal import crypto

    original = crypto.derive_key
    remembered = functools.cache(original)

    def derive(passphrase: str, salt: bytes, params: crypto.KdfParams) -> bytes:
        if not params.within_limits():
            return original(passphrase, salt, params)  # let it refuse, as it would
        return remembered(passphrase, salt, params)

    crypto.derive_key = derive  # type: ignore[assignment]
    try:
        yield
    finally:
        crypto.derive_key = original  # type: ignore[assignment]


# --- child processes -------------------------------------------------------------------------

def child_env(**extra: str) -> dict[str, str]:
    """The environment for a helper process: the repo importable, the fast key-derivation
    floor, no bytecode written."""
    env = dict(os.environ)
    paths = [str(REPO_ROOT), str(REPO_ROOT / "tests"), str(HERE)]
    if env.get("PYTHONPATH"):
        paths.append(env["PYTHONPATH"])
    env.update(PYTHONPATH=os.pathsep.join(paths), UNKNOT_KDF_PROFILE="floor",
               PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def cli_command() -> list[str]:
    """`unknot-cli` as installed beside this Python, or the module if it is not."""
    script = Path(sys.executable).with_name("unknot-cli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "journal.cli"]


@functools.cache
def strace() -> str | None:
    """strace, if it is installed and allowed to trace (containers may forbid ptrace)."""
    found = shutil.which("strace")
    if found is None:
        return None
    try:
        probe = subprocess.run([found, "-f", "-qq", "-e", "trace=none", "true"],
                               capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found if probe.returncode == 0 else None


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started
