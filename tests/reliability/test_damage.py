"""Scenario 3, damage: every single-byte change of the header, and random bit flips and
truncations of records and of the whole file.

Every outcome must be one of:
- a clear message that the file is damaged (or is not a vault) — never "wrong passphrase";
- the vault opens and the damage is reported by record id, every other record intact and
  identical, and (for a hit inside one record) only that record affected;
- the vault opens with every record intact and identical (the byte was one SQLite ignores,
  or free space).
A crash, a wrong text shown, a record silently missing, or damage called a wrong passphrase is a
defect.

The "header" is both SQLite's own 100-byte file header and Unknot's vault_header row (format,
header JSON, checksum, MAC) as it lies in the file.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from reliability_kit import PASSPHRASE, Outcome, count, memoized_kdf
from unknot.journal.crypto import FLOOR_PARAMS
from unknot.journal.errors import (
    NewerFormatError,
    NotAVaultError,
    UnknotError,
    VaultDamagedError,
    WrongPassphraseError,
)
from unknot.journal.model import CheckIn, Entry
from unknot.journal.vault import Vault

SCENARIO = "3. Damage"


# --- the vault that gets damaged --------------------------------------------------------------

def build_sample(path: Path) -> dict[str, dict[str, object]]:
    """A vault with records of many sizes (some spill onto overflow pages) and a check-in.
    Returns every record's JSON by id: what a correct reading must give back."""
    vault, _ = Vault.create(path, PASSPHRASE, kdf=FLOOR_PARAMS, with_recovery=True)
    rng = random.Random(3)
    start = datetime(2026, 1, 5, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    records: list[Entry | CheckIn] = []
    for n, size in enumerate((0, 40, 300, 900, 2500, 5000, 9000, 120, 60, 1500, 3800, 17)):
        body = "".join(rng.choice("abcdefghij klmnop\nqrstuvwxyzéü✓") for _ in range(size))
        records.append(Entry.new(start + timedelta(days=n), title=f"Title {n}", body=body,
                                 signs=("isolated",) if n % 2 else (), mood=(n % 5) - 2,
                                 tags=(f"tag{n}",)))
    records.append(CheckIn.new(start.date(), start, ratings={"addicted": 2, "isolated": 0},
                               note="a note"))
    with vault:
        vault.save_many(records)
    return {r.id: r.to_json() for r in records}


@dataclass(frozen=True)
class Layout:
    """Where things lie in the pristine file."""

    data: bytes
    record_bytes: dict[int, str]  # file offset -> id of the record whose ciphertext lies there
    header_span: tuple[int, int]  # the vault_header row: its record header, blobs, checksum, MAC


def _find_all(data: bytes, needle: bytes) -> list[int]:
    found, start = [], 0
    while (at := data.find(needle, start)) >= 0:
        found.append(at)
        start = at + 1
    return found


def map_layout(path: Path) -> Layout:
    data = path.read_bytes()
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT id, sealed FROM records").fetchall()
        raw, checksum, mac = conn.execute(
            "SELECT header, checksum, mac FROM vault_header").fetchone()
    finally:
        conn.close()
    owner: dict[int, str] = {}
    for record_id, sealed in rows:
        # Only the ciphertext: record ids also appear as dividers in interior b-tree pages.
        # A long record runs on over overflow pages, so it is found piece by piece.
        i = 0
        while i < len(sealed):
            spots = _find_all(data, sealed[i:i + 12])
            assert len(spots) == 1, "a piece of a record should appear once in the file"
            at, length = spots[0], 0
            while i + length < len(sealed) and at + length < len(data) \
                    and data[at + length] == sealed[i + length]:
                owner[at + length] = record_id.hex()
                length += 1
            i += length
    (raw_at,), (sum_at,), (mac_at,) = (_find_all(data, b) for b in (raw, checksum, mac))
    assert raw_at < sum_at < mac_at
    # The row's SQLite record header (sizes and types of its columns) sits just before the JSON.
    return Layout(data, owner, (raw_at - 8, mac_at + len(mac)))


# --- judging one damaged file -----------------------------------------------------------------

@dataclass
class Verdict:
    kind: str  # "intact", "record-damage", "file-damage", or a defect: "defect"
    problem: str = ""
    damaged: tuple[str, ...] = ()


CLEAR_DAMAGE = (VaultDamagedError, NotAVaultError, NewerFormatError)


def judge(path: Path, data: bytes, expected: dict[str, dict[str, object]],
          hit: str | None) -> Verdict:
    """Open `data` as the app does, read everything, and decide whether the outcome is
    acceptable. `hit` is the id of the record whose ciphertext was changed, if any."""
    for suffix in ("-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(data)
    try:
        with Vault.open(path, PASSPHRASE) as vault:
            loaded = vault.load()
    except WrongPassphraseError as exc:
        return Verdict("defect", f"damage reported as a wrong passphrase: {exc.message}")
    except CLEAR_DAMAGE as exc:
        if "damaged" in exc.message or "not an Unknot vault" in exc.message \
                or "altered" in exc.message or "newer version" in exc.message:
            return Verdict("file-damage")
        return Verdict("defect", f"unclear message: {exc.message}")
    except UnknotError as exc:
        return Verdict("defect", f"damage reported as {type(exc).__name__}: {exc.message}")
    except Exception as exc:  # noqa: BLE001 - any other exception is the defect we look for
        return Verdict("defect", f"crash: {type(exc).__name__}: {exc}")
    shown = {r.id: r.to_json() for r in (*loaded.entries, *loaded.checkins)}
    for record_id, record in shown.items():
        if expected.get(record_id) != record:
            return Verdict("defect", f"wrong text shown for record {record_id[:8]}")
    damaged = tuple(loaded.damaged)
    missing = set(expected) - set(shown) - set(damaged)
    if missing and len(missing) > len([d for d in damaged if d not in expected]):
        return Verdict("defect", f"{len(missing)} record(s) silently missing")
    if not damaged:
        return Verdict("intact")
    if hit is not None and len(damaged) != 1:
        return Verdict("defect", f"one record hit, {len(damaged)} reported damaged")
    if hit is not None and damaged != (hit,) and damaged[0] in expected:
        return Verdict("defect", f"record {hit[:8]} hit, {damaged[0][:8]} reported")
    return Verdict("record-damage", damaged=damaged)


def _tally(outcome: Outcome, verdicts: Counter[str], trial: str, verdict: Verdict) -> None:
    outcome.runs += 1
    verdicts[verdict.kind] += 1
    if verdict.kind == "defect":
        outcome.fail(f"{trial}: {verdict.problem}")


def _figure(verdicts: Counter[str]) -> str:
    return (f"{verdicts['file-damage']} reported as a damaged file, "
            f"{verdicts['record-damage']} as damaged records, {verdicts['intact']} harmless "
            f"(all records intact), {verdicts['defect']} defects")


# --- the scenarios ----------------------------------------------------------------------------

def header_bytes(work: Path, values_per_byte: int | None) -> tuple[Outcome, Outcome]:
    """Every byte of SQLite's 100-byte header and of the vault_header row, changed to
    `values_per_byte` other values (None: all 255)."""
    source = work / "sample.db"
    expected = build_sample(source)
    layout = map_layout(source)
    target = work / "damaged.db"
    rng = random.Random(1)
    results = []
    spans = (("SQLite file header", (0, 100)), ("vault_header row", layout.header_span))
    for name, (first, end) in spans:
        outcome = Outcome(SCENARIO, f"every single-byte change: {name}")
        verdicts: Counter[str] = Counter()
        with memoized_kdf():
            for offset in range(first, end):
                original = layout.data[offset]
                others = [v for v in range(256) if v != original]
                if values_per_byte is not None:
                    others = rng.sample(others, values_per_byte)
                for value in others:
                    data = bytearray(layout.data)
                    data[offset] = value
                    verdict = judge(target, bytes(data), expected, None)
                    _tally(outcome, verdicts, f"byte {offset} = {value:#04x}", verdict)
        results.append(outcome.finish(_figure(verdicts)))
    return results[0], results[1]


def record_damage(work: Path, trials: int) -> Outcome:
    """Random bit flips inside one record's ciphertext, and records cut short."""
    source = work / "sample.db"
    expected = build_sample(source)
    layout = map_layout(source)
    target = work / "damaged.db"
    rng = random.Random(2)
    outcome = Outcome(SCENARIO, "bit flips and truncations of records")
    verdicts: Counter[str] = Counter()
    offsets = sorted(layout.record_bytes)
    ids = sorted(expected)
    with memoized_kdf():
        for trial in range(trials):
            if trial % 4 == 3:  # cut a record short (as a torn write inside SQLite would)
                victim = rng.choice(ids)
                keep = rng.randrange(0, 200)
                _truncate_record(source, target, victim, keep)
                verdict = judge(target, target.read_bytes(), expected, victim)
                _tally(outcome, verdicts, f"record {victim[:8]} cut to {keep} bytes", verdict)
                continue
            offset = rng.choice(offsets)
            bit = 1 << rng.randrange(8)
            data = bytearray(layout.data)
            data[offset] ^= bit
            hit = layout.record_bytes[offset]
            verdict = judge(target, bytes(data), expected, hit)
            _tally(outcome, verdicts, f"flip at {offset} (record {hit[:8]})", verdict)
            if verdict.kind == "intact":
                outcome.fail(f"flip at {offset} inside record {hit[:8]} was not detected")
    return outcome.finish(_figure(verdicts))


def _truncate_record(source: Path, target: Path, victim: str, keep: int) -> None:
    for suffix in ("", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    target.write_bytes(source.read_bytes())
    conn = sqlite3.connect(target)
    key = bytes.fromhex(victim)
    conn.execute("UPDATE records SET sealed = substr(sealed, 1, ?) WHERE id = ?", (keep, key))
    conn.commit()
    conn.close()


def whole_file_damage(work: Path, trials: int) -> Outcome:
    """Random bit flips anywhere in the file, and the file cut short at random lengths."""
    source = work / "sample.db"
    expected = build_sample(source)
    layout = map_layout(source)
    target = work / "damaged.db"
    rng = random.Random(4)
    outcome = Outcome(SCENARIO, "bit flips and truncations of the whole file")
    verdicts: Counter[str] = Counter()
    size = len(layout.data)
    with memoized_kdf():
        for trial in range(trials):
            if trial % 5 == 4:
                length = rng.randrange(0, size)
                verdict = judge(target, layout.data[:length], expected, None)
                _tally(outcome, verdicts, f"file cut to {length} of {size} bytes", verdict)
                continue
            data = bytearray(layout.data)
            flips = 1 if trial % 3 else rng.randint(2, 8)
            hits = set()
            for _ in range(flips):
                offset = rng.randrange(size)
                data[offset] ^= 1 << rng.randrange(8)
                hits.add(layout.record_bytes.get(offset))
            hit = next(iter(hits)) if len(hits) == 1 else None
            verdict = judge(target, bytes(data), expected, hit)
            _tally(outcome, verdicts, f"{flips} flip(s), trial {trial}", verdict)
    return outcome.finish(_figure(verdicts))


# --- at CI counts -----------------------------------------------------------------------------

def test_every_header_byte_changed(tmp_path: Path) -> None:
    sqlite_header, vault_header = header_bytes(tmp_path, count(ci=1, release=None))
    sqlite_header.check()
    vault_header.check()


def test_record_bit_flips_and_truncations(tmp_path: Path) -> None:
    record_damage(tmp_path, count(ci=1000, release=10_000)).check()


def test_whole_file_bit_flips_and_truncations(tmp_path: Path) -> None:
    whole_file_damage(tmp_path, count(ci=2000, release=20_000)).check()


def test_damage_to_a_record_is_named_and_the_rest_opens(tmp_path: Path) -> None:
    """The plain example behind the scenario: one flipped bit, one named record."""
    source = tmp_path / "sample.db"
    expected = build_sample(source)
    layout = map_layout(source)
    offset = max(layout.record_bytes)
    data = bytearray(layout.data)
    data[offset] ^= 0x10
    verdict = judge(tmp_path / "x.db", bytes(data), expected, layout.record_bytes[offset])
    assert verdict.kind == "record-damage"
    assert verdict.damaged == (layout.record_bytes[offset],)


# --- defects this scenario found, kept as plain examples --------------------------------------

def _sample_with_sql(tmp_path: Path, *statements: str) -> tuple[Path, dict[str, dict[str, object]]]:
    path = tmp_path / "sample.db"
    expected = build_sample(path)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA writable_schema=ON")
    for statement in statements:
        conn.execute(statement)
    conn.close()
    return path, expected


def test_a_damaged_schema_is_damage_not_an_empty_journal(tmp_path: Path) -> None:
    """Found: a flip in sqlite_schema made `records` read vault_header's b-tree, and the journal
    opened empty with no word of damage."""
    path, _ = _sample_with_sql(tmp_path, "UPDATE sqlite_schema SET rootpage = 2 "
                                         "WHERE name = 'records'")
    with pytest.raises(VaultDamagedError, match="table structure"):
        Vault.open(path, PASSPHRASE)


def test_sqlite_errors_from_damage_are_damage_not_disk_trouble(tmp_path: Path) -> None:
    """Found: "unsupported file format" (byte 44-47 of SQLite's header) and "no such column"
    (a damaged schema) were reported as a disk problem: "Could not open …"."""
    path = tmp_path / "sample.db"
    build_sample(path)
    data = bytearray(path.read_bytes())
    data[47] = 0xB0
    path.write_bytes(bytes(data))
    with pytest.raises(VaultDamagedError, match="damaged"):
        Vault.open(path, PASSPHRASE)


def test_a_record_that_is_no_longer_a_blob_is_one_damaged_record(tmp_path: Path) -> None:
    """Found: a flipped type byte turned a record's ciphertext into a number, NULL or text, and
    reading the journal crashed (TypeError, or a UTF-8 error that stopped the whole read)."""
    path = tmp_path / "sample.db"
    expected = build_sample(path)
    victims = sorted(expected)[:3]
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("UPDATE records SET sealed = 42 WHERE id = ?", (bytes.fromhex(victims[0]),))
    conn.execute("UPDATE records SET sealed = CAST(x'c328ff' AS TEXT) WHERE id = ?",
                 (bytes.fromhex(victims[1]),))
    conn.execute("UPDATE records SET sealed = CAST(sealed AS TEXT) WHERE id = ?",
                 (bytes.fromhex(victims[2]),))
    conn.close()
    with Vault.open(path, PASSPHRASE) as vault:
        loaded = vault.load()
        report = vault.verify()
    assert loaded.damaged == sorted(victims[:2])
    assert report.damaged == tuple(sorted(victims[:2]))
    shown = {r.id: r.to_json() for r in (*loaded.entries, *loaded.checkins)}
    # The third kept its bytes, only their type changed: it still opens, intact.
    assert shown == {k: v for k, v in expected.items() if k not in victims[:2]}
