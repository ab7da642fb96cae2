"""What the journal's operations hand back: plain values, light to import.

The window's session declares Qt signals that carry these, so it imports this module when it
is first imported — before the first screen shows. It therefore imports nothing heavy (no
cryptography, no SQLite, no time-zone database): only the standard library's dataclasses,
enum and pathlib. The operations themselves (journal/journal.py) are imported later, on the
worker thread. tests/core/test_house_rules.py holds this module to that.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unknot.journal.model import CheckIn, Entry


class Problem(enum.StrEnum):
    """What was found wrong with the set of records (see RecordSetProblem)."""

    MISSING = "missing"            # a record was taken out of the file without the key
    ROLLED_BACK = "rolled back"    # an older version of a record was put back
    RESURRECTED = "resurrected"    # a deleted record was brought back
    UNEXPLAINED = "unexplained"    # the set is not the one last saved; no backup says how
    OLDER_COPY = "older copy"      # the whole file is older than the newest backup


@dataclass(frozen=True)
class RecordSetProblem:
    """One way the set of records differs from the one last saved. `record_id` is the record
    it concerns when it can be named; `backup` a backup that still has what was lost."""

    problem: Problem
    record_id: str | None = None
    backup: Path | None = None

    def words(self) -> str:
        name = f"record {self.record_id}" if self.record_id else "a record"
        where = (f" The backup {self.backup.name} still has it." if self.backup else "")
        if self.problem is Problem.MISSING:
            return f"{name.capitalize()} was removed from the file without the key.{where}"
        if self.problem is Problem.ROLLED_BACK:
            return (f"An older version of {name} was put back in the file without the key; "
                    f"the older text is shown.{where}")
        if self.problem is Problem.RESURRECTED:
            return (f"{name.capitalize()}, deleted earlier, was put back in the file without "
                    "the key; it stays deleted.")
        if self.problem is Problem.OLDER_COPY:
            return (f"The journal file is older than its newest backup: an older copy may have "
                    f"been put in its place.{where}")
        return ("The set of records in the file is not the one Unknot last saved: records "
                "were removed, or older versions put back, without the key, and no backup "
                "says which.")


@dataclass
class LoadResult:
    """Everything that could be read from a vault, the ids of records that could not, and how
    the set of records differs from the one last saved (empty when it does not)."""

    entries: list[Entry] = field(default_factory=list)
    checkins: list[CheckIn] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)
    record_set: list[RecordSetProblem] = field(default_factory=list)
    deleted: frozenset[str] = frozenset()  # ids of deleted records (their tombstones)


class KeyChange(enum.StrEnum):
    """What a passphrase change did. (A str, so "rotated" still compares equal.) Both make a new
    data key, re-encrypt every record and renew the backups; ROTATED ("someone may know my
    passphrase") also drops the recovery key unless a new one was asked for."""

    CHANGED = "changed"
    ROTATED = "rotated"


@dataclass(frozen=True)
class PassphraseChanged:
    how: KeyChange
    reencrypted: int = 0       # records sealed again under the new key
    backups_removed: int = 0   # older backups and merged copies the old key opened
    fresh_backup: Path | None = None
    recovery_key: str | None = None  # a new recovery key, to be shown once (the old one is void)
    recovery_removed: bool = False   # there was a recovery key and now there is none

    def words(self) -> str:
        """What happened, for the person who asked."""
        backup = ("A fresh backup was taken under the new key." if self.fresh_backup
                  else "A fresh backup could not be taken; the next start will try again.")
        text = (f"Passphrase changed. Made a new key and re-encrypted {self.reencrypted} "
                f"records; removed {self.backups_removed} older backup(s) that the old "
                f"passphrase could open. {backup}")
        if self.recovery_key:
            text += " The old recovery key no longer opens the journal: a new one was made."
        elif self.recovery_removed:
            text += " The old recovery key no longer opens the journal."
        return (text + " Copies made elsewhere (sync folders, USB sticks) still open with the "
                "old passphrase, but hold nothing written from now on: delete them.")


@dataclass(frozen=True)
class RecoveryKeyChanged:
    """A recovery key made, replaced or removed: always with a new data key and new backups."""

    recovery_key: str | None  # the new key, shown once; None when it was removed
    reencrypted: int = 0
    backups_removed: int = 0
    fresh_backup: Path | None = None


@dataclass(frozen=True)
class Restored:
    kept_aside: Path | None  # the journal as it was, now a backup; None if there was none
    records: int
    kept_deleted: int = 0  # records deleted in the journal that the backup had: still deleted


@dataclass(frozen=True)
class BackupInfo:
    """A file a journal can be restored from. Without the passphrase only `path` and `taken`
    are known; with it, `opens` says whether it opens, and the counts what it holds."""

    path: Path
    taken: datetime            # when it was written (the file's time, local)
    opens: bool | None = None  # None: not tried (no passphrase given)
    entries: int | None = None
    checkins: int | None = None
    same_journal: bool | None = None  # its vault id is the live journal's (None: no journal)


__all__ = [
    "BackupInfo",
    "KeyChange",
    "LoadResult",
    "PassphraseChanged",
    "Problem",
    "RecordSetProblem",
    "RecoveryKeyChanged",
    "Restored",
]
