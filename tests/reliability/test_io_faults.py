"""Scenario 2, I/O faults: disk full, permission denied, a read-only disk and I/O errors at each
write and sync step of a save, an edit, a passphrase change, creating a vault, and a backup.

Every time: the person gets a clear message in words (the disk is full / read-only or no
permission / the disk reported an error), and what was there before is intact — the vault opens
with every earlier entry at its earlier version, no half-written backup is left where a backup
belongs, and the same open vault saves normally once the fault is gone.

Two layers:
- in the process, at each step the core takes (each call it makes on SQLite and on the file
  system), an error is raised as SQLite or the OS would raise it — always available;
- in a child process, at each system call on the files involved, strace makes the real call
  fail with the real errno, so SQLite's own handling is tested — skipped without strace.
"""

from __future__ import annotations

import errno
import io
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from reliability_kit import (
    HERE,
    PASSPHRASE,
    Ledger,
    Outcome,
    check_vault,
    child_env,
    cli_command,
    count,
    digest,
    memoized_kdf,
    seed_vault,
    strace,
)
from unknot.journal.backups import RollingBackups, backup_file
from unknot.journal.crypto import FLOOR_PARAMS
from unknot.journal.errors import StorageError, UnknotError, WrongPassphraseError
from unknot.journal.model import Entry
from unknot.journal.storage import TEMP_SUFFIX
from unknot.journal.vault import Vault

SCENARIO = "2. I/O faults"

# What the person must read for each fault (any one of the phrases).
WORDS = {
    "full": ("the disk is full",),
    "permission": ("read-only or you do not have permission", "could not be opened for writing"),
    "io": ("the disk reported an error",),
}
# The error an OS call raises, and what SQLite reports for the same trouble.
FAULTS = {
    "ENOSPC": (errno.ENOSPC, "database or disk is full", "SQLITE_FULL", 13, "full"),
    "EACCES": (errno.EACCES, "unable to open database file", "SQLITE_CANTOPEN", 14,
               "permission"),
    "EROFS": (errno.EROFS, "attempt to write a readonly database", "SQLITE_READONLY", 8,
              "permission"),
    "EIO": (errno.EIO, "disk I/O error", "SQLITE_IOERR", 10, "io"),
}


# --- in the process: a fault at each step the core takes -------------------------------------

class Steps:
    """Counts the calls an operation makes on SQLite and on files under `root`, and makes
    call number `fail_at` raise `fault` instead of running."""

    def __init__(self, root: Path, fail_at: int | None = None, fault: str = "EIO") -> None:
        self.root = str(root)
        self.fail_at = fail_at
        self.fault = fault
        self.seen: list[str] = []

    def step(self, name: str, sqlite_level: bool) -> None:
        self.seen.append(name)
        if len(self.seen) != self.fail_at:
            return
        code, message, name_, number, _ = FAULTS[self.fault]
        if sqlite_level:
            exc = sqlite3.OperationalError(message)
            exc.sqlite_errorname = name_  # type: ignore[attr-defined]
            exc.sqlite_errorcode = number  # type: ignore[attr-defined]
            raise exc
        raise OSError(code, os.strerror(code), name)

    def mine(self, path: object) -> bool:
        try:
            return os.fspath(path).startswith(self.root)  # type: ignore[arg-type]
        except TypeError:
            return False

    @contextmanager
    def active(self, vault: Vault | None = None) -> Iterator[Steps]:
        patches: list[tuple[Any, str, Any]] = []

        def patch(owner: Any, name: str, make: Callable[[Any], Any]) -> None:
            original = getattr(owner, name)
            patches.append((owner, name, original))
            setattr(owner, name, make(original))

        def path_call(label: str) -> Callable[[Any], Any]:
            def make(original: Any) -> Any:
                def call(path: Any, *args: Any, **kwargs: Any) -> Any:
                    if self.mine(path):
                        self.step(f"{label} {Path(os.fspath(path)).name}", False)
                    return original(path, *args, **kwargs)
                return call
            return make

        for label in ("open", "unlink", "mkdir", "chmod"):
            patch(os, label, path_call(label))
        patch(os, "replace", path_call("replace"))
        patch(io, "open", path_call("open (Python)"))

        def fsync(original: Any) -> Any:
            def call(fd: int) -> Any:
                self.step("fsync", False)
                return original(fd)
            return call

        patch(os, "fsync", fsync)

        def connect(original: Any) -> Any:
            def call(*args: Any, **kwargs: Any) -> Any:
                self.step("sqlite connect", True)
                return _Connection(original(*args, **kwargs), self)
            return call

        patch(sqlite3, "connect", connect)
        if vault is not None:
            real = vault._conn
            vault._conn = _Connection(real, self)  # type: ignore[assignment]
        try:
            yield self
        finally:
            if vault is not None:
                vault._conn = real
            for owner, name, original in reversed(patches):
                setattr(owner, name, original)


class _Connection:
    """A SQLite connection whose calls are steps."""

    def __init__(self, conn: sqlite3.Connection, steps: Steps) -> None:
        object.__setattr__(self, "_conn", conn)
        object.__setattr__(self, "_steps", steps)

    def _step(self, name: str) -> None:
        self._steps.step(name, True)

    def execute(self, sql: str, *args: Any) -> Any:
        self._step(f"sqlite {sql.split()[0]} {sql.split()[1] if ' ' in sql else ''}")
        return self._conn.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> Any:
        self._step(f"sqlite {sql.split()[0]} (many)")
        return self._conn.executemany(sql, *args)

    def executescript(self, sql: str) -> Any:
        self._step("sqlite script")
        return self._conn.executescript(sql)

    def backup(self, target: Any, *args: Any, **kwargs: Any) -> Any:
        self._step("sqlite backup")
        real = target._conn if isinstance(target, _Connection) else target
        return self._conn.backup(real, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._conn, name, value)


def _words_match(message: str, fault: str) -> bool:
    return any(w in message for w in WORDS[FAULTS[fault][4]])


def _new_entry(n: int) -> Entry:
    return Entry.new(datetime(2026, 3, 1, tzinfo=timezone.utc), title=f"new {n}",
                     body=f"a new entry {n} ✓" * 200)


def _operations(work: Path) -> dict[str, Callable[[Path, Steps | None], str | None]]:
    """Each operation runs on a fresh copy of a seeded vault in `folder`; with `steps` it runs
    under them. Each returns a problem with the state afterwards, or None."""

    def save(folder: Path, steps: Steps | None) -> str | None:
        return _save(folder, steps, edit=False)

    def edit(folder: Path, steps: Steps | None) -> str | None:
        return _save(folder, steps, edit=True)

    def passphrase(folder: Path, steps: Steps | None) -> str | None:
        vault_path = folder / "notes.db"
        ledger, _ = seeded(vault_path)
        vault = Vault.open(vault_path, PASSPHRASE)
        failed = _run(steps, vault, lambda: vault.change_passphrase("a new passphrase",
                                                                     FLOOR_PARAMS))
        vault.close()
        try:
            Vault.open(vault_path, "a new passphrase" if not failed else PASSPHRASE).close()
        except WrongPassphraseError:
            return "after a failed change the old passphrase no longer opens the vault" \
                if failed else "the new passphrase does not open the vault"
        return _intact(vault_path, ledger, PASSPHRASE if failed else "a new passphrase")

    def create(folder: Path, steps: Steps | None) -> str | None:
        target = folder / "new.db"
        failed = _run(steps, None, lambda: Vault.create(target, PASSPHRASE,
                                                        kdf=FLOOR_PARAMS)[0].close())
        leftovers = [p.name for p in folder.iterdir() if TEMP_SUFFIX in p.name]
        if leftovers:
            return f"left behind {leftovers}"
        if failed and target.exists():
            return "a failed create left a file where the vault belongs"
        if not failed:
            Vault.open(target, PASSPHRASE).close()
        return None

    def backup(folder: Path, steps: Steps | None) -> str | None:
        vault_path = folder / "notes.db"
        ledger, _ = seeded(vault_path)
        out_folder = folder / "elsewhere"
        out_folder.mkdir()
        out = out_folder / "copy.backup"
        failed = _run(steps, None, lambda: backup_file(vault_path, out))
        leftovers = [p.name for p in out_folder.iterdir() if p != out]
        if leftovers:
            return f"left behind {leftovers}"
        if failed and out.exists():
            return "a failed backup left a file where the backup belongs"
        if not failed:
            problem = _intact(out, ledger, PASSPHRASE)
            if problem:
                return f"the backup: {problem}"
        return _intact(vault_path, ledger, PASSPHRASE)

    def rolling(folder: Path, steps: Steps | None) -> str | None:
        vault_path = folder / "notes.db"
        ledger, _ = seeded(vault_path)
        backups = RollingBackups(vault_path, keep=2)
        backups.take()
        backups.take()
        _run(steps, None, backups.take)
        for kept in backups.list():
            problem = _intact(kept, ledger, PASSPHRASE)
            if problem:
                return f"a backup in the backups folder: {problem}"
        Vault.open(vault_path, PASSPHRASE).close()  # start-up tidies what it can
        stray = [p.name for p in backups.folder.iterdir() if not p.name.endswith(".backup")]
        if stray:
            return f"left behind in the backups folder after the next start: {stray}"
        return _intact(vault_path, ledger, PASSPHRASE)

    del work
    return {"save a new entry": save, "save an edit": edit, "change the passphrase": passphrase,
            "create a vault": create, "back up (unknot-cli backup)": backup,
            "rolling backups": rolling}


class _UnclearFailureError(Exception):
    """The operation failed in a way the person would not understand."""


def _run(steps: Steps | None, vault: Vault | None, action: Callable[[], object]) -> bool:
    """Run `action` (under `steps`, if given). True if it failed with a StorageError."""
    if steps is None:
        action()
        return False
    try:
        with steps.active(vault):
            action()
    except StorageError as exc:
        steps.seen.append(f"→ {exc.message}")
        if not _words_match(exc.message, steps.fault):
            raise _UnclearFailureError(f"unclear message for {steps.fault}: {exc.message}") from exc
        return True
    except UnknotError as exc:
        raise _UnclearFailureError(
            f"{steps.fault} reported as {type(exc).__name__}: {exc.message}") from exc
    return False


_TEMPLATE: dict[str, tuple[bytes, Ledger, str]] = {}


def seeded(path: Path) -> tuple[Ledger, str]:
    """A copy of one seeded vault (seeding each time would cost a save per entry)."""
    if "vault" not in _TEMPLATE:
        template = path.with_name("template-seed.db")
        ledger, edit_id = seed_vault(template)
        _TEMPLATE["vault"] = (template.read_bytes(), ledger, edit_id)
        template.unlink()
    data, ledger, edit_id = _TEMPLATE["vault"]
    path.write_bytes(data)
    os.chmod(path, 0o600)
    copy = Ledger(dict(ledger.saved), {k: set(v) for k, v in ledger.in_flight.items()},
                  {k: set(v) for k, v in ledger.tried.items()})
    return copy, edit_id


def _save(folder: Path, steps: Steps | None, edit: bool) -> str | None:
    vault_path = folder / "notes.db"
    ledger, edit_id = seeded(vault_path)
    vault = Vault.open(vault_path, PASSPHRASE)
    if edit:
        old = vault.get(edit_id)
        assert isinstance(old, Entry)
        entry = old.edited(datetime(2026, 3, 2, tzinfo=timezone.utc), body="edited ✓" * 300)
    else:
        entry = _new_entry(1)
    ledger.read([f"try {entry.id} {digest(entry.body)}"])
    try:
        failed = _run(steps, vault, lambda: vault.save(entry))
        if not failed:
            ledger.read([f"saved {entry.id} {digest(entry.body)}"])
        problem = _intact(vault_path, ledger, PASSPHRASE)
        if problem:
            return problem
        # The fault is gone: the same open vault saves (the app keeps the text and retries).
        vault.save(entry)
        ledger.read([f"saved {entry.id} {digest(entry.body)}"])
    except UnknotError as exc:
        return f"after the fault the open vault could not save again: {exc.message}"
    finally:
        vault.close()
    return _intact(vault_path, ledger, PASSPHRASE)


def _intact(path: Path, ledger: Ledger, passphrase: str) -> str | None:
    outcome = Outcome(SCENARIO, "check")
    if passphrase == PASSPHRASE:
        check_vault(path, ledger, outcome, path.name)
    else:
        try:
            with Vault.open(path, passphrase) as vault:
                loaded = vault.load()
        except UnknotError as exc:
            return f"{path.name} did not open: {exc.message}"
        stored = {e.id: digest(e.body) for e in loaded.entries}
        if any(stored.get(i) not in ledger.acceptable(i) for i in ledger.saved):
            outcome.fail(f"{path.name}: an entry was lost")
    return outcome.failures[0] if outcome.failures else None


def python_faults(work: Path, faults: tuple[str, ...], every_fault: bool) -> Outcome:
    outcome = Outcome(SCENARIO, "each step of save, edit, passphrase, create, backup "
                                "(in process)")
    results: Counter[str] = Counter()
    run = iter(range(10 ** 9))
    with memoized_kdf():
        for name, operation in _operations(work).items():
            dry = work / f"dry-{next(run)}"
            dry.mkdir()
            counter = Steps(dry)  # no fault: counts the steps
            problem = operation(dry, counter)
            if problem:
                outcome.fail(f"{name}, no fault: {problem}")
            for index in range(1, len(counter.seen) + 1):
                chosen = faults if every_fault else (faults[index % len(faults)],)
                for fault in chosen:
                    folder = work / f"run-{next(run)}"
                    folder.mkdir()
                    steps = Steps(folder, index, fault)
                    outcome.runs += 1
                    try:
                        problem = operation(folder, steps)
                    except _UnclearFailureError as exc:
                        problem = str(exc)
                    except Exception as exc:  # noqa: BLE001 - a crash is the defect we look for
                        problem = f"crash: {type(exc).__name__}: {exc}"
                    where = counter.seen[index - 1]
                    if problem:
                        outcome.fail(f"{name}: {fault} at step {index} ({where}): {problem}")
                        results["defect"] += 1
                    elif any(s.startswith("→") for s in steps.seen):
                        results["refused in words"] += 1
                    else:
                        results["no effect"] += 1
    return outcome.finish(
        f"{outcome.runs} faults: {results['refused in words']} refused with a clear message "
        f"and the earlier state intact, {results['no effect']} without effect (a step whose "
        f"failure does not matter, e.g. syncing the folder), {results['defect']} defects")


# --- in a child process: real system calls fail (strace) -------------------------------------

CALL_FAULTS = {
    "openat": ("EACCES", "EROFS", "ENOSPC", "EIO"),
    "pwrite64": ("ENOSPC", "EIO"),
    "write": ("ENOSPC", "EIO"),
    "fsync": ("EIO", "ENOSPC"),
    "fdatasync": ("EIO", "ENOSPC"),
    "ftruncate": ("EIO", "EROFS"),
    "unlink": ("EACCES", "EROFS", "EIO"),
    "unlinkat": ("EACCES", "EROFS", "EIO"),
    "rename": ("EACCES", "EROFS", "ENOSPC", "EIO"),
    "renameat": ("EACCES", "EROFS", "ENOSPC", "EIO"),
    "renameat2": ("EACCES", "EROFS", "ENOSPC", "EIO"),
    "close": ("EIO",),
}
ANY_CLEAR = tuple(w for words in WORDS.values() for w in words)


def syscall_faults(work: Path, strace_path: str, every_errno: bool) -> Outcome:
    outcome = Outcome(SCENARIO, "each system call of a save and a backup fails (strace)")
    results: Counter[str] = Counter()
    vault = work / "notes.db"
    base, edit_id = seed_vault(vault)
    pristine = vault.read_bytes()
    out = work / "out" / "copy.backup"
    out.parent.mkdir()
    child = HERE / "crash_child.py"
    runs = {
        "save (core)": ([sys.executable, str(child), "save-once", str(vault), PASSPHRASE, "5",
                         edit_id], [vault, Path(f"{vault}-journal"), vault.parent]),
        "unknot-cli backup": ([*cli_command(), "backup", "--vault", str(vault), "--out",
                               str(out)],
                              [out, Path(f"{out}{TEMP_SUFFIX}"),
                               Path(f"{out}{TEMP_SUFFIX}-journal"), out.parent]),
    }
    names = ",".join(CALL_FAULTS)
    with memoized_kdf():
        for kind, (command, paths) in runs.items():
            trace = [strace_path, "-f", "-qq", *(a for p in paths for a in ("-P", str(p))),
                     "-e", f"trace={names}"]
            _reset(vault, pristine, out)
            log = work / "dry.log"
            subprocess.run([*trace, "-o", str(log), *command], env=child_env(),
                           capture_output=True, check=True, timeout=120)
            lines = log.read_text().splitlines()
            first = next((i for i, line in enumerate(lines)
                          if re.search(r'"[^"]*(-journal|unknot-tmp)"', line)), 0)
            seen: Counter[str] = Counter()
            for index, line in enumerate(lines):
                match = re.match(r"\d+\s+(\w+)\(", line)
                if match is None:
                    continue
                call = match.group(1)
                seen[call] += 1
                if index < first:
                    continue
                errnos = CALL_FAULTS[call]
                chosen = errnos if every_errno else (errnos[seen[call] % len(errnos)],)
                for fault in chosen:
                    _reset(vault, pristine, out)
                    result = subprocess.run(
                        [*trace, "-o", "/dev/null", "-e",
                         f"inject={call}:error={fault}:when={seen[call]}", *command],
                        capture_output=True, env=child_env(), timeout=120)
                    outcome.runs += 1
                    label = f"{kind}: {fault} at {call} #{seen[call]}"
                    verdict = _judge_child(result, fault, call, kind, vault, out, base)
                    results[verdict[0]] += 1
                    if verdict[1]:
                        outcome.fail(f"{label}: {verdict[1]}")
    return outcome.finish(
        f"{outcome.runs} failed system calls: {results['refused']} refused with a clear "
        f"message and the earlier state intact, {results['succeeded']} still succeeded "
        f"(SQLite retried or the call did not matter), {results['defect']} defects")


def _reset(vault: Path, pristine: bytes, out: Path) -> None:
    for path in (Path(f"{vault}-journal"), out, Path(f"{out}{TEMP_SUFFIX}"),
                 Path(f"{out}{TEMP_SUFFIX}-journal")):
        path.unlink(missing_ok=True)
    vault.write_bytes(pristine)


def _judge_child(result: subprocess.CompletedProcess[bytes], fault: str, call: str, kind: str,
                 vault: Path, out: Path, base: Ledger) -> tuple[str, str | None]:
    stderr = result.stderr.decode("utf-8", "replace")
    ledger = Ledger(dict(base.saved), {k: set(v) for k, v in base.in_flight.items()},
                    {k: set(v) for k, v in base.tried.items()})
    ledger.read([line for line in result.stdout.decode().splitlines() if line.startswith(
        ("try ", "saved "))])
    outcome = Outcome(SCENARIO, "check")
    check_vault(vault, ledger, outcome, "the vault")
    if outcome.failures:
        return "defect", outcome.failures[0]
    if result.returncode == 0:
        if kind.startswith("unknot-cli backup"):
            problem = _intact(out, base, PASSPHRASE)
            if problem:
                return "defect", f"the backup that was reported written: {problem}"
        return "succeeded", None
    if "Traceback" in stderr and "StorageError" not in stderr:
        return "defect", f"crash: {stderr.strip().splitlines()[-1][:200]}"
    # SQLite keeps the errno only for writes: a failed open, sync, unlink or close reaches us
    # as "unable to open" or "disk I/O error", so any of the clear messages is right there.
    words = WORDS[FAULTS[fault][4]] if call in ("pwrite64", "write", "rename", "renameat",
                                                "renameat2") else ANY_CLEAR
    if not any(w in stderr for w in words):
        return "defect", f"unclear message: {stderr.strip()[-200:]!r}"
    if kind.startswith("unknot-cli backup"):
        if out.exists():
            return "defect", "a failed backup left a file where the backup belongs"
        if any(out.parent.iterdir()):
            return "defect", f"left behind {[p.name for p in out.parent.iterdir()]}"
    return "refused", None


# --- at CI counts -----------------------------------------------------------------------------

def test_a_fault_at_each_step_leaves_the_earlier_state_and_says_why(tmp_path: Path) -> None:
    python_faults(tmp_path, ("ENOSPC", "EACCES", "EROFS", "EIO"),
                  every_fault=count(ci=False, release=True)).check()


def test_a_failing_system_call_leaves_the_earlier_state_and_says_why(tmp_path: Path) -> None:
    found = strace()
    if found is None:
        pytest.skip("strace is not installed or may not trace here")
    syscall_faults(tmp_path, found, every_errno=count(ci=False, release=True)).check()
