"""The journal session: creating, unlocking, saving to and locking the vault, through the worker.

The vault object lives only inside worker jobs; the GUI thread sees results through signals.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from unknot.app.vault_worker import VaultWorker
from unknot.journal import crypto
from unknot.journal.backups import RollingBackups
from unknot.journal.errors import UnknotError
from unknot.journal.model import Record
from unknot.journal.search import SearchIndex
from unknot.journal.sync_conflicts import find_conflict_copies, merge_conflict_copy
from unknot.journal.vault import LoadResult, Vault


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
        save_failed(str): a change other than a record save failed (a delete, a merge).
        record_save_failed(object, str): this record could not be saved, and why.
        conflict_copies_found(list): paths of sync-tool conflict copies beside the vault.
        reloaded(object): the journal was read again (after a merge); carries the LoadResult.
        merged(str): a summary of a merge, in words.
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
    record_save_failed = Signal(object, str)
    conflict_copies_found = Signal(list)
    reloaded = Signal(object)
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
        self._attempt = 0  # bumped by lock(): results of jobs from before it are dropped
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

        attempt = self._attempt
        self._worker.submit(job, lambda value: self._on_created(value, attempt),
                            lambda e: self.create_failed.emit(describe(e)))

    def _on_created(self, value: tuple[str | None, LoadResult], attempt: int) -> None:
        if attempt != self._attempt:
            self._close_stale()
            return
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

        attempt = self._attempt
        self._worker.submit(job, lambda loaded: self._on_unlocked(loaded, attempt),
                            self._on_unlock_failed)

    def _close_stale(self) -> None:
        """An unlock finished after the person locked or quit: close it again at once."""
        def job() -> None:
            if self._vault is not None:
                self._vault.close()
            self._vault = None
        self._index = None
        self._worker.run_now(job)

    def _on_unlocked(self, loaded: LoadResult, attempt: int) -> None:
        if attempt != self._attempt:
            self._close_stale()
            return
        self.is_unlocked = True
        self.unlocked.emit(loaded)
        copies = find_conflict_copies(self.vault_path)
        if copies:
            self.conflict_copies_found.emit(copies)

    def merge_conflict_copies(self, passphrase: str) -> None:
        """Merge every conflict copy beside the vault (opened with `passphrase`)."""
        def job() -> tuple[str, LoadResult]:
            assert self._vault is not None
            added = updated = merged = 0
            problems = []
            for copy in find_conflict_copies(self.vault_path):
                try:
                    report = merge_conflict_copy(self._vault, copy, passphrase)
                except UnknotError as exc:  # one copy's trouble must not hide the others
                    problems.append(f"{copy.name}: {exc.message}")
                    continue
                merged += 1
                added, updated = added + report.added, updated + report.updated
            loaded = self._vault.load()  # always: whatever was merged shows at once
            self._index = SearchIndex(loaded.entries)
            summary = (f"{added} new and {updated} newer item(s) came in from {merged} "
                       "cop(ies), which were moved into the backups folder.")
            if problems:
                summary += " These were left where they are: " + " ".join(problems)
            return summary, loaded

        attempt = self._attempt
        self._worker.submit(job, lambda value: self._on_merged(value, attempt),
                            lambda e: self.save_failed.emit(describe(e)))

    def _on_merged(self, value: tuple[str, LoadResult], attempt: int) -> None:
        if attempt != self._attempt:
            return
        self.reloaded.emit(value[1])
        self.merged.emit(value[0])

    def _on_unlock_failed(self, exc: Exception) -> None:
        from unknot.journal import errors

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

        attempt = self._attempt
        self._worker.submit(job, lambda r: self._on_record_saved(r, attempt),
                            lambda e: self.record_save_failed.emit(record, describe(e)))

    def _on_record_saved(self, record: Record, attempt: int) -> None:
        if attempt == self._attempt:  # not a save that finished after the journal locked
            self.record_saved.emit(record)

    def settle(self) -> None:
        """Let saves still under way finish and report back (see VaultWorker.settle)."""
        self._worker.settle()

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
        """Close the vault and drop the key. Waits for queued saves first. An unlock still in
        progress is cancelled: its result is dropped when it arrives."""
        def job() -> None:
            if self._vault is not None:
                self._vault.close()
            self._vault = None

        self._attempt += 1
        self._worker.run_now(job, timeout=60.0)
        self._worker.settle()  # results of earlier jobs are dropped now, not left queued
        was_unlocked = self.is_unlocked
        self.is_unlocked = False
        self._index = None
        if was_unlocked:
            self.locked.emit()
