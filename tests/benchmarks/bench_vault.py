"""Vault benchmarks against DESIGN.md §9: unlock, save, search-as-you-type, key derivation.

    python tests/benchmarks/bench_vault.py [--quick] [--workdir DIR] [--keep]

--quick measures a 1,000-entry vault only (search then runs over 1,000 entries, not 10,000).
Vaults are built with the key-derivation floor (64 MiB, 3 passes); the calibrated default is
measured separately at the end. Figures are with a warm page cache (the vault was just written).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import tempfile
import time
from pathlib import Path

from _common import (
    INFO,
    PASSPHRASE,
    Row,
    build_vault,
    fmt_kdf,
    fmt_s,
    load_average,
    make_entries,
    median,
    p95,
    print_grid,
    print_machine_info,
    print_table,
    repeat,
    timed,
    verdict_band,
    verdict_le,
)

from unknot.journal import crypto
from unknot.journal.journal import conflict_copies, open_journal
from unknot.journal.record_set import SEQ_BYTES  # format 2: each record starts with its seq
from unknot.journal.search import SearchIndex, entry_haystack, query_terms, search
from unknot.journal.vault import Vault, read_header

RUNS = 5
CALIBRATIONS = 5
SAVES = 200
# Typed letter by letter; each prefix is one keystroke. Words from the synthetic vocabulary,
# including an accented one (matching folds case and accents).
QUERIES = ("she said sorry again", "therapist boundaries", "Cafe naive")

UNLOCK_BUDGET = 0.3
SAVE_MEDIAN_BUDGET, SAVE_P95_BUDGET = 0.005, 0.020
SEARCH_BUDGET = 0.050
KDF_LOW, KDF_HIGH = 0.35, 0.75  # "≈0.5 s": we call 0.35-0.75 s on target


def bench_unlock(path: Path, vault: Vault, n: int) -> tuple[list[Row], float]:
    """Unlock as the window's worker does it (open_journal, then the conflict-copy scan), with
    and without key derivation. Returns rows and the measured KDF time.

    "KDF excluded" passes open_journal a cache of the derived key, so everything else a real
    unlock does is in the figure: header read and checks, unwrapping the data key, the header
    MAC, decrypting and parsing every record, the record-set check (which opens the newest
    backup's state), the search index and the is-a-backup-due check. A backup is taken first
    (the first unlock of a day does that), so the runs measure the usual unlock, with one."""
    conn, head = read_header(path)
    conn.close()
    slot = head.slot("passphrase")
    assert slot is not None and slot.kdf is not None
    params, salt = slot.kdf, slot.salt
    keks: dict[tuple[bytes, crypto.KdfParams], bytes] = {}

    def unlock(cache: dict[tuple[bytes, crypto.KdfParams], bytes] | None) -> float:
        started = time.perf_counter()
        journal = open_journal(path, PASSPHRASE, keks=cache)
        conflict_copies(journal)
        took = time.perf_counter() - started
        journal.close()  # (locking is not part of unlocking)
        return took

    unlock(keks)  # derives the key into the cache, and takes the day's backup
    entries = vault.load().entries
    excl, header_t, open_t, load_t, index_t = [], [], [], [], []
    for _ in range(RUNS):  # interleaved, so that each part meets the machine as the whole did
        excl.append(unlock(keks))
        header_t.append(timed(lambda: read_header(path, readonly=False)[0].close()))
        open_t.append(timed(lambda: Vault.open(path, PASSPHRASE, keks=keks).close()))
        load_t.append(timed(vault.load))
        index_t.append(timed(lambda: SearchIndex(entries)))
    incl = [unlock(None) for _ in range(RUNS)]
    kdf_t = repeat(lambda: crypto.derive_key(PASSPHRASE, salt, params), RUNS)

    floor = _load_floor(vault)
    floor_text = f"SQLite+AES-GCM+JSON {fmt_s(floor)} here (≈0.1 s)" if floor else "≈0.1 s"
    budget = "≤ 0.3 s" if n >= 10_000 else "≤ 0.3 s (set for 10k)"
    apart = "measured apart (under load the parts need not add up)"
    rows = [
        Row(f"unlock {n:,}, KDF excluded (open_journal + conflict copies, key cached)",
            fmt_s(median(excl)), budget, floor_text, verdict_le(median(excl), UNLOCK_BUDGET)),
        Row("  of which Vault.open, key cached (header checks, key unwrap, MAC)",
            fmt_s(median(open_t)), "", f"header read alone {fmt_s(median(header_t))}", ""),
        Row(f"  of which Vault.load() ({n:,} records, record-set check)", fmt_s(median(load_t)),
            "", apart, ""),
        Row(f"  of which SearchIndex build ({n:,} entries)", fmt_s(median(index_t)), "", apart,
            ""),
        Row("  (the row before open_journal was measured: header read + Vault.load())",
            fmt_s(median(header_t) + median(load_t)), "", "", ""),
        Row(f"key derivation, vault's params ({fmt_kdf(params)})", fmt_s(median(kdf_t)), "",
            "64 MiB/3 passes ≈0.15 s", INFO),
        Row(f"unlock {n:,}, KDF included (open_journal + conflict copies)", fmt_s(median(incl)),
            "no own budget", "see note 1", INFO),
    ]
    return rows, median(kdf_t)


def _load_floor(vault: Vault) -> float | None:
    """SQLite read + AES-GCM + json.loads of every record, nothing else (uses Vault internals;
    skipped if they change)."""
    try:
        conn, cipher = vault._live()
    except AttributeError:
        return None

    def floor() -> None:
        for record_id, sealed in conn.execute("SELECT id, sealed FROM records"):
            json.loads(cipher.open(record_id, sealed)[SEQ_BYTES:])
    return median(repeat(floor, RUNS))


def load_breakdown(vault: Vault, n: int) -> None:
    """Where Vault.load() spends its time: cumulative stages, median of RUNS."""
    try:
        conn, cipher = vault._live()
    except AttributeError:
        print("(load breakdown skipped: Vault internals changed)")
        return

    def rows_only() -> None:
        for _ in conn.execute("SELECT id, sealed FROM records"):
            pass

    def decrypt() -> None:
        for record_id, sealed in conn.execute("SELECT id, sealed FROM records"):
            cipher.open(record_id, sealed)

    def parse() -> None:
        for record_id, sealed in conn.execute("SELECT id, sealed FROM records"):
            json.loads(cipher.open(record_id, sealed)[SEQ_BYTES:])

    stages = [("SQLite: read every row", rows_only), ("+ AES-GCM open", decrypt),
              ("+ json.loads", parse), ("Vault.load(): + record-set check, Entry objects, sort",
                                        vault.load)]
    cells = [["stage (cumulative)", "median"]]
    for label, fn in stages:
        cells.append([label, fmt_s(median(repeat(fn, RUNS)))])
    size = vault.path.stat().st_size
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    cells.append(["vault file size", f"{size / 2**20:.1f} MiB ({size // n:,} B per entry)"])
    try:
        stat = conn.execute(
            "SELECT count(*), sum(unused) FROM dbstat WHERE name = 'records' "
            "AND pagetype = 'overflow'").fetchone()
        cells.append(["records' overflow pages (unused bytes)",
                      f"{stat[0]:,} of {page_size} B ({(stat[1] or 0) / 2**20:.1f} MiB unused)"])
    except sqlite3.Error:
        pass
    print_grid(f"Where Vault.load() spends its time, {n:,} entries", cells)


def bench_save(vault: Vault, n: int) -> list[Row]:
    fresh = make_entries(SAVES, seed=99)
    new_t = [timed(lambda e=e: vault.save(e)) for e in fresh]
    target = fresh[0]
    edit_t = [timed(lambda i=i: vault.save(target.edited(target.updated,
                                                         body=target.body + f" {i}")))
              for i in range(SAVES)]
    floor = _commit_floor(vault.path.parent / f"floor-{n}.sqlite", n)
    floor_text = f"1 SQLite commit+fsync {fmt_s(floor)} here (≈0.2 ms)"
    scope = "" if n >= 10_000 else " (set for 10k)"
    rows = []
    for label, times in (("new entry", new_t), ("edit of one entry", edit_t)):
        rows.append(Row(f"save 1 {label} into {n:,}, median of {SAVES}", fmt_s(median(times)),
                        "≤ 5 ms" + scope, floor_text,
                        verdict_le(median(times), SAVE_MEDIAN_BUDGET)))
        rows.append(Row(f"save 1 {label} into {n:,}, p95 of {SAVES}", fmt_s(p95(times)),
                        "≤ 20 ms" + scope, "", verdict_le(p95(times), SAVE_P95_BUDGET)))
    return rows


def _commit_floor(path: Path, n: int) -> float:
    """One INSERT of a 1.3 KB blob and COMMIT with synchronous=FULL, in a plain SQLite file
    pre-filled with n such rows."""
    import os

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id BLOB PRIMARY KEY, v BLOB NOT NULL)")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO t VALUES (?, ?)",
                     ((os.urandom(16), os.urandom(1300)) for _ in range(n)))
    conn.execute("COMMIT")

    def one() -> None:
        conn.execute("INSERT INTO t VALUES (?, ?)", (os.urandom(16), os.urandom(1300)))
    times = repeat(one, SAVES)
    conn.close()
    path.unlink()
    return median(times)


def bench_search(vault: Vault, n: int) -> list[Row]:
    entries = vault.load().entries
    ids = [e.id for e in entries]
    build_t = median(repeat(lambda: SearchIndex(entries), 3))
    index = SearchIndex(entries)
    texts = [entry_haystack(e) for e in entries]

    indexed, plain, floor, hits = [], [], [], 0
    for query in QUERIES:
        for i in range(1, len(query) + 1):
            prefix = query[:i]
            terms = query_terms(prefix)
            found: list[list[str]] = []
            indexed.append(timed(lambda t=terms, f=found: f.append(
                [x for x in ids if index.matches(x, t)])))
            plain.append(timed(lambda p=prefix: search(entries, p)))
            floor.append(timed(lambda t=terms: [x for x in texts if all(w in x for w in t)]))
            hits = len(found[0])
    keystrokes = len(indexed)
    over = f"over {n:,}" + ("" if n >= 10_000 else " (budget set for 10k)")
    floor_text = f"bare substring test {fmt_s(median(floor))} here (≈10 ms)"
    return [
        Row(f"SearchIndex build ({n:,} entries, once per unlock)", fmt_s(build_t), "", "",
            INFO),
        Row(f"keystroke, SearchIndex.matches {over}, median", fmt_s(median(indexed)),
            "≤ 50 ms", floor_text, verdict_le(median(indexed), SEARCH_BUDGET)),
        Row(f"keystroke, SearchIndex.matches {over}, p95", fmt_s(p95(indexed)), "≤ 50 ms",
            f"{keystrokes} keystrokes, {len(QUERIES)} queries", verdict_le(p95(indexed),
                                                                       SEARCH_BUDGET)),
        Row(f"keystroke, plain search() {over}, median", fmt_s(median(plain)), "≤ 50 ms",
            "folds every entry per call", verdict_le(median(plain), SEARCH_BUDGET)),
        Row(f"keystroke, plain search() {over}, p95", fmt_s(p95(plain)), "≤ 50 ms", "",
            verdict_le(p95(plain), SEARCH_BUDGET)),
        Row(f"  (last full query matched {hits:,} entries)", "", "", "", ""),
    ]


def bench_kdf(floor_kdf: float) -> list[Row]:
    """calibrate() as Vault.create runs it, several times, each followed by derive_key timings
    with the parameters it chose."""
    salt = b"\x00" * crypto.SALT_BYTES
    calibrations: list[tuple[float, crypto.KdfParams, float]] = []
    for _ in range(CALIBRATIONS):
        box: list[crypto.KdfParams] = []
        took = timed(lambda b=box: b.append(crypto.calibrate()))
        params = box[0]
        derive = median(repeat(lambda p=params: crypto.derive_key(PASSPHRASE, salt, p), 3))
        calibrations.append((took, params, derive))
    cells = [["calibration", "calibrate() took", "chose", "derive_key, median of 3"]]
    for i, (took, params, derive) in enumerate(calibrations, 1):
        cells.append([str(i), fmt_s(took), fmt_kdf(params), fmt_s(derive)])
    print_grid(f"calibrate() run {CALIBRATIONS} times (each as at vault creation)", cells)
    middle = sorted(calibrations, key=lambda c: c[2])[len(calibrations) // 2]
    lowest = min(c[2] for c in calibrations)
    return [
        Row(f"key derivation, calibrated default, median of {CALIBRATIONS} calibrations "
            f"({fmt_kdf(middle[1])})", fmt_s(middle[2]),
            f"≈0.5 s (we call {KDF_LOW}-{KDF_HIGH} s on target)",
            f"64 MiB/3 passes {fmt_s(floor_kdf)} here (≈0.15 s); 256 MiB ≈0.7 s",
            verdict_band(middle[2], KDF_LOW, KDF_HIGH)),
        Row(f"key derivation, weakest of the {CALIBRATIONS} calibrations", fmt_s(lowest),
            f"≈0.5 s ({KDF_LOW}-{KDF_HIGH} s)", "", verdict_band(lowest, KDF_LOW, KDF_HIGH)),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1,000 entries only")
    parser.add_argument("--workdir", type=Path, help="where to build the vaults (default: a "
                        "temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the vaults afterwards")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="unknot-bench-", dir=args.workdir))
    sizes = (1_000,) if args.quick else (1_000, 10_000)
    print_machine_info(workdir)
    rows: list[Row] = []
    floor_kdf = 0.0
    try:
        for n in sizes:
            path = workdir / f"{n}" / "vault.bin"  # its own folder: its own backups
            build_t = timed(lambda p=path, k=n: build_vault(p, k).close())
            print(f"\nbuilt a {n:,}-entry vault in {fmt_s(build_t)}")
            with Vault.open(path, PASSPHRASE) as vault:
                unlock_rows, floor_kdf = bench_unlock(path, vault, n)
                rows += unlock_rows
                load_breakdown(vault, n)
                rows += bench_save(vault, n)
                if n == sizes[-1]:
                    rows += bench_search(vault, n)
        rows += bench_kdf(floor_kdf)
        print_table("Vault benchmarks (DESIGN.md §9)", rows)
        print("note 1: DESIGN's KDF-included budget (≤ 1.0 s) is for unlocking and showing 10 "
              "years of daily entries with the timeline in the window; this row is the core "
              "only, with the floor KDF the vaults were built with. Add the calibrated KDF row "
              "for a real user's vault.")
        print(f"load average at the end: {load_average()}")
    finally:
        if args.keep:
            print(f"vaults kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
