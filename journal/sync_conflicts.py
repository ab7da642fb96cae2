"""Conflict copies made by sync tools beside a vault, and merging their entries back in.

A vault kept in a synced folder can meet copies such as Syncthing's
`notes.sync-conflict-20260301-101112-ABCDEFG.db` or Dropbox's
`notes (Sam's conflicted copy 2026-03-01).db`. Each is a whole vault. Merging takes every record
the copy has that the vault lacks, and every record the copy changed more recently; nothing in
the vault is lost, and the copy is kept (moved into the backups folder) once merged.

Only a copy of this same journal (the same vault id) merges: another journal that happens to open
with the same passphrase is named and left where it is. A record deleted here (its tombstone) is
never brought back by a copy that still has it, and a copy's tombstone of a record this journal
never had is taken over, so a later copy does not bring that one in either.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from unknot.journal.backups import MERGED_PREFIX
from unknot.journal.errors import ForeignJournalError, StorageError
from unknot.journal.model import Record
from unknot.journal.storage import BACKUPS_FOLDER, ensure_private_dir, storage_error
from unknot.journal.vault import Vault


def find_conflict_copies(vault_path: Path) -> list[Path]:
    """Conflict copies of `vault_path` in its folder, oldest first."""
    vault_path = Path(vault_path)
    stem, suffix = re.escape(vault_path.stem), re.escape(vault_path.suffix)
    patterns = (
        re.compile(rf"^{stem}\.sync-conflict-[\w-]+{suffix}$"),           # Syncthing
        re.compile(rf"^{stem} \(.*conflicted copy.*\){suffix}$", re.I),   # Dropbox
        re.compile(rf"^{stem}[ _-]*\(?conflict.*{suffix}$", re.I),         # other tools
    )
    if not vault_path.parent.is_dir():
        return []
    found = [p for p in vault_path.parent.iterdir()
             if p.is_file() and p != vault_path and any(r.match(p.name) for r in patterns)]
    return sorted(found, key=lambda p: p.stat().st_mtime)


@dataclass(frozen=True)
class MergeReport:
    added: int
    updated: int
    unchanged: int
    damaged: tuple[str, ...]
    kept_at: Path | None
    kept_deleted: int = 0  # records the copy had that were deleted here: they stay deleted


def merge_conflict_copy(vault: Vault, copy_path: Path, passphrase: str) -> MergeReport:
    """Bring the copy's new and newer records into `vault`, in one transaction, then move the
    copy into the backups folder. Raises WrongPassphraseError if the copy has another
    passphrase (it may be older), and the usual errors for a damaged or foreign file."""
    with Vault.open(copy_path, passphrase, readonly=True) as copy:
        if copy.vault_id != vault.vault_id:
            raise ForeignJournalError(
                f"{copy_path.name} is another journal, not a copy of this one (it opens with "
                "the same passphrase, but it was made separately). Nothing was merged from it "
                "and it was left where it is.")
        theirs = copy.load()
    mine = vault.load()
    mine_records: list[Record] = [*mine.entries, *mine.checkins]
    their_records: list[Record] = [*theirs.entries, *theirs.checkins]
    current: dict[str, Record] = {r.id: r for r in mine_records}
    incoming: list[Record] = []
    added = updated = unchanged = kept_deleted = 0
    for record in their_records:
        existing = current.get(record.id)
        if record.id in mine.deleted:
            kept_deleted += 1
            continue
        if existing is None:  # new, or damaged in the vault but readable in the copy
            added += 1
            incoming.append(record)
        elif record.updated > existing.updated and record != existing:
            updated += 1
            incoming.append(record)
        else:
            unchanged += 1
    vault.save_many(incoming, action="merge the conflict copy")
    # Deleted there and never here: keep it deleted for the copies still to come.
    unknown = sorted(i for i in theirs.deleted if i not in current and i not in mine.deleted)
    if unknown:
        vault.delete_many(unknown, only_existing=False)
    kept = vault.path.parent / BACKUPS_FOLDER / f"{MERGED_PREFIX}{copy_path.name}"
    try:
        ensure_private_dir(kept.parent)
        if kept.exists():
            raise StorageError(f"{kept} already exists")
        os.replace(copy_path, kept)
    except OSError as exc:
        raise storage_error(exc, f"move the merged copy {copy_path.name}") from exc
    return MergeReport(added, updated, unchanged, tuple(theirs.damaged), kept, kept_deleted)
