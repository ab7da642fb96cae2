"""The journal session: creating, unlocking, saving to and locking the vault, through the worker.

The vault object lives only inside worker jobs; the GUI thread sees results through signals.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.vault_worker import VaultWorker
from journal import crypto
from journal.backups import RollingBackups
from journal.errors import UnknotError
from journal.model import Record
from journal.search import SearchIndex
from journal.sync_conflicts import find_conflict_copies, merge_conflict_copy
from journal.vault import LoadResult, Vault


def kdf_for_new_vaults() -> crypto.KdfParams | None:
    """None means: calibrate to about 0.5 s. The floor profile (still 64 MiB, 3 passes) exists for
    the test suite and benchmarks only."""
    return crypto.FLOOR_PARAMS if os.environ.get("UNKNOT_KDF_PROFILE") == "floor" else None


def describe(exc: Exception) -> str:
    """Words for the user. Unexpected errors are named by type only: never journal text."""
    if isinstance(exc, UnknotError):
        return exc.message
    if isinstance(exc, OSError):
        return f"The disk reported a problem: {exc.strerror or exc}."
    return f"Something unexpected went wrong ({type(exc).__name__}). Nothing you saved was lost."


class JournalSession(QObject):
    """Signals:
        created(object): the vault was created; carries the recovery key text or None.
        create_failed(str)
        unlocked(object): the vault opened; carries the LoadResult.
        unlock_failed(str, str): kind ("passphrase", "damaged", "newer", "missing", "other")
            and the message.
        record_saved(object): a record is on disk.
        record_deleted(str)
        save_failed(str)
        conflict_copies_found(list): paths of sync-tool conflict copies beside the vault.
        merged(str): a summary in words; `unlocked` carried the reloaded journal just before.
        passphrase_changed(str): "changed" or "rotated".
        passphrase_change_failed(str): the reason, in words.
        locked()
    """

    created = Signal(object)
    create_failed = Signal(str)
    unlocked = Signal(object)
    unlock_failed = Signal(str, str)
    record_saved = Signal(object)
    record_deleted = Signal(str)
    save_failed = Signal(str)
    conflict_copies_found = Signal(list)
    merged = Signal(str)
    passphrase_changed = Signal(str)
    passphrase_change_failed = Signal(str)
    locked = Signal()

    def __init__(self, worker: VaultWorker, vault_path: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.vault_path = Path(vault_path)
        self._vault: Vault | None = None  # touched only on the worker thread
        self._index: SearchIndex | None = None  # built on the worker, handed over once
        self.is_unlocked = False

    def take_search_index(self) -> SearchIndex | None:
        """The search index built with the last unlock, once; None if there is none."""
        index, self._index = self._index, None
        return index

    def vault_exists(self) -> bool:
        return self.vault_path.exists()

    # --- create and unlock -----------------------------------------------------------------

    def create(self, passphrase: str, with_recovery: bool) -> None:
        def job() -> tuple[str | None, LoadResult]:
            vault, recovery = Vault.create(self.vault_path, passphrase, kdf=kdf_for_new_vaults(),
                                           with_recovery=with_recovery)
            self._vault = vault
            loaded = vault.load()
            self._index = SearchIndex(loaded.entries)
            return recovery, loaded

        self._worker.submit(job, self._on_created, lambda e: self.create_failed.emit(describe(e)))

    def _on_created(self, value: tuple[str | None, LoadResult]) -> None:
        self.is_unlocked = True
        self.created.emit(value[0])
        self.unlocked.emit(value[1])

    def unlock(self, passphrase: str | None = None, recovery_key: str | None = None) -> None:
        def job() -> LoadResult:
            vault = Vault.open(self.vault_path, passphrase, recovery_key=recovery_key)
            self._vault = vault
            loaded = vault.load()
            self._index = SearchIndex(loaded.entries)  # folding 10,000 entries takes a while
            backups = RollingBackups(self.vault_path)
            if backups.is_due():
                with contextlib.suppress(UnknotError):  # a missed backup must not stop writing
                    backups.take()
            return loaded

        self._worker.submit(job, self._on_unlocked, self._on_unlock_failed)

    def _on_unlocked(self, loaded: LoadResult) -> None:
        self.is_unlocked = True
        self.unlocked.emit(loaded)
        copies = find_conflict_copies(self.vault_path)
        if copies:
            self.conflict_copies_found.emit(copies)

    def merge_conflict_copies(self, passphrase: str) -> None:
        """Merge every conflict copy beside the vault (opened with `passphrase`)."""
        def job() -> tuple[str, LoadResult]:
            assert self._vault is not None
            added = updated = 0
            for copy in find_conflict_copies(self.vault_path):
                report = merge_conflict_copy(self._vault, copy, passphrase)
                added, updated = added + report.added, updated + report.updated
            loaded = self._vault.load()
            self._index = SearchIndex(loaded.entries)
            return (f"Merged: {added} new and {updated} newer item(s) came from the copies. "
                    "The copies were moved into the backups folder."), loaded

        self._worker.submit(job, self._on_merged, lambda e: self.save_failed.emit(describe(e)))

    def _on_merged(self, value: tuple[str, LoadResult]) -> None:
        self.unlocked.emit(value[1])
        self.merged.emit(value[0])

    def _on_unlock_failed(self, exc: Exception) -> None:
        from journal import errors

        kinds = {errors.WrongPassphraseError: "passphrase", errors.VaultDamagedError: "damaged",
                 errors.NewerFormatError: "newer", errors.VaultNotFoundError: "missing",
                 errors.NotAVaultError: "damaged"}
        kind = next((k for t, k in kinds.items() if isinstance(exc, t)), "other")
        self.unlock_failed.emit(kind, describe(exc))

    def change_passphrase(self, new_passphrase: str, current: str | None = None,
                          rotate: bool = False) -> None:
        """Rewrap the key (or, with rotate, make a new key and re-encrypt everything). With
        `current`, the current passphrase is checked first. Reports through passphrase_changed
        or passphrase_change_failed."""
        def job() -> str:
            assert self._vault is not None
            if current is not None:
                Vault.open(self.vault_path, current, readonly=True).close()
            if not rotate:
                self._vault.change_passphrase(new_passphrase)
                return "changed"
            self._vault.rotate_key(new_passphrase)
            backups = RollingBackups(self.vault_path)
            backups.remove_all()
            backups.take()
            return "rotated"

        self._worker.submit(job, self.passphrase_changed.emit,
                            lambda e: self.passphrase_change_failed.emit(describe(e)))

    # --- saving ------------------------------------------------------------------------------

    def save(self, record: Record) -> None:
        def job() -> Record:
            if self._vault is None:
                raise UnknotError("The journal is locked; the change was not saved.")
            self._vault.save(record)
            return record

        self._worker.submit(job, self.record_saved.emit,
                            lambda e: self.save_failed.emit(describe(e)))

    def save_now(self, record: Record) -> None:
        """Save and wait: for quick exit and locking, so no character is lost."""
        def job() -> None:
            if self._vault is not None:
                self._vault.save(record)

        self._worker.run_now(job)

    def delete(self, record_id: str) -> None:
        def job() -> str:
            assert self._vault is not None
            self._vault.delete(record_id)
            return record_id

        self._worker.submit(job, self.record_deleted.emit,
                            lambda e: self.save_failed.emit(describe(e)))

    # --- locking -----------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the vault and drop the key. Waits for queued saves first."""
        def job() -> None:
            if self._vault is not None:
                self._vault.close()
            self._vault = None

        self._worker.run_now(job)
        was_unlocked = self.is_unlocked
        self.is_unlocked = False
        self._index = None
        if was_unlocked:
            self.locked.emit()
