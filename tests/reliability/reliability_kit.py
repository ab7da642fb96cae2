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

import base64
import contextlib
import functools
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
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
    from unknot.journal import crypto

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
    return [str(script)] if script.exists() else [sys.executable, "-m", "unknot.journal.cli"]


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


# --- what a vault must still hold after a crash or a failed write ------------------------------

def digest(text: str) -> str:
    """A short fingerprint of an entry's body: which version of it the vault holds."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Ledger:
    """What was promised: for each id, the versions (body hashes) the vault may hold now."""

    saved: dict[str, str] = field(default_factory=dict)
    in_flight: dict[str, set[str]] = field(default_factory=dict)
    tried: dict[str, set[str]] = field(default_factory=dict)

    def read(self, lines: list[str]) -> int:
        promised = 0
        for line in lines:
            word, *rest = line.split()
            if word == "try":
                self.in_flight.setdefault(rest[0], set()).add(rest[1])
                self.tried.setdefault(rest[0], set()).add(rest[1])
            elif word == "saved":
                self.saved[rest[0]] = rest[1]
                self.in_flight[rest[0]] = set()
                promised += 1
        return promised

    def acceptable(self, record_id: str) -> set[str]:
        return {self.saved[record_id], *self.in_flight.get(record_id, ())}


def check_vault(path: Path, ledger: Ledger, outcome: Outcome, label: str) -> bool:
    """Open the vault as the app does; record a failure for anything lost or wrong."""
    from unknot.journal.errors import UnknotError
    from unknot.journal.vault import Vault

    try:
        with Vault.open(path, PASSPHRASE) as vault:
            loaded = vault.load()
            report = vault.verify()
    except UnknotError as exc:
        outcome.fail(f"{label}: the vault did not open: {exc.message}")
        return False
    if loaded.damaged or not report.ok:
        outcome.fail(f"{label}: damage after a crash: {loaded.damaged} "
                     f"{report.structure_problems}")
    stored = {e.id: digest(e.body) for e in loaded.entries}
    for record_id in ledger.saved:
        if record_id not in stored:
            outcome.fail(f"{label}: saved entry {record_id[:8]} lost")
        elif stored[record_id] not in ledger.acceptable(record_id):
            outcome.fail(f"{label}: saved entry {record_id[:8]} came back at another version")
    for record_id, version in stored.items():
        if version not in ledger.tried.get(record_id, {version}):
            outcome.fail(f"{label}: entry {record_id[:8]} holds a version never written")
    return True


def fresh_vault(path: Path) -> None:
    from unknot.journal.crypto import FLOOR_PARAMS
    from unknot.journal.vault import Vault

    for suffix in ("", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    Vault.create(path, PASSPHRASE, kdf=FLOOR_PARAMS)[0].close()


def seed_vault(path: Path) -> tuple[Ledger, str]:
    """A vault with a few saved entries; returns the ledger and the id of one to edit."""
    from unknot.journal.model import Entry
    from unknot.journal.vault import Vault

    fresh_vault(path)
    ledger = Ledger()
    with Vault.open(path, PASSPHRASE) as vault:
        for n in range(5):
            moment = datetime(2026, 2, 1, tzinfo=timezone.utc) + timedelta(hours=n)
            entry = Entry.new(moment, title=f"seed {n}", body=f"saved body {n}" * 300)
            vault.save(entry)
            ledger.read([f"try {entry.id} {digest(entry.body)}",
                         f"saved {entry.id} {digest(entry.body)}"])
    return ledger, entry.id






# --- canaries and a sandboxed session of the real app -------------------------------------------

def canary_forms(text: str) -> list[bytes]:
    """Every way `text` could sit in a file: UTF-8 (as typed, lower, upper, case-folded),
    UTF-16 both ways, and base64 at each of the three alignments a byte stream can give it."""
    raw = text.encode("utf-8")
    forms = {raw, text.lower().encode(), text.upper().encode(), text.casefold().encode(),
             text.encode("utf-16-le"), text.encode("utf-16-be")}
    for skip in range(3):
        encoded = base64.b64encode(raw[skip:])
        whole = len(raw[skip:]) // 3 * 4  # leave out the last group, which the next byte changes
        forms.add(encoded[:whole])
    return sorted(f for f in forms if len(f) >= 8)


def scan_for(folder: Path, canaries: dict[str, str],
             skip: frozenset[Path] = frozenset()) -> list[str]:
    """Every file under `folder` (but those in `skip`) that holds any form of any canary."""
    forms = {name: canary_forms(text) for name, text in canaries.items()}
    hits = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink() or path in skip:
            continue
        data = path.read_bytes()
        for name, variants in forms.items():
            if any(v in data for v in variants):
                hits.append(f"{path.relative_to(folder)}: the {name} canary")
    return hits


@dataclass(frozen=True)
class Seen:
    """One file or folder as a listing saw it: changed if its inode, mtime or mode differ."""

    inode: int
    mtime_ns: int
    mode: int  # st_mode, type bits included

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.mode)

    @property
    def permissions(self) -> int:
        return stat.S_IMODE(self.mode)


def listing(*roots: Path) -> dict[Path, Seen]:
    """Every file, folder, socket and link under `roots` (the roots included), never
    following a link."""
    seen = {}
    for root in roots:
        for folder, dirs, files in os.walk(root, followlinks=False):
            for path in (Path(folder), *(Path(folder, n) for n in dirs + files)):
                info = path.lstat()
                seen[path] = Seen(info.st_ino, info.st_mtime_ns, info.st_mode)
    return seen


def changed_since(before: dict[Path, Seen], after: dict[Path, Seen]) -> dict[Path, bool]:
    """What is new (True) or changed (False) in `after`: by path, inode, mtime and mode."""
    out = {}
    for path, now in sorted(after.items()):
        then = before.get(path)
        if then is None:
            out[path] = True
        elif then != now:
            out[path] = False
    return out


@dataclass
class Sandbox:
    """A home of its own for one run of the real app: HOME, the XDG folders, TMPDIR and the
    working folder all inside `root`, so that every file the process makes can be found. The
    home has a Documents folder, as a person's has, where a file saved or printed goes."""

    root: Path
    canaries: dict[str, str]

    @classmethod
    def make(cls, root: Path) -> Sandbox:
        import secrets

        token = secrets.token_hex(5)
        canaries = {name: f"Cnry{name.capitalize()}{token}"
                    for name in ("title", "body", "tag", "search")}
        box = cls(root, canaries)
        for folder in box.folders().values():
            folder.mkdir(parents=True, exist_ok=True)
        os.chmod(box.folders()["XDG_RUNTIME_DIR"], 0o700)
        (box.folders()["HOME"] / "Documents").mkdir(exist_ok=True)
        return box

    def folders(self) -> dict[str, Path]:
        return {"HOME": self.root / "home", "XDG_DATA_HOME": self.root / "home/.local/share",
                "XDG_CONFIG_HOME": self.root / "home/.config",
                "XDG_CACHE_HOME": self.root / "home/.cache",
                "XDG_STATE_HOME": self.root / "home/.local/state",
                "XDG_RUNTIME_DIR": self.root / "runtime", "TMPDIR": self.root / "tmp",
                "CWD": self.root / "cwd"}

    def walked(self) -> tuple[Path, ...]:
        """Every folder of the sandbox the process may write in: the whole home (the XDG
        folders are inside it), the temporary, runtime and working folders."""
        folders = self.folders()
        return tuple(folders[n] for n in ("HOME", "TMPDIR", "XDG_RUNTIME_DIR", "CWD"))

    def env(self) -> dict[str, str]:
        env = child_env(QT_QPA_PLATFORM="offscreen")
        for name, folder in self.folders().items():
            if name != "CWD":
                env[name] = str(folder)
        env["SQLITE_TMPDIR"] = env["TMPDIR"]
        env.pop("UNKNOT_KDF_PROFILE", None)
        env["UNKNOT_KDF_PROFILE"] = "floor"
        for name, text in self.canaries.items():
            env[f"UNKNOT_CANARY_{name.upper()}"] = text
        return env

    def run_session(self, phase: str, wrapper: tuple[str, ...] = (), umask: int = 0o022,
                    timeout: float = 180) -> dict[str, Any]:
        """Run gui_session.py `phase` (under `wrapper`, e.g. strace); return its report."""
        report = self.root / f"report-{phase}.json"
        result = subprocess.run([*wrapper, sys.executable, str(HERE / "gui_session.py"), phase,
                                 str(report)], env=self.env(), cwd=self.folders()["CWD"],
                                capture_output=True, timeout=timeout, umask=umask)
        data: dict[str, Any] = json.loads(report.read_text()) if report.exists() else {}
        data["returncode"] = result.returncode
        data["stderr"] = result.stderr.decode("utf-8", "replace")[-2000:]
        report.unlink(missing_ok=True)
        return data


# --- reading strace logs ------------------------------------------------------------------------

NETWORK_CALLS = "socket,connect,sendto,sendmsg,bind,openat"
# Reading these is what glibc's resolver does for a host name (getaddrinfo and friends). nscd's
# socket is not among them: glibc asks nscd for user and group names too (pytest's tmp_path
# asks for the user name), so a connection to it is counted apart, not as a name lookup.
_RESOLVER_FILES = ("/etc/resolv.conf", "/etc/hosts", "/etc/gai.conf", "/etc/host.conf",
                   "/run/systemd/resolve")
_NSCD = ("/var/run/nscd/socket", "/run/nscd/socket")


@dataclass
class NetworkTrace:
    internet_sockets: list[str] = field(default_factory=list)
    name_lookups: list[str] = field(default_factory=list)
    local_sockets: int = 0
    nscd_connections: int = 0
    processes: int = 0


def read_network_trace(text: str) -> NetworkTrace:
    """Internet sockets (AF_INET, AF_INET6) and name lookups (the resolver's files, or a
    connection to port 53 or to nscd) in an `strace -f -e trace=NETWORK_CALLS` log."""
    found = NetworkTrace()
    pids = set()
    for line in text.splitlines():
        parts = line.split(None, 1)
        if len(parts) < 2:
            continue
        pids.add(parts[0])
        call = parts[1]
        if call.startswith("socket("):
            if "AF_INET" in call:  # AF_INET and AF_INET6
                found.internet_sockets.append(call.strip())
            else:
                found.local_sockets += 1
        elif call.startswith(("connect(", "sendto(", "sendmsg(")):
            if "htons(53)" in call or any(f in call for f in _RESOLVER_FILES):
                found.name_lookups.append(call.strip())
            elif any(f in call for f in _NSCD):
                found.nscd_connections += 1
        elif call.startswith("openat(") and any(f'"{f}' in call for f in _RESOLVER_FILES):
            found.name_lookups.append(call.strip())
    found.processes = len(pids)
    return found
