"""The journal's operations: what both faces — `unknot-cli` and the window (through
app/session.py and its worker) — do to a journal, each written once (DESIGN §3).

Every operation is a plain function. Those that need the unlocked journal take a `Journal` (the
open vault with what was read from it); the others take paths. None of them imports Qt, and each
raises an UnknotError (see errors.py) with words for a person when it cannot do what was asked.

    open_journal          Vault.open, read everything, build the search index, back up if due;
                          a passphrase that opens the newest backup but not the file: altered
    create_journal        a new vault, checked against the passphrase policy; the backups of a
                          journal whose file is gone are kept apart, never pushed out
    save / delete         one record on disk (a deletion leaves a tombstone)
    change_passphrase     a new data key, every record re-encrypted, and the backup rule
    make_recovery_key / remove_recovery_key   the same: a new data key each time
    renew_backups         the backup rule after any new key
    merge_conflict_copies every sync-tool copy of this journal beside the vault, in words
    list_backups          what the journal can be restored from (dates; counts with the passphrase)
    restore_backup        put a backup (or any vault file) in place of the journal, safely
    back_up_to            an encrypted copy of the journal, wherever the person chooses
    accept_record_set     keep the journal as it is after its record set was reported changed
    read_import_file / import_records   all or nothing, records already there are skipped
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from unknot.journal import crypto
from unknot.journal.backups import BACKUP_SUFFIX, RollingBackups, backup_file
from unknot.journal.errors import (
    HeaderAlteredError,
    ImportFileError,
    UnknotError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from unknot.journal.exchange import ImportBatch, parse_jrnl_json, parse_unknot_json
from unknot.journal.header import read_header, unlock
from unknot.journal.model import Record
from unknot.journal.passphrase import check_new_passphrase
from unknot.journal.results import (
    BackupInfo,
    KeyChange,
    LoadResult,
    PassphraseChanged,
    RecoveryKeyChanged,
    Restored,
)
from unknot.journal.search import SearchIndex
from unknot.journal.storage import (
    TEMP_SUFFIX,
    discard_temp,
    ensure_private_dir,
    fsync_dir,
    storage_error,
)
from unknot.journal.sync_conflicts import find_conflict_copies, merge_conflict_copy
from unknot.journal.vault import Progress, Vault

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
                 read: bool = True, index: bool = True, backup: bool = True,
                 keks: dict[tuple[bytes, crypto.KdfParams], bytes] | None = None) -> Journal:
    """Unlock the vault at `path` with the passphrase or the recovery key (`keks`: see
    Vault.open); then (by default) decrypt every record, check the set of them, build the
    search index and take a rolling backup if one is due. A backup that cannot be taken does
    not stop it opening; none is taken of a journal whose record set was found changed (it
    would push out a backup that still has what was lost). A passphrase that does not open
    the file but opens its newest backup raises HeaderAlteredError, never WrongPassphraseError."""
    try:
        vault = Vault.open(Path(path), passphrase, recovery_key=recovery_key, keks=keks)
    except WrongRecoveryKeyError:
        raise
    except WrongPassphraseError as exc:
        if passphrase:
            altered_from = _backup_the_passphrase_opens(Path(path), passphrase)
            if altered_from is not None:
                raise HeaderAlteredError(
                    f"The passphrase opens the newest backup ({altered_from}) but not the "
                    f"journal file {path}: the file's header was changed since Unknot wrote "
                    "it. Restore the backup to go on; the changed file will be kept aside.",
                    altered_from) from exc
        raise
    journal = Journal(vault)
    try:
        if read:
            journal.reload(index=index)
        if backup and not journal.loaded.record_set:
            backup_if_due(journal.path)
    except BaseException:
        vault.close()
        raise
    return journal


def _backup_the_passphrase_opens(path: Path, passphrase: str) -> Path | None:
    """The newest backup, if `passphrase` opens it although it did not open `path`. When the
    backup's passphrase slot is the file's own, the passphrase is simply wrong and no second
    key derivation is spent on it."""
    backups = RollingBackups(path).list()[:1]
    if not backups:
        return None
    try:
        conn, live = read_header(path)
        conn.close()
        conn, theirs = read_header(backups[0])
        conn.close()
    except UnknotError:
        return None
    if theirs.slot("passphrase") == live.slot("passphrase") and theirs.format == live.format \
            and theirs.vault_id == live.vault_id:
        return None
    try:
        unlock(theirs, passphrase, None)
    except UnknotError:
        return None
    return backups[0]


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
                   kdf: crypto.KdfParams | None = None, repeat: str | None = None) -> Created:
    """A new, empty journal at `path` (which must not exist), once the passphrase policy accepts
    the passphrase (and `repeat`, when given, matches it). `kdf` defaults to
    kdf_for_new_vaults(). Backups of an earlier journal whose file is gone are first moved
    into a folder of their own, where the new journal's backups never push them out."""
    check_new_passphrase(passphrase, repeat)
    path = Path(path)
    if not path.exists():
        RollingBackups(path).keep_apart()
    vault, recovery = Vault.create(path, passphrase, kdf=kdf or kdf_for_new_vaults(),
                                   with_recovery=with_recovery)
    journal = Journal(vault)
    journal.reload()
    return Created(journal, recovery)


def backups_without_journal(vault_path: Path) -> bool:
    """The journal file is missing but backups of it (or of an earlier one) exist: first run
    should offer to restore one instead of starting a new journal."""
    vault_path = Path(vault_path)
    if vault_path.exists():
        return False
    backups = RollingBackups(vault_path)
    return bool(backups.list() or backups.kept_apart())


# --- saving and deleting -----------------------------------------------------------------------

def save(journal: Journal, record: Record) -> Record:
    """Encrypt and store one record; when this returns it is on disk."""
    journal.vault.save(record)
    return record


def delete(journal: Journal, record_id: str) -> str:
    journal.vault.delete(record_id)
    return record_id


# --- keys and the backups that go with them ----------------------------------------------------
# Every key change is a new data key (Vault.rekey): every record re-encrypted, then the one
# backup rule (renew_backups). A copy taken before it — a backup, a sync copy, the old header
# put back — opens nothing written afterwards.

def change_passphrase(journal: Journal, new_passphrase: str, *, current: str | None = None,
                      rotate: bool = False, new_recovery: bool | None = None,
                      repeat: str | None = None, progress: Progress | None = None,
                      ) -> PassphraseChanged:
    """Set a new passphrase (the policy decides whether it is acceptable; `repeat`, when given,
    must match), with a new data key. With `current`, that passphrase is checked first. The
    recovery key goes with the old data key: a new one is made when the journal had one (its
    words say so), unless `rotate` ("someone may know my passphrase": none, unless
    `new_recovery`). `progress(done, total)` follows the re-encryption."""
    check_new_passphrase(new_passphrase, repeat)
    if current is not None:
        Vault.open(journal.path, current, readonly=True).close()
    had_recovery = journal.vault.has_recovery_key
    recovery = new_recovery if new_recovery is not None else (had_recovery and not rotate)
    count, recovery_text = journal.vault.rekey(new_passphrase, recovery=recovery,
                                               progress=progress)
    removed, fresh = renew_backups(journal.path)
    return PassphraseChanged(KeyChange.ROTATED if rotate else KeyChange.CHANGED, count, removed,
                             fresh, recovery_text, had_recovery and recovery_text is None)


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


def change_recovery_key(journal: Journal, *, make: bool, current: str | None = None,
                        progress: Progress | None = None) -> RecoveryKeyChanged:
    """Make (or replace) the recovery key, or remove it (`make=False`): a new data key either
    way, so an old recovery key and an old copy open nothing written from now on, then the
    backup rule. The passphrase stays; with `current` it is checked first."""
    if current is not None:
        Vault.open(journal.path, current, readonly=True).close()
    count, text = journal.vault.rekey(None, recovery=make, progress=progress)
    removed, fresh = renew_backups(journal.path)
    return RecoveryKeyChanged(text, count, removed, fresh)


def make_recovery_key(journal: Journal) -> str:
    """Make (or replace) the recovery key; returns it, to be shown once."""
    text = change_recovery_key(journal, make=True).recovery_key
    assert text is not None
    return text


def remove_recovery_key(journal: Journal) -> None:
    change_recovery_key(journal, make=False)


# --- conflict copies ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MergeSummary:
    """What merging the conflict copies beside a vault brought in."""

    added: int
    updated: int
    merged: int  # copies merged (and moved into the backups folder)
    kept_deleted: int = 0  # entries a copy had that were deleted here: they stay deleted
    problems: tuple[tuple[str, str], ...] = ()  # (file name, why it was left where it is)
    loaded: LoadResult = field(default_factory=LoadResult)  # the journal read again afterwards

    def words(self) -> str:
        text = (f"{self.added} new and {self.updated} newer item(s) came in from {self.merged} "
                "cop(ies), which were moved into the backups folder.")
        if self.kept_deleted:
            text += (f" {self.kept_deleted} item(s) that you deleted here were in a copy; they "
                     "stay deleted.")
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
    added = updated = merged = kept_deleted = 0
    problems: list[tuple[str, str]] = []
    for copy in find_conflict_copies(journal.path) if copies is None else copies:
        try:
            report = merge_conflict_copy(journal.vault, copy, passphrase)
        except UnknotError as exc:
            problems.append((copy.name, exc.message))
            continue
        merged += 1
        added, updated = added + report.added, updated + report.updated
        kept_deleted += report.kept_deleted
    loaded = journal.reload()
    return MergeSummary(added, updated, merged, kept_deleted, tuple(problems), loaded)


# --- backups and restoring ----------------------------------------------------------------------

def list_backups(vault_path: Path, passphrase: str | None = None) -> list[BackupInfo]:
    """Every file the journal at `vault_path` can be restored from, newest first: its rolling
    backups, then those of an earlier journal kept apart. Without the passphrase only their
    dates; with it, whether each opens and what it holds (one key derivation per distinct
    passphrase slot, not per backup)."""
    vault_path = Path(vault_path)
    backups = RollingBackups(vault_path)
    live_id = None
    if vault_path.exists():
        try:
            conn, header = read_header(vault_path)
            conn.close()
            live_id = header.vault_id
        except UnknotError:
            live_id = None
    keks: dict[tuple[bytes, crypto.KdfParams], bytes] = {}
    found = []
    for path in [*backups.list(), *backups.kept_apart()]:
        try:
            taken = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        except OSError:
            continue
        info = BackupInfo(path, taken)
        if passphrase:
            try:
                with Vault.open(path, passphrase, readonly=True, keks=keks) as copy:
                    loaded = copy.load()
                    same = None if live_id is None else copy.vault_id == live_id
                info = BackupInfo(path, taken, True, len(loaded.entries), len(loaded.checkins),
                                  same)
            except UnknotError:
                info = BackupInfo(path, taken, False)
        found.append(info)
    return found


def back_up_to(vault_path: Path, out: Path) -> Path:
    """"Back up now to…": an encrypted copy of the journal at `out` (which must not exist),
    opened by the current passphrase. Returns `out`."""
    out = Path(out)
    backup_file(Path(vault_path), out)
    return out


def restore_backup(vault_path: Path, source: Path, passphrase: str) -> Restored:
    """Put the vault file `source` (one of the backups, or any copy) in place of the journal at
    `vault_path`, which must be closed. The source is checked first: it must open with
    `passphrase`. The current journal is copied aside into the backups folder, and replaced only
    once the restored copy is complete beside it. Records the current journal deleted stay
    deleted (its tombstones are carried over when it opens with the same passphrase), and the
    restored file's counter is moved past every backup, so it reads as the newest."""
    vault_path, source = Path(vault_path), Path(source)
    with Vault.open(source, passphrase, readonly=True) as check:
        loaded = check.load()  # every record is read once: a copy that is not whole fails here
        records = len(loaded.entries) + len(loaded.checkins)
    deleted: frozenset[str] = frozenset()
    counter = 0
    if vault_path.exists():
        try:
            with Vault.open(vault_path, passphrase, readonly=True) as current:
                deleted = current.load().deleted
                counter = current.record_set_counter() or 0
        except UnknotError:
            pass  # damaged, altered or another passphrase: nothing to carry over
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
        with Vault.open(temp, passphrase, scratch=True) as restored:  # upgrades an old format
            kept_deleted = restored.delete_many(sorted(deleted)) if deleted else 0
            restored.advance_counter(counter)
        Vault.open(temp, passphrase, readonly=True).close()  # what was written opens too
        os.replace(temp, vault_path)
        fsync_dir(vault_path.parent)
    except OSError as exc:
        discard_temp(temp)
        raise storage_error(exc, "restore the backup") from exc
    except BaseException:
        discard_temp(temp)
        raise
    return Restored(kept, records, kept_deleted)


def accept_record_set(journal: Journal) -> LoadResult:
    """After the person was told how the set of records changed and chose to keep the journal
    as it is: seal the set as it now is, so it is not reported again. Reads it again."""
    journal.vault.accept_record_set()
    return journal.reload()


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
    "BackupInfo",
    "Created",
    "Imported",
    "Journal",
    "KeyChange",
    "MergeSummary",
    "PassphraseChanged",
    "RecoveryKeyChanged",
    "Restored",
    "accept_record_set",
    "back_up_to",
    "backup_if_due",
    "backups_without_journal",
    "change_passphrase",
    "change_recovery_key",
    "conflict_copies",
    "create_journal",
    "delete",
    "import_records",
    "kdf_for_new_vaults",
    "list_backups",
    "make_recovery_key",
    "merge_conflict_copies",
    "open_journal",
    "read_import_file",
    "remove_recovery_key",
    "renew_backups",
    "restore_backup",
    "save",
]
