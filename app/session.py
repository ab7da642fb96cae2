"""The journal session: creating, unlocking, saving to and locking the vault, through the worker.

Every job calls one of the core's operations (journal/journal.py), the same ones `unknot-cli`
calls. The open journal lives only inside worker jobs; the GUI thread sees results through
signals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from unknot.app.vault_worker import JournalOp, VaultWorker
from unknot.journal import journal as ops
from unknot.journal.errors import ErrorKind, UnknotError, describe, error_kind
from unknot.journal.journal import Journal, KeyChange, PassphraseChanged, Restored
from unknot.journal.model import Record
from unknot.journal.search import SearchIndex
from unknot.journal.vault import LoadResult

T = TypeVar("T")


@dataclass(frozen=True)
class _Opened:
    """What an unlock hands to the GUI thread."""

    loaded: LoadResult
    copies: list[Path]  # sync-tool conflict copies beside the vault, found on the worker


class JournalSession(QObject):
    """Signals:
        created(object): the vault was created; carries the recovery key text, or None.
        create_failed(str)
        unlocked(LoadResult): the vault opened.
        unlock_failed(ErrorKind, str): the kind of failure and its words for the person.
        record_saved(object): a record (Entry or CheckIn) is on disk.
        record_deleted(str)
        save_failed(str): a change other than a record save failed (a delete, a merge).
        record_save_failed(object, str): this record could not be saved, and why.
        conflict_copies_found(list): paths of sync-tool conflict copies beside the vault.
        reloaded(LoadResult): the journal was read again (after a merge).
        merged(str): a summary of a merge, in words.
        passphrase_changed(KeyChange): CHANGED or ROTATED (a str enum: "changed", "rotated").
        passphrase_change_reported(PassphraseChanged): the same, with what happened to the
            backups and words for it.
        passphrase_change_failed(str): the reason, in words.
        recovery_key_made(str): the new recovery key, to be shown once.
        recovery_key_removed()
        recovery_key_failed(str)
        restored(Restored): a backup is in place of the journal (which was locked).
        restore_failed(str)
        locked()
    """

    created = Signal(object)  # str | None: a Signal cannot say "optional"
    create_failed = Signal(str)
    unlocked = Signal(LoadResult)
    unlock_failed = Signal(ErrorKind, str)
    record_saved = Signal(object)  # Entry | CheckIn
    record_deleted = Signal(str)
    save_failed = Signal(str)
    record_save_failed = Signal(object, str)
    conflict_copies_found = Signal(list)
    reloaded = Signal(LoadResult)
    merged = Signal(str)
    passphrase_changed = Signal(KeyChange)
    passphrase_change_reported = Signal(PassphraseChanged)
    passphrase_change_failed = Signal(str)
    recovery_key_made = Signal(str)
    recovery_key_removed = Signal()
    recovery_key_failed = Signal(str)
    restored = Signal(Restored)
    restore_failed = Signal(str)
    locked = Signal()

    def __init__(self, worker: VaultWorker, vault_path: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.vault_path = Path(vault_path)
        self._journal: Journal | None = None  # touched only on the worker thread
        self._index: SearchIndex | None = None  # built on the worker, handed over once
        self._attempt = 0  # bumped by lock(): results of jobs from before it are dropped
        self.is_unlocked = False

    def take_search_index(self) -> SearchIndex | None:
        """The search index built with the last unlock or merge, once; None if there is none."""
        index, self._index = self._index, None
        return index

    def vault_exists(self) -> bool:
        return self.vault_path.exists()

    # --- running operations ------------------------------------------------------------------

    def _current(self) -> Journal | None:
        return self._journal

    def _run(self, run: Callable[[Journal], T], success: Callable[[T], None],
             failure: Callable[[Exception], None], *, drop_stale: bool = True) -> None:
        """Submit `run(journal)` on the worker. With `drop_stale`, a result that arrives after
        the journal locked is dropped (a failure is still reported)."""
        attempt = self._attempt

        def on_success(value: T) -> None:
            if not drop_stale or attempt == self._attempt:
                success(value)

        self._worker.submit_op(JournalOp(run, on_success, failure), self._current)

    def _hand_over_index(self, journal: Journal) -> None:
        """On the worker: the index goes to the GUI thread, which owns it from now on."""
        self._index, journal.index = journal.index, None

    # --- create and unlock -----------------------------------------------------------------

    def create(self, passphrase: str, with_recovery: bool) -> None:
        def job() -> tuple[str | None, LoadResult]:
            created = ops.create_journal(self.vault_path, passphrase, with_recovery=with_recovery)
            self._journal = created.journal
            self._hand_over_index(created.journal)
            return created.recovery_key, created.journal.loaded

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
        def job() -> _Opened:
            journal = ops.open_journal(self.vault_path, passphrase, recovery_key=recovery_key)
            self._journal = journal
            self._hand_over_index(journal)
            return _Opened(journal.loaded, ops.conflict_copies(journal))

        attempt = self._attempt
        self._worker.submit(job, lambda opened: self._on_unlocked(opened, attempt),
                            self._on_unlock_failed)

    def _close_stale(self) -> None:
        """An unlock finished after the person locked or quit: close it again at once."""
        self._index = None
        self._worker.run_now(self._close_journal)

    def _close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
        self._journal = None

    def _on_unlocked(self, opened: _Opened, attempt: int) -> None:
        if attempt != self._attempt:
            self._close_stale()
            return
        self.is_unlocked = True
        self.unlocked.emit(opened.loaded)
        if opened.copies:
            self.conflict_copies_found.emit(opened.copies)

    def _on_unlock_failed(self, exc: Exception) -> None:
        self.unlock_failed.emit(error_kind(exc), describe(exc))

    # --- conflict copies ---------------------------------------------------------------------

    def merge_conflict_copies(self, passphrase: str) -> None:
        """Merge every conflict copy beside the vault (opened with `passphrase`)."""
        def run(journal: Journal) -> ops.MergeSummary:
            summary = ops.merge_conflict_copies(journal, passphrase)
            self._hand_over_index(journal)
            return summary

        self._run(run, self._on_merged, lambda e: self.save_failed.emit(describe(e)))

    def _on_merged(self, summary: ops.MergeSummary) -> None:
        self.reloaded.emit(summary.loaded)
        self.merged.emit(summary.words())

    # --- keys --------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, current: str | None = None,
                          rotate: bool = False) -> None:
        """A new passphrase (or, with rotate, a new key, every record re-encrypted, and the
        backup rule that goes with it). With `current`, the current passphrase is checked
        first. Reports through passphrase_changed or passphrase_change_failed."""
        self._run(lambda journal: ops.change_passphrase(journal, new_passphrase, current=current,
                                                        rotate=rotate),
                  self._on_passphrase_changed,
                  lambda e: self.passphrase_change_failed.emit(describe(e)), drop_stale=False)

    def _on_passphrase_changed(self, change: PassphraseChanged) -> None:
        self.passphrase_change_reported.emit(change)
        self.passphrase_changed.emit(change.how)

    def make_recovery_key(self) -> None:
        """Make (or replace) the recovery key: recovery_key_made carries it, to show once."""
        self._run(ops.make_recovery_key, self.recovery_key_made.emit,
                  lambda e: self.recovery_key_failed.emit(describe(e)))

    def remove_recovery_key(self) -> None:
        self._run(ops.remove_recovery_key, lambda _none: self.recovery_key_removed.emit(),
                  lambda e: self.recovery_key_failed.emit(describe(e)), drop_stale=False)

    # --- restoring ---------------------------------------------------------------------------

    def restore_backup(self, source: Path, passphrase: str) -> None:
        """Put the backup `source` in place of the journal, which must be locked; it must open
        with `passphrase`. Reports through restored or restore_failed."""
        def job() -> Restored:
            if self._journal is not None:
                raise UnknotError("Lock the journal before restoring a backup; nothing was "
                                  "changed.")
            return ops.restore_backup(self.vault_path, Path(source), passphrase)

        self._worker.submit(job, self.restored.emit,
                            lambda e: self.restore_failed.emit(describe(e)))

    # --- saving ------------------------------------------------------------------------------

    def save(self, record: Record) -> None:
        def failed(exc: Exception) -> None:
            if error_kind(exc) is ErrorKind.LOCKED:
                exc = UnknotError("The journal is locked; the change was not saved.")
            self.record_save_failed.emit(record, describe(exc))

        self._run(lambda journal: ops.save(journal, record), self.record_saved.emit, failed)

    def settle(self) -> None:
        """Let saves still under way finish and report back (see VaultWorker.settle)."""
        self._worker.settle()

    def save_now(self, record: Record) -> None:
        """Save and wait: for quick exit and locking, so no character is lost."""
        def job() -> None:
            if self._journal is not None:
                ops.save(self._journal, record)

        self._worker.run_now(job)

    def delete(self, record_id: str) -> None:
        self._run(lambda journal: ops.delete(journal, record_id), self.record_deleted.emit,
                  lambda e: self.save_failed.emit(describe(e)), drop_stale=False)

    # --- locking -----------------------------------------------------------------------------

    def lock(self) -> None:
        """Close the vault and drop the key. Waits for queued saves first. An unlock still in
        progress is cancelled: its result is dropped when it arrives."""
        self._attempt += 1
        self._worker.run_now(self._close_journal, timeout=60.0)
        self._worker.settle()  # results of earlier jobs are dropped now, not left queued
        was_unlocked = self.is_unlocked
        self.is_unlocked = False
        self._index = None
        if was_unlocked:
            self.locked.emit()
