"""The journal's operations: what both faces — `unknot-cli` and the window (through
app/session.py and its worker) — do to a journal, each written once (DESIGN §3).

Every operation is a plain function. Those that need the unlocked journal take a `Journal` (the
open vault with what was read from it); the others take paths. None of them imports Qt, and each
raises an UnknotError (see errors.py) with words for a person when it cannot do what was asked.

    open_journal          Vault.open, read everything, build the search index, back up if due
    create_journal        a new vault, checked against the passphrase policy
    save / delete         one record on disk
    change_passphrase     rewrap the key, or (rotate) a new key and the backup rule with it
    make_recovery_key / remove_recovery_key
    merge_conflict_copies every sync-tool copy beside the vault, with a summary in words
    restore_backup        put a backup (or any vault file) in place of the journal, safely
    read_import_file / import_records   all or nothing, records already there are skipped
"""

from __future__ import annotations

import enum
import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from unknot.journal import crypto
from unknot.journal.backups import BACKUP_SUFFIX, RollingBackups, backup_file
from unknot.journal.errors import ImportFileError, UnknotError
from unknot.journal.exchange import ImportBatch, parse_jrnl_json, parse_unknot_json
from unknot.journal.model import Record
from unknot.journal.passphrase import check_new_passphrase
from unknot.journal.search import SearchIndex
from unknot.journal.storage import (
    TEMP_SUFFIX,
    discard_temp,
    ensure_private_dir,
    fsync_dir,
    storage_error,
)
from unknot.journal.sync_conflicts import find_conflict_copies, merge_conflict_copy
from unknot.journal.vault import LoadResult, Vault

KDF_PROFILE_VARIABLE = "UNKNOT_KDF_PROFILE"


def kdf_for_new_vaults() -> crypto.KdfParams | None:
    """None means: calibrate to about 0.5 s. The floor profile (still 64 MiB, 3 passes, never
    weaker than what Unknot allows) exists for the test suite and benchmarks only, chosen with
    UNKNOT_KDF_PROFILE=floor."""
    return crypto.FLOOR_PARAMS if os.environ.get(KDF_PROFILE_VARIABLE) == "floor" else None


@dataclass
class Journal:
    """An unlocked journal: the vault, and what was read from it when it opened (or was read
    again). Not thread-safe: whoever owns the vault (the CLI, or the window's worker) owns this."""

    vault: Vault
    loaded: LoadResult = field(default_factory=LoadResult)
    index: SearchIndex | None = None

    @property
    def path(self) -> Path:
        return self.vault.path

    def reload(self, *, index: bool = True) -> LoadResult:
        """Read every record again (after a merge or an import). A new index is built, never
        the old one changed: another thread may hold it."""
        self.loaded = self.vault.load()
        self.index = SearchIndex(self.loaded.entries) if index else None
        return self.loaded

    def close(self) -> None:
        self.vault.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- opening and creating ----------------------------------------------------------------------

def open_journal(path: Path, passphrase: str | None = None, *, recovery_key: str | None = None,
                 read: bool = True, index: bool = True, backup: bool = True) -> Journal:
    """Unlock the vault at `path` with the passphrase or the recovery key; then (by default)
    decrypt every record, build the search index and take a rolling backup if one is due. A
    backup that cannot be taken does not stop the journal from opening."""
    vault = Vault.open(Path(path), passphrase, recovery_key=recovery_key)
    journal = Journal(vault)
    try:
        if read:
            journal.reload(index=index)
        if backup:
            backup_if_due(journal.path)
    except BaseException:
        vault.close()
        raise
    return journal


def backup_if_due(vault_path: Path) -> Path | None:
    """Take a rolling backup if the newest is a day old (or there is none). A missed backup must
    not stop writing: its failure is swallowed here, and only here."""
    backups = RollingBackups(vault_path)
    if not backups.is_due():
        return None
    try:
        return backups.take()
    except UnknotError:
        return None


@dataclass(frozen=True)
class Created:
    journal: Journal
    recovery_key: str | None  # shown once, never stored in readable form


def create_journal(path: Path, passphrase: str, *, with_recovery: bool = False,
                   kdf: crypto.KdfParams | None = None) -> Created:
    """A new, empty journal at `path` (which must not exist), once the passphrase policy accepts
    the passphrase. `kdf` defaults to kdf_for_new_vaults()."""
    check_new_passphrase(passphrase)
    vault, recovery = Vault.create(Path(path), passphrase, kdf=kdf or kdf_for_new_vaults(),
                                   with_recovery=with_recovery)
    journal = Journal(vault)
    journal.reload()
    return Created(journal, recovery)


# --- saving and deleting -----------------------------------------------------------------------

def save(journal: Journal, record: Record) -> Record:
    """Encrypt and store one record; when this returns it is on disk."""
    journal.vault.save(record)
    return record


def delete(journal: Journal, record_id: str) -> str:
    journal.vault.delete(record_id)
    return record_id


# --- keys and the backups that go with them ----------------------------------------------------

class KeyChange(enum.StrEnum):
    """What a passphrase change did. (A str, so "rotated" still compares equal.)"""

    CHANGED = "changed"  # the key's lock changed; records, backups and copies as they were
    ROTATED = "rotated"  # a new key, every record re-encrypted, older backups removed


@dataclass(frozen=True)
class PassphraseChanged:
    how: KeyChange
    reencrypted: int = 0       # records sealed again under the new key
    backups_removed: int = 0   # older backups and merged copies the old key opened
    fresh_backup: Path | None = None

    def words(self) -> str:
        """What happened, for the person who asked."""
        if self.how is KeyChange.CHANGED:
            return ("Passphrase changed. Copies of the journal made before now, Unknot's backups "
                    "among them, still open with the old passphrase; if someone may know it, "
                    "make a new key instead.")
        backup = ("A fresh backup was taken under the new key." if self.fresh_backup
                  else "A fresh backup could not be taken; the next start will try again.")
        return (f"Made a new key and re-encrypted {self.reencrypted} records; removed "
                f"{self.backups_removed} older backup(s) that the old key could open. {backup} "
                "Copies made elsewhere (sync folders, USB sticks) still open with the old "
                "passphrase: delete them.")


def change_passphrase(journal: Journal, new_passphrase: str, *, current: str | None = None,
                      rotate: bool = False) -> PassphraseChanged:
    """Set a new passphrase (the policy decides whether it is acceptable). With `current`, that
    passphrase is checked first. With `rotate` ("someone may know my passphrase"): a new data
    key, every record re-encrypted, the recovery key dropped, then the one backup rule: every
    older backup — merged copies included — is removed and a fresh one taken under the new key."""
    check_new_passphrase(new_passphrase)
    if current is not None:
        Vault.open(journal.path, current, readonly=True).close()
    if not rotate:
        journal.vault.change_passphrase(new_passphrase)
        return PassphraseChanged(KeyChange.CHANGED)
    count = journal.vault.rotate_key(new_passphrase)
    removed, fresh = renew_backups(journal.path)
    return PassphraseChanged(KeyChange.ROTATED, count, removed, fresh)


def renew_backups(vault_path: Path) -> tuple[int, Path | None]:
    """After the key changed: remove every older backup and merged copy (the old key opens
    them), then take a fresh backup under the new key. Returns how many were removed and the
    fresh backup, or None if it could not be taken (the journal itself is safe)."""
    backups = RollingBackups(vault_path)
    removed = backups.remove_older_copies()
    try:
        fresh: Path | None = backups.take()
    except UnknotError:
        fresh = None
    return removed, fresh


def make_recovery_key(journal: Journal) -> str:
    """Make (or replace) the recovery key; returns it, to be shown once."""
    return journal.vault.set_recovery_key()


def remove_recovery_key(journal: Journal) -> None:
    journal.vault.remove_recovery_key()


# --- conflict copies ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MergeSummary:
    """What merging the conflict copies beside a vault brought in."""

    added: int
    updated: int
    merged: int  # copies merged (and moved into the backups folder)
    problems: tuple[tuple[str, str], ...]  # (file name, why it was left where it is)
    loaded: LoadResult  # the journal as read again afterwards

    def words(self) -> str:
        text = (f"{self.added} new and {self.updated} newer item(s) came in from {self.merged} "
                "cop(ies), which were moved into the backups folder.")
        if self.problems:
            text += " These were left where they are: " + " ".join(
                f"{name}: {why}" for name, why in self.problems)
        return text


def conflict_copies(journal_or_path: Journal | Path) -> list[Path]:
    """Sync-tool conflict copies beside the vault, oldest first."""
    path = journal_or_path.path if isinstance(journal_or_path, Journal) else journal_or_path
    return find_conflict_copies(path)


def merge_conflict_copies(journal: Journal, passphrase: str,
                          copies: Sequence[Path] | None = None) -> MergeSummary:
    """Merge every conflict copy (opened with `passphrase`). One copy's trouble does not hide
    the others; the journal is read again whatever happened, so what came in shows at once."""
    added = updated = merged = 0
    problems: list[tuple[str, str]] = []
    for copy in find_conflict_copies(journal.path) if copies is None else copies:
        try:
            report = merge_conflict_copy(journal.vault, copy, passphrase)
        except UnknotError as exc:
            problems.append((copy.name, exc.message))
            continue
        merged += 1
        added, updated = added + report.added, updated + report.updated
    loaded = journal.reload()
    return MergeSummary(added, updated, merged, tuple(problems), loaded)


# --- restoring ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Restored:
    kept_aside: Path | None  # the journal as it was, now a backup; None if there was none
    records: int


def restore_backup(vault_path: Path, source: Path, passphrase: str) -> Restored:
    """Put the vault file `source` (one of the backups, or any copy) in place of the journal at
    `vault_path`, which must be closed. The source is checked first: it must open with
    `passphrase`. The current journal is copied aside into the backups folder, and replaced only
    once the restored copy is complete beside it."""
    vault_path, source = Path(vault_path), Path(source)
    with Vault.open(source, passphrase, readonly=True) as check:
        records = check.count()
    kept: Path | None = None
    if vault_path.exists():
        backups = RollingBackups(vault_path)
        kept = backups.folder / (f"{vault_path.stem}-before-restore-{secrets.token_hex(6)}"
                                 f"{BACKUP_SUFFIX}")
        ensure_private_dir(backups.folder)
        backup_file(vault_path, kept)
    temp = vault_path.with_name(vault_path.name + ".restoring" + TEMP_SUFFIX)
    discard_temp(temp)
    try:
        backup_file(source, temp)
        Vault.open(temp, passphrase, readonly=True).close()  # what was written opens too
        os.replace(temp, vault_path)
        fsync_dir(vault_path.parent)
    except OSError as exc:
        discard_temp(temp)
        raise storage_error(exc, "restore the backup") from exc
    except BaseException:
        discard_temp(temp)
        raise
    return Restored(kept, records)


# --- importing ---------------------------------------------------------------------------------

ImportFormat = Literal["unknot-json", "jrnl-json"]


def read_import_file(path: Path, import_format: ImportFormat) -> ImportBatch:
    """Read and check an import file, all of it, before anything is written."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFileError(f"Cannot read {path}: {exc}. Nothing was imported.") from exc
    parse = parse_unknot_json if import_format == "unknot-json" else parse_jrnl_json
    return parse(text)


@dataclass(frozen=True)
class Imported:
    imported: int
    skipped: int  # already in the journal (same record id): never overwritten

    def words(self) -> str:
        return (f"Imported {self.imported} records"
                + (f"; {self.skipped} were already there" if self.skipped else "") + ".")


def import_records(journal: Journal, batch: ImportBatch) -> Imported:
    """Write the batch in one transaction, leaving out records the journal already has."""
    records: list[Record] = [*batch.entries, *batch.checkins]
    fresh = [r for r in records if not journal.vault.exists(r.id)]
    journal.vault.save_many(fresh, action="import the entries")
    return Imported(len(fresh), len(records) - len(fresh))


__all__ = [
    "Created",
    "Imported",
    "Journal",
    "KeyChange",
    "MergeSummary",
    "PassphraseChanged",
    "Restored",
    "backup_if_due",
    "change_passphrase",
    "conflict_copies",
    "create_journal",
    "delete",
    "import_records",
    "kdf_for_new_vaults",
    "make_recovery_key",
    "merge_conflict_copies",
    "open_journal",
    "read_import_file",
    "remove_recovery_key",
    "renew_backups",
    "restore_backup",
    "save",
]
