"""The journal session: creating, unlocking, saving to and locking the vault, through the worker.

Every job calls one of the core's operations (journal/journal.py), the same ones `unknot-cli`
calls. The open journal lives only inside worker jobs; the GUI thread sees results through
signals.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal

from unknot.app.vault_worker import JournalOp, VaultWorker
from unknot.journal.errors import (
    ErrorKind,
    HeaderAlteredError,
    UnknotError,
    describe,
    error_kind,
)
from unknot.journal.results import (
    KeyChange,
    LoadResult,
    PassphraseChanged,
    RecoveryKeyChanged,
    Restored,
)

if TYPE_CHECKING:
    from unknot.journal.journal import Journal, MergeSummary
    from unknot.journal.model import Record
    from unknot.journal.paths import DataPaths
    from unknot.journal.search import SearchIndex

T = TypeVar("T")


def _ops() -> ModuleType:
    """The core's operations, imported on first use — on the worker thread, so the first screen
    never waits for cryptography, SQLite and the rest (see warm_up)."""
    from unknot.journal import journal

    return journal


@dataclass(frozen=True)
class _Opened:
    """What an unlock hands to the GUI thread."""

    loaded: LoadResult
    copies: list[Path]  # sync-tool conflict copies beside the vault, found on the worker


class JournalSession(QObject):
    """Signals:
        created(object): the vault was created; carries the recovery key text, or None.
        create_failed(str)
        opening(): a create or an unlock was just handed to the worker (it derives the key
            now, off the GUI thread: the window may get ready for the journal meanwhile).
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
        unlock_altered(Path): with unlock_failed(ErrorKind.ALTERED, …): the passphrase is
            right, the file was changed; this backup opens with it — offer restore_backup.
        record_set_changed(list[RecordSetProblem]): after unlocked, when records were removed,
            rolled back or brought back without the key (each named; the rest is shown).
        rekey_progress(int, int): (done, total) while a new key re-encrypts the journal.
        recovery_key_changed(RecoveryKeyChanged): a recovery key made, replaced or removed,
            with what happened to the backups (recovery_key_made / _removed follow too).
        backups_listed(list[BackupInfo]), backups_list_failed(str)
        backed_up(Path), back_up_failed(str): "back up now to…".
        recovery_key_known(bool): whether the journal's header has a recovery slot (read
            without the passphrase), after ask_recovery_key().
        everything_removed(object), remove_failed(str): "Remove everything" (a Removed).
    """

    created = Signal(object)  # str | None: a Signal cannot say "optional"
    create_failed = Signal(str)
    opening = Signal()
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
    unlock_altered = Signal(Path)
    record_set_changed = Signal(list)
    rekey_progress = Signal(int, int)
    recovery_key_changed = Signal(RecoveryKeyChanged)
    backups_listed = Signal(list)
    backups_list_failed = Signal(str)
    backed_up = Signal(Path)
    back_up_failed = Signal(str)
    imported = Signal(object)  # ImportSummary: what came in, in words (after reloaded)
    import_failed = Signal(str)
    recovery_key_known = Signal(bool)
    everything_removed = Signal(object)  # journal.removal.Removed
    remove_failed = Signal(str)

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

    def backups_without_journal(self) -> bool:
        """The journal file is missing but backups exist (cheap: it only looks at files):
        first run offers list_backups and restore_backup instead of a new journal."""
        from unknot.journal.backups import BACKUP_SUFFIX
        from unknot.journal.storage import BACKUPS_FOLDER

        if self.vault_path.exists():
            return False
        folder = self.vault_path.parent / BACKUPS_FOLDER
        return folder.is_dir() and any(folder.rglob(f"*{BACKUP_SUFFIX}"))

    def warm_up(self) -> None:
        """Import the core on the worker while the first screen paints, so the first unlock
        does not wait for it. Call once, after the window is shown. Nothing when the window
        closed (and its worker stopped) before the warm-up was due."""
        with contextlib.suppress(RuntimeError):
            self._worker.submit(_ops, lambda _module: None, lambda _exc: None)

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
            created = _ops().create_journal(self.vault_path, passphrase,
                                            with_recovery=with_recovery)
            self._journal = created.journal
            self._hand_over_index(created.journal)
            return created.recovery_key, created.journal.loaded

        attempt = self._attempt
        self._worker.submit(job, lambda value: self._on_created(value, attempt),
                            lambda e: self.create_failed.emit(describe(e)))
        self.opening.emit()

    def _on_created(self, value: tuple[str | None, LoadResult], attempt: int) -> None:
        if attempt != self._attempt:
            self._close_stale()
            return
        self.is_unlocked = True
        self.created.emit(value[0])
        self.unlocked.emit(value[1])

    def unlock(self, passphrase: str | None = None, recovery_key: str | None = None) -> None:
        def job() -> _Opened:
            journal = _ops().open_journal(self.vault_path, passphrase, recovery_key=recovery_key)
            self._journal = journal
            self._hand_over_index(journal)
            return _Opened(journal.loaded, _ops().conflict_copies(journal))

        attempt = self._attempt
        self._worker.submit(job, lambda opened: self._on_unlocked(opened, attempt),
                            self._on_unlock_failed)
        self.opening.emit()

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
        if opened.loaded.record_set:
            self.record_set_changed.emit(list(opened.loaded.record_set))
        if opened.copies:
            self.conflict_copies_found.emit(opened.copies)

    def _on_unlock_failed(self, exc: Exception) -> None:
        self.unlock_failed.emit(error_kind(exc), describe(exc))
        if isinstance(exc, HeaderAlteredError):
            self.unlock_altered.emit(exc.backup)

    def accept_record_set(self) -> None:
        """Keep the journal as it is after record_set_changed: it is not reported again.
        Reports through reloaded."""
        def run(journal: Journal) -> LoadResult:
            loaded: LoadResult = _ops().accept_record_set(journal)
            self._hand_over_index(journal)
            return loaded

        self._run(run, self.reloaded.emit, lambda e: self.save_failed.emit(describe(e)))

    # --- conflict copies ---------------------------------------------------------------------

    def merge_conflict_copies(self, passphrase: str) -> None:
        """Merge every conflict copy beside the vault (opened with `passphrase`)."""
        def run(journal: Journal) -> MergeSummary:
            summary: MergeSummary = _ops().merge_conflict_copies(journal, passphrase)
            self._hand_over_index(journal)
            return summary

        self._run(run, self._on_merged, lambda e: self.save_failed.emit(describe(e)))

    def _on_merged(self, summary: MergeSummary) -> None:
        self.reloaded.emit(summary.loaded)
        self.merged.emit(summary.words())

    # --- keys --------------------------------------------------------------------------------

    def change_passphrase(self, new_passphrase: str, current: str | None = None,
                          rotate: bool = False, *, repeat: str | None = None,
                          new_recovery: bool | None = None) -> None:
        """A new passphrase, with a new data key: every record re-encrypted (rekey_progress
        follows it) and the backup rule that goes with it. With `current`, the current
        passphrase is checked first; with `repeat`, the two typings must match. With rotate
        ("someone may know my passphrase") the recovery key is dropped unless `new_recovery`.
        Reports through passphrase_change_reported and passphrase_changed, or
        passphrase_change_failed."""
        def run(journal: Journal) -> PassphraseChanged:
            change: PassphraseChanged = _ops().change_passphrase(
                journal, new_passphrase, current=current, rotate=rotate, repeat=repeat,
                new_recovery=new_recovery, progress=self.rekey_progress.emit)
            return change

        self._run(run, self._on_passphrase_changed,
                  lambda e: self.passphrase_change_failed.emit(describe(e)), drop_stale=False)

    def _on_passphrase_changed(self, change: PassphraseChanged) -> None:
        self.passphrase_change_reported.emit(change)
        self.passphrase_changed.emit(change.how)
        if change.recovery_key:
            self.recovery_key_made.emit(change.recovery_key)

    def make_recovery_key(self, current: str | None = None) -> None:
        """Make (or replace) the recovery key, with a new data key: recovery_key_made carries
        it, to show once; recovery_key_changed says what happened to the backups."""
        self._change_recovery_key(True, current)

    def remove_recovery_key(self, current: str | None = None) -> None:
        self._change_recovery_key(False, current)

    def _change_recovery_key(self, make: bool, current: str | None) -> None:
        def run(journal: Journal) -> RecoveryKeyChanged:
            change: RecoveryKeyChanged = _ops().change_recovery_key(
                journal, make=make, current=current, progress=self.rekey_progress.emit)
            return change

        self._run(run, self._on_recovery_key_changed,
                  lambda e: self.recovery_key_failed.emit(describe(e)), drop_stale=False)

    def _on_recovery_key_changed(self, change: RecoveryKeyChanged) -> None:
        self.recovery_key_changed.emit(change)
        if change.recovery_key:
            self.recovery_key_made.emit(change.recovery_key)
        else:
            self.recovery_key_removed.emit()

    # --- backups -----------------------------------------------------------------------------

    def list_backups(self, passphrase: str | None = None) -> None:
        """The files the journal can be restored from, newest first (BackupInfo): dates only
        without the passphrase, whether each opens and what it holds with it. Reports through
        backups_listed or backups_list_failed."""
        self._worker.submit(lambda: _ops().list_backups(self.vault_path, passphrase),
                            self.backups_listed.emit,
                            lambda e: self.backups_list_failed.emit(describe(e)))

    def back_up_to(self, out: Path) -> None:
        """"Back up now to…" `out` (which must not exist): backed_up or back_up_failed."""
        self._worker.submit(lambda: _ops().back_up_to(self.vault_path, Path(out)),
                            self.backed_up.emit, lambda e: self.back_up_failed.emit(describe(e)))

    def ask_recovery_key(self) -> None:
        """Whether a recovery key opens the journal: its header has a recovery slot (no
        passphrase needed; read on the worker, since reading it imports the cryptography).
        Reports recovery_key_known (False when the header cannot be read)."""
        def job() -> bool:
            from unknot.journal.header import has_recovery_slot

            return has_recovery_slot(self.vault_path)

        self._worker.submit(job, self.recovery_key_known.emit,
                            lambda _e: self.recovery_key_known.emit(False))

    def remove_everything(self, paths: DataPaths, passphrase: str,
                          desktop_override: Path | None) -> None:
        """"Remove everything" (journal/removal.py): the passphrase is checked first and a wrong
        one removes nothing; then the journal is closed and every file of Unknot's goes. Reports
        everything_removed(Removed) — lock and quit then — or remove_failed(str)."""
        def job() -> object:
            from unknot.journal import removal

            removal.check_passphrase(self.vault_path, passphrase)
            self._close_journal()
            return removal.remove_everything(paths, passphrase, desktop_override)

        self._worker.submit(job, self.everything_removed.emit,
                            lambda e: self.remove_failed.emit(describe(e)))

    # --- importing ---------------------------------------------------------------------------

    def import_file(self, path: Path, import_format: str | None = None) -> None:
        """Import from another app (journal/importers.py; None: the format is told from the
        file), all or nothing, adding nothing that is already there. Reports through reloaded
        then imported(ImportSummary), or import_failed(str)."""
        def run(journal: Journal) -> tuple[object, Exception | None, LoadResult]:
            from unknot.journal.importers import check_format, import_path

            summary: object = None
            problem: Exception | None = None
            try:
                chosen = None if import_format is None else check_format(import_format)
                summary = import_path(journal, Path(path), chosen)
            except Exception as exc:  # worded below; the journal is read again either way
                problem = exc
            loaded = journal.reload()  # so that edits held for the import resume
            self._hand_over_index(journal)
            return summary, problem, loaded

        def done(result: tuple[object, Exception | None, LoadResult]) -> None:
            summary, problem, loaded = result
            self.reloaded.emit(loaded)
            if problem is not None:
                self.import_failed.emit(describe(problem))
            else:
                self.imported.emit(summary)

        self._run(run, done, lambda e: self.import_failed.emit(describe(e)))

    # --- restoring ---------------------------------------------------------------------------

    def restore_backup(self, source: Path, passphrase: str) -> None:
        """Put the backup `source` in place of the journal, which must be locked; it must open
        with `passphrase`. Reports through restored or restore_failed."""
        def job() -> Restored:
            if self._journal is not None:
                raise UnknotError("Lock the journal before restoring a backup; nothing was "
                                  "changed.")
            restored: Restored = _ops().restore_backup(self.vault_path, Path(source), passphrase)
            return restored

        self._worker.submit(job, self.restored.emit,
                            lambda e: self.restore_failed.emit(describe(e)))

    # --- saving ------------------------------------------------------------------------------

    def save(self, record: Record) -> None:
        def failed(exc: Exception) -> None:
            if error_kind(exc) is ErrorKind.LOCKED:
                exc = UnknotError("The journal is locked; the change was not saved.")
            self.record_save_failed.emit(record, describe(exc))

        self._run(lambda journal: _ops().save(journal, record), self.record_saved.emit, failed)

    def settle(self) -> None:
        """Let saves still under way finish and report back (see VaultWorker.settle)."""
        self._worker.settle()

    def save_now(self, record: Record) -> None:
        """Save and wait: for quick exit and locking, so no character is lost."""
        def job() -> None:
            if self._journal is not None:
                _ops().save(self._journal, record)

        self._worker.run_now(job)

    def delete(self, record_id: str) -> None:
        self._run(lambda journal: _ops().delete(journal, record_id), self.record_deleted.emit,
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
