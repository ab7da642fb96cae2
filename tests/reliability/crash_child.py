"""Helper processes for the crash scenario (test_crash_during_save.py): they save and get killed.

    crash_child.py zygote VAULT PASSPHRASE
        Imports everything and derives the key once, prints "ready", then serves commands on
        standard input, one per line:
            fork SEED LOG   fork a child that saves in a loop; print its pid
            wait PID        reap a (killed) child; print its wait status
        Each child opens the vault, writes "open" to LOG, then saves new entries and edits of
        its own earlier ones forever. Before each save it writes "try ID HASH", after the save
        returned "saved ID HASH" (HASH: SHA-256 of the body). Nothing is promised until "saved".

    crash_child.py save-once VAULT PASSPHRASE SEED [EDIT_ID]
        Open, save one entry (or a new version of EDIT_ID), print "saved ID HASH".

    crash_child.py kill-at VAULT PASSPHRASE SEED EDIT_ID POINT
        Like save-once for an edit, but SIGKILL itself at POINT inside the save: "seal" (while
        encrypting), or before/after the Nth call the save makes on the SQLite connection
        ("before-1" is before BEGIN IMMEDIATE, "after-3" is after COMMIT returned).

Forking from a process that has already imported Python, SQLite and Argon2id makes a kill cost
milliseconds instead of a fresh interpreter's 0.2 s; the child's save path is the real one.
"""

from __future__ import annotations

import functools
import os
import random
import signal
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from reliability_kit import digest
from unknot.journal import crypto
from unknot.journal.model import Entry
from unknot.journal.vault import Vault

START = datetime(2026, 1, 1, tzinfo=timezone.utc)


def body_for(rng: random.Random) -> str:
    size = rng.choice((rng.randint(0, 200), rng.randint(200, 4000), rng.randint(4000, 30000)))
    return "".join(rng.choice("abcdefgh éü✓\n") for _ in range(size))


def remember_keys() -> None:
    """Derive each key once per process (and its forks): only the waiting is skipped."""
    crypto.derive_key = functools.cache(crypto.derive_key)  # type: ignore[assignment]


def save_loop(vault_path: Path, passphrase: str, seed: int, log: Path) -> None:
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    rng = random.Random(seed)
    vault = Vault.open(vault_path, passphrase)
    os.write(fd, b"open\n")
    mine: list[Entry] = []
    n = 0
    while True:
        n += 1
        body = body_for(rng)
        if mine and rng.random() < 0.4:
            index = rng.randrange(len(mine))
            entry = mine[index].edited(START + timedelta(seconds=n), body=body)
            mine[index] = entry
        else:
            entry = Entry.new(START + timedelta(seconds=seed * 1000 + n), title=f"{seed}/{n}",
                              body=body)
            mine.append(entry)
        os.write(fd, f"try {entry.id} {digest(body)}\n".encode())
        vault.save(entry)
        os.write(fd, f"saved {entry.id} {digest(body)}\n".encode())


def zygote(vault_path: Path, passphrase: str) -> None:
    remember_keys()
    Vault.open(vault_path, passphrase).close()  # the key is now remembered
    print("ready", flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "fork":
            pid = os.fork()
            if pid == 0:
                try:
                    save_loop(vault_path, passphrase, int(args[0]), Path(args[1]))
                finally:
                    os._exit(1)
            print(pid, flush=True)
        elif command == "wait":
            _, status = os.waitpid(int(args[0]), 0)
            print(status, flush=True)


class _KillAt:
    """Wraps the vault's SQLite connection and SIGKILLs the process at one point of a save."""

    def __init__(self, conn: Any, point: str) -> None:
        self._conn = conn
        self._when, _, number = point.partition("-")
        self._target = int(number)
        self._calls = 0

    def _call(self, name: str, *args: Any) -> Any:
        self._calls += 1
        if self._when == "before" and self._calls == self._target:
            os.kill(os.getpid(), signal.SIGKILL)
        result = getattr(self._conn, name)(*args)
        if self._when == "after" and self._calls == self._target:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    def execute(self, *args: Any) -> Any:
        return self._call("execute", *args)

    def executemany(self, *args: Any) -> Any:
        return self._call("executemany", *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def save_once(vault_path: Path, passphrase: str, seed: int, edit_id: str | None,
              point: str | None) -> None:
    rng = random.Random(seed)
    body = body_for(rng)
    with Vault.open(vault_path, passphrase) as vault:
        if edit_id:
            old = vault.get(edit_id)
            assert isinstance(old, Entry)
            entry = old.edited(START + timedelta(days=1, seconds=seed), body=body)
        else:
            entry = Entry.new(START + timedelta(seconds=seed), title=f"once {seed}", body=body)
        print(f"try {entry.id} {digest(body)}", flush=True)
        if point == "seal":
            original = crypto.RecordCipher.seal

            def seal(self: crypto.RecordCipher, record_id: bytes, plaintext: bytes) -> bytes:
                original(self, record_id, plaintext)
                os.kill(os.getpid(), signal.SIGKILL)
                raise AssertionError("unreachable")

            crypto.RecordCipher.seal = seal  # type: ignore[method-assign]
        elif point is not None:
            vault._conn = _KillAt(vault._conn, point)  # type: ignore[assignment]
        vault.save(entry)
        print(f"saved {entry.id} {digest(body)}", flush=True)


def main() -> None:
    mode, vault_path, passphrase = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
    if mode == "zygote":
        zygote(vault_path, passphrase)
    elif mode == "save-once":
        save_once(vault_path, passphrase, int(sys.argv[4]),
                  sys.argv[5] if len(sys.argv) > 5 else None, None)
    elif mode == "kill-at":
        save_once(vault_path, passphrase, int(sys.argv[4]), sys.argv[5], sys.argv[6])
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
