"""Key-change and record-set benchmarks against DESIGN.md §9 (issue 12):

- changing the passphrase at 10,000 entries: a new data key, every record re-encrypted in one
  transaction (goal ≤ 2 s, off the GUI thread, with progress), measured whole — key derivation
  for the new passphrase (the floor, 64 MiB/3 passes), the re-encryption, and the backup rule
  (older backups removed, a fresh one taken) — and the re-encryption alone;
- the record-set check when a 10,000-entry journal opens: Vault.load() as it is (decrypt, check
  the set, parse) beside the same load with the check left out (goal ≤ 10 % added);
- a save's cost into 1,000 and into 10,000 entries (the set's upkeep is constant work).

    python tests/benchmarks/bench_keys.py [--entries 10000] [--runs 5] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from _common import (
    PASSPHRASE,
    Row,
    build_vault,
    fmt_s,
    load_average,
    make_entries,
    median,
    print_machine_info,
    print_table,
    repeat,
    timed,
    verdict_le,
)

from unknot.journal import crypto, record_set
from unknot.journal import journal as ops
from unknot.journal.backups import RollingBackups
from unknot.journal.vault import Vault

REKEY_BUDGET = 2.0
CHECK_SHARE_BUDGET = 0.10
NEW_PASSPHRASES = ("harbor quill meadow copper lantern violet {}",)


def bench(workdir: Path, n: int, runs: int) -> list[Row]:
    path = workdir / "keys" / "notes.db"
    vault = build_vault(path, n)
    vault.close()
    RollingBackups(path).take()
    rows: list[Row] = []

    # Whole passphrase change, as Settings and `unknot-cli passwd` do it.
    whole: list[float] = []
    progress_calls = [0]
    with ops.open_journal(path, PASSPHRASE, read=False, backup=False) as journal:
        current = PASSPHRASE
        for run in range(runs):
            new = NEW_PASSPHRASES[0].format(run)
            whole.append(timed(lambda new=new: ops.change_passphrase(  # type: ignore[misc]
                journal, new, progress=lambda d, t: progress_calls.__setitem__(0, d))))
            current = new
        # Re-encryption alone: the current passphrase's lock, no key derivation.
        alone = repeat(lambda: journal.vault.rekey(None, recovery=False), runs)
    rows.append(Row(f"change the passphrase at {n:,} entries (KDF, re-encrypt, backups), "
                    f"median of {runs}", fmt_s(median(whole)), f"≤ {REKEY_BUDGET:.0f} s",
                    "new key, one transaction", verdict_le(median(whole), REKEY_BUDGET)))
    rows.append(Row("  of which re-encrypting every record (rekey, no KDF)",
                    fmt_s(median(alone)), "", "", "n/a (info)"))
    rows.append(Row("  progress reports seen (last done)", f"{progress_calls[0]:,}", "", "",
                    "n/a (info)"))

    # The record-set check at open.
    with Vault.open(path, current, readonly=True) as opened:
        checked = repeat(opened.load, runs)
        original = record_set.check_set
        record_set.check_set = lambda *args, **kw: []  # type: ignore[assignment]
        try:
            unchecked = repeat(opened.load, runs)
        finally:
            record_set.check_set = original  # type: ignore[assignment]
        assert opened.load().record_set == []
    with Vault.open(path, current, readonly=True) as opened:
        rows_ = [(i, s) for i, s in opened._rows() if isinstance(i, bytes)]
        key = opened._set_key or b""
        shares = repeat(lambda: [crypto.record_term(key, i, 1) for i, _ in rows_], runs)
    share = median(checked) / median(unchecked) - 1
    rows.append(Row(f"Vault.load() of {n:,} with the record-set check, median of {runs}",
                    fmt_s(median(checked)), "", "", "n/a (info)"))
    rows.append(Row("  the same without the check (its shares still computed in the scan)",
                    fmt_s(median(unchecked)), "", "", "n/a (info)"))
    rows.append(Row(f"  keyed BLAKE2b shares of {n:,} records (in the scan, both rows above)",
                    fmt_s(median(shares)), "", "", "n/a (info)"))
    rows.append(Row("  the check's share of the load (state, comparison, newest backup)",
                    f"{share * 100:+.1f} %",
                    f"≤ {CHECK_SHARE_BUDGET * 100:.0f} %", "", verdict_le(share,
                                                                           CHECK_SHARE_BUDGET)))

    # A save: the set's upkeep reads one row and the state, whatever the size.
    for size in (1000, n):
        small = workdir / f"save-{size}" / "notes.db"
        with build_vault(small, size) as v:
            entries = make_entries(50, seed=size + 7)
            saves = [timed(lambda e=e: v.save(e)) for e in entries]  # type: ignore[misc]
        rows.append(Row(f"save 1 new entry into {size:,}, median of 50", fmt_s(median(saves)),
                        "≤ 5 ms", "", verdict_le(median(saves), 0.005)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="unknot-bench-keys-"))
    print_machine_info(workdir)
    try:
        print_table("Key changes and the record set (DESIGN.md §9)",
                    bench(workdir, args.entries, args.runs))
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"load average at the end: {load_average()}")


if __name__ == "__main__":
    main()
