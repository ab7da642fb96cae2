"""Scenario 12, keys and tampering (issue 12): what someone who has the file — but not the key —
can do to a journal, and what Unknot says about it.

- After a passphrase change, an old backup's header, or the old header row, put back into the
  live file opens nothing written after the change with the old passphrase (0 of N records).
- Records deleted, rolled back to an older version, or brought back after deletion, at random
  and without the key: every change found when the journal opens and by `unknot-cli verify`
  (exit 3), each named with its record id, and every other entry still opens.
- Conflict copies: a renamed backup brings back no deleted entry; another journal that opens
  with the same passphrase merges nothing.
- Altered headers (any field of the key slots or the vault id changed, the checksum made to
  match): each reported as altered (or damaged), never as a wrong passphrase, when the newest
  backup opens with the passphrase.
- The worst crafted header Unknot accepts: its key derivation's memory and time, measured in a
  child process (the figure; the test fails only if it passes 1 GiB).
"""

from __future__ import annotations

import contextlib
import io
import json
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from reliability_kit import PASSPHRASE, Outcome, count, memoized_kdf
from unknot.journal import cli, crypto
from unknot.journal import journal as ops
from unknot.journal.backups import RollingBackups
from unknot.journal.errors import ErrorKind, UnknotError, error_kind
from unknot.journal.model import Entry
from unknot.journal.results import Problem
from unknot.journal.vault import Vault
from vaults import sample_entries

SCENARIO = "12. Keys and tampering"
NEW_PASSPHRASE = "a new passphrase, chosen after the old one"
COPY_NAME = "notes.sync-conflict-20260301-101112-ABCDEFG.db"


def _vault(path: Path, entries: list[Entry]) -> None:
    with Vault.create(path, PASSPHRASE, kdf=crypto.FLOOR_PARAMS)[0] as vault:
        vault.save_many(entries)


def _rows(path: Path) -> dict[bytes, bytes]:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return dict(conn.execute("SELECT id, sealed FROM records"))


def _sql(path: Path, statement: str, *args: object) -> None:
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute(statement, args)
        conn.commit()


def test_old_headers_open_nothing_written_after_a_change(tmp_path: Path) -> None:
    outcome = Outcome(SCENARIO, "old header after a passphrase change")
    trials = count(ci=6, release=60)
    rng = random.Random(12)
    written = opened = 0
    with memoized_kdf():
        for trial in range(trials):
            path = tmp_path / f"t{trial}" / "notes.db"
            _vault(path, sample_entries(rng.randint(1, 20)))
            backup = RollingBackups(path).take()
            kept = path.with_name("kept.db")  # someone's copy of the backup
            shutil.copyfile(backup, kept)
            with contextlib.closing(sqlite3.connect(path)) as conn:
                old_row = conn.execute("SELECT * FROM vault_header").fetchone()
            with ops.open_journal(path, PASSPHRASE, backup=False) as journal:
                ops.change_passphrase(journal, NEW_PASSPHRASE, rotate=bool(trial % 2))
                after = sample_entries(rng.randint(1, 10))
                journal.vault.save_many(after)
            written += len(after)
            for source in ("backup", "row"):
                outcome.runs += 1
                if source == "backup":
                    with contextlib.closing(sqlite3.connect(kept)) as conn:
                        row = conn.execute("SELECT * FROM vault_header").fetchone()
                else:
                    row = old_row
                _sql(path, "UPDATE vault_header SET format = ?, header = ?, checksum = ?, "
                     "mac = ? WHERE singleton = 1", *row[1:])
                try:
                    with Vault.open(path, PASSPHRASE, readonly=True) as stale:
                        seen = {e.id for e in stale.load().entries}
                except UnknotError:
                    seen = set()
                leaked = [e.id for e in after if e.id in seen]
                opened += len(leaked)
                if leaked:
                    outcome.fail(f"trial {trial}, old header from the {source}: {len(leaked)} "
                                 "records written after the change opened")
    outcome.finish(f"{opened} of {written * 2} records written after the change opened "
                   "(old backup header, old header row)").check()


def _tamper_trial(root: Path, rng: random.Random, outcome: Outcome,
                  verify_with_cli: bool) -> int:
    """One journal, one round of changes made without the key. Returns the changes made."""
    path = root / "notes.db"
    entries = sample_entries(rng.randint(6, 30))
    _vault(path, entries)
    old_rows = _rows(path)
    ids = [e.id for e in entries]
    rng.shuffle(ids)
    k = rng.randint(1, 3)
    to_delete, to_roll, to_resurrect = ids[:k], ids[k:2 * k], ids[2 * k:3 * k]
    with Vault.open(path, PASSPHRASE) as vault:
        for record_id in to_roll:
            entry = next(e for e in entries if e.id == record_id)
            vault.save(entry.edited(entry.updated, body="written later"))
        for record_id in to_resurrect:
            vault.delete(record_id)
    RollingBackups(path).take()  # the daily backup, before someone gets at the file
    expected = {(Problem.MISSING, i) for i in to_delete}
    expected |= {(Problem.ROLLED_BACK, i) for i in to_roll}
    expected |= {(Problem.RESURRECTED, i) for i in to_resurrect}
    for record_id in to_delete:
        _sql(path, "DELETE FROM records WHERE id = ?", bytes.fromhex(record_id))
    for record_id in [*to_roll, *to_resurrect]:
        key = bytes.fromhex(record_id)
        _sql(path, "UPDATE records SET sealed = ? WHERE id = ?", old_rows[key], key)
    untouched = {e.id for e in entries} - set(to_delete) - set(to_resurrect)
    with ops.open_journal(path, PASSPHRASE, backup=False) as journal:
        found = {(p.problem, p.record_id) for p in journal.loaded.record_set}
        shown = {e.id for e in journal.loaded.entries}
        report = journal.vault.verify()
    if found != expected:
        outcome.fail(f"{root.name}: at open, expected {len(expected)} named changes, found "
                     f"{sorted((str(p), i) for p, i in found ^ expected)[:4]}")
    if shown != untouched:
        outcome.fail(f"{root.name}: {len(untouched - shown)} untouched entries did not open, "
                     f"{len(shown - untouched)} deleted ones came back")
    if {(p.problem, p.record_id) for p in report.record_set} != expected or report.ok:
        outcome.fail(f"{root.name}: verify did not name every change")
    if verify_with_cli:
        secret = root / "pass.txt"
        secret.write_text(PASSPHRASE + "\n")
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["verify", "--vault", str(path), "--passphrase-file", str(secret)])
        missing = [i for _, i in expected if i not in err.getvalue()]
        if code != 3 or missing:
            outcome.fail(f"{root.name}: unknot-cli verify exited {code}, "
                         f"{len(missing)} changes not named")
    return len(expected)


def test_records_deleted_rolled_back_or_resurrected_are_found_and_named(tmp_path: Path) -> None:
    outcome = Outcome(SCENARIO, "records deleted, rolled back, resurrected")
    trials = count(ci=10, release=200)
    rng = random.Random(1212)
    changes = 0
    with memoized_kdf():
        for trial in range(trials):
            root = tmp_path / f"t{trial}"
            root.mkdir()
            changes += _tamper_trial(root, rng, outcome, verify_with_cli=trial % 5 == 0)
            outcome.runs += 1
    outcome.finish(f"{changes - len(outcome.failures)} of {changes} changes found and named at "
                   "open and by verify (exit 3); every other entry opened").check()


def test_conflict_copies_bring_back_nothing_deleted_and_nothing_foreign(tmp_path: Path) -> None:
    outcome = Outcome(SCENARIO, "conflict copies: renamed backup, foreign journal")
    trials = count(ci=5, release=50)
    rng = random.Random(7)
    came_back = foreign_in = deleted_total = 0
    with memoized_kdf():
        for trial in range(trials):
            path = tmp_path / f"t{trial}" / "notes.db"
            entries = sample_entries(rng.randint(3, 15))
            _vault(path, entries)
            backup = RollingBackups(path).take()
            gone = rng.sample([e.id for e in entries], rng.randint(1, len(entries) - 1))
            with ops.open_journal(path, PASSPHRASE, backup=False) as journal:
                for record_id in gone:
                    ops.delete(journal, record_id)
                shutil.copyfile(backup, path.with_name(COPY_NAME))
                foreign = path.with_name("notes (Sam's conflicted copy 2026-03-01).db")
                _vault(foreign, sample_entries(rng.randint(1, 5)))
                summary = ops.merge_conflict_copies(journal, PASSPHRASE)
            outcome.runs += 1
            deleted_total += len(gone)
            back = [i for i in gone if i in {e.id for e in summary.loaded.entries}]
            came_back += len(back)
            foreign_in += len(summary.loaded.entries) - (len(entries) - len(gone))
            if back or summary.added or not foreign.exists() or len(summary.problems) != 1:
                outcome.fail(f"trial {trial}: {len(back)} deleted came back, "
                             f"{summary.added} added, foreign left: {foreign.exists()}")
    outcome.finish(f"{came_back} of {deleted_total} deleted entries came back from renamed "
                   f"backups; {foreign_in} entries merged from foreign journals").check()


def _altered_header(path: Path, rng: random.Random) -> str:
    """Change one field of the header on purpose and make the checksum match. Returns what."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        fmt, raw = conn.execute("SELECT format, header FROM vault_header").fetchone()
        data = json.loads(raw)
        slot = data["slots"][0]
        field = rng.choice(["salt", "nonce", "wrapped", "id", "vault_id", "memory_kib",
                            "iterations", "lanes", "kind"])
        if field == "vault_id":
            data["vault_id"] = f"{rng.getrandbits(128):032x}"
        elif field in ("memory_kib", "iterations", "lanes"):
            within = {"memory_kib": 96 * 1024, "iterations": 4, "lanes": 2}
            slot["kdf"][field] = within[field]
        elif field == "kind":
            data["slots"].insert(0, {**slot, "id": f"{rng.getrandbits(64):016x}"})
        else:
            value = bytearray(bytes.fromhex(slot[field]))
            value[rng.randrange(len(value))] ^= 1 << rng.randrange(8)
            slot[field] = value.hex()
        raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
        checksum = crypto.header_checksum(fmt.to_bytes(8, "big", signed=True) + raw)
        conn.execute("UPDATE vault_header SET header = ?, checksum = ?", (raw, checksum))
        conn.commit()
    return field


def test_altered_headers_are_never_a_wrong_passphrase(tmp_path: Path) -> None:
    outcome = Outcome(SCENARIO, "altered headers (checksum recomputed)")
    trials = count(ci=12, release=200)
    rng = random.Random(99)
    kinds: dict[str, int] = {}
    with memoized_kdf():
        for trial in range(trials):
            path = tmp_path / f"t{trial}" / "notes.db"
            _vault(path, sample_entries(3))
            RollingBackups(path).take()
            field = _altered_header(path, rng)
            try:
                ops.open_journal(path, PASSPHRASE).close()
                kind = "opened"
            except Exception as exc:  # every failure is worded; the kind is what counts
                kind = error_kind(exc).value
            kinds[kind] = kinds.get(kind, 0) + 1
            outcome.runs += 1
            if kind not in (ErrorKind.ALTERED.value, ErrorKind.DAMAGED.value):
                outcome.fail(f"trial {trial}: {field} changed, reported as {kind}")
    words = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    outcome.finish(f"{kinds.get('altered', 0) + kinds.get('damaged', 0)} of {trials} reported "
                   f"altered or damaged, {kinds.get('wrong passphrase', 0)} as a wrong "
                   f"passphrase ({words})").check()


WORST_PROBE = """
import resource, sys, time, os
from unknot.journal import crypto
params = crypto.KdfParams(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
assert params.within_limits()
started = time.perf_counter()
crypto.derive_key("a guess", os.urandom(16), params)
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_the_worst_crafted_header_accepted_costs_at_most_1_gib(tmp_path: Path) -> None:
    outcome = Outcome(SCENARIO, "worst crafted header accepted")
    # The corners of what the caps accept: passes are never below 3, so the work cap binds.
    corners = [(crypto.KDF_MAX_WORK_KIB // 3, 3, crypto.KDF_MAX_LANES),
               (crypto.KDF_MAX_WORK_KIB // 3, 3, 1),
               (crypto.KDF_FLOOR_MEMORY_KIB, crypto.KDF_MAX_ITERATIONS, 4)]
    worst_seconds, worst_mib = 0.0, 0.0
    for memory, passes, lanes in corners[:count(ci=1, release=3)]:
        outcome.runs += 1
        done = subprocess.run([sys.executable, "-c", WORST_PROBE, str(memory), str(passes),
                               str(lanes)], capture_output=True, text=True, check=True)
        seconds, rss_kib = done.stdout.split()
        worst_seconds = max(worst_seconds, float(seconds))
        worst_mib = max(worst_mib, int(rss_kib) / 1024)
        if int(rss_kib) > 1024 * 1024:
            outcome.fail(f"{memory} KiB x {passes} passes x {lanes} lanes used "
                         f"{int(rss_kib) // 1024} MiB")
    refused = crypto.KdfParams(4 * 1024 * 1024, 4, 4)
    started = time.perf_counter()
    assert not refused.within_limits()
    refusal_ms = (time.perf_counter() - started) * 1000
    outcome.finish(f"worst accepted: {worst_mib:.0f} MiB, {worst_seconds:.1f} s here "
                   f"(caps: 1 GiB, 5 s); 4 GiB x 4 passes x 4 lanes refused in "
                   f"{refusal_ms:.2f} ms", notes=f"peak RSS of a child process; "
                   f"{resource.getpagesize()} B pages").check()
