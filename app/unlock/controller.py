"""Getting into the journal: first run (a passphrase, an optional recovery key, discreet mode, or
the restore of a journal whose file went missing), the lock screen (passphrase or recovery key,
and the newest backup when the file was altered), and the sample journal of `unknot --demo`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from unknot.app.i18n import date_time_words
from unknot.app.session import JournalSession
from unknot.app.unlock.lock_screen import LockScreen
from unknot.app.widgets.lazy_page import LazyPage
from unknot.app.widgets.notify import notify
from unknot.journal.errors import ErrorKind
from unknot.journal.results import BackupInfo, LoadResult, PassphraseChanged, Restored

if TYPE_CHECKING:  # first run's pages and the new-passphrase dialog are built when needed
    from unknot.app.unlock.setup_flow import SetupFlow
    from unknot.app.widgets.passphrase_choice import NewPassphraseDialog


class UnlockController(QObject):
    """Signals:
        journal_ready(): the journal is open and the person can start (at first run, once the
            recovery key was shown and confirmed).
        discreet_chosen(bool): first run chose (or did not choose) discreet mode.
    """

    journal_ready = Signal()
    discreet_chosen = Signal(bool)

    def __init__(self, lock_screen: LockScreen, setup: LazyPage[SetupFlow],
                 session: JournalSession, window: QWidget,
                 copy_sensitive: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock_screen = lock_screen
        self._setup = setup
        self._session = session
        self._window = window
        self._copy = copy_sensitive
        self._recovering = False  # the unlock under way is a recovery key's
        self.in_setup = False
        self._first_unlock_due = False  # created, but the journal has not reported open yet
        self._ready_once_open = False  # first run finished before it did
        self._hint = ""
        self._restore_passphrase: str | None = None  # only while a restore asked here runs
        self._offering_restore = False  # first run is listing backups to offer one
        self.new_passphrase_dialog: NewPassphraseDialog | None = None

        lock_screen.unlock_requested.connect(self._on_lock_screen_unlock_requested)
        lock_screen.recovery_requested.connect(self._on_lock_screen_recovery_requested)
        lock_screen.restore_requested.connect(self._restore)
        setup.when_built(self._wire_setup_flow)
        session.unlocked.connect(self._on_session_unlocked)
        session.unlock_failed.connect(self._on_session_unlock_failed)
        session.unlock_altered.connect(lock_screen.offer_restore)
        session.recovery_key_known.connect(lock_screen.set_recovery_available)
        session.backups_listed.connect(self._on_session_backups_listed)
        session.restored.connect(self._on_session_restored)
        session.restore_failed.connect(self._on_session_restore_failed)
        session.passphrase_change_reported.connect(self._on_session_passphrase_changed)
        session.passphrase_change_failed.connect(self._on_session_passphrase_change_failed)
        session.rekey_progress.connect(self._on_session_rekey_progress)

    def _wire_setup_flow(self, flow: SetupFlow) -> None:
        flow.create_requested.connect(self._on_setup_create_requested)
        flow.finished.connect(self._on_setup_finished)
        flow.copy_requested.connect(self._copy)
        flow.print_requested.connect(self._on_setup_print_requested)
        flow.restore_requested.connect(self._restore)
        self._session.created.connect(flow.show_recovery_key)
        self._session.create_failed.connect(flow.show_create_failed)

    def reset_lock_screen(self, problem: str = "") -> None:
        self._lock_screen.reset()
        if self._session.vault_exists():  # "use my recovery key" only when there is one
            self._session.ask_recovery_key()
        if self._hint:
            self._lock_screen.set_hint(self._hint)
        if problem:
            self._lock_screen.set_status(problem)

    def locked(self) -> None:
        """Locked, on the first run's recovery-key page too: the key goes with the rest."""
        self.in_setup = False
        self._setup.if_built(lambda flow: flow.clear_recovery_key())

    def start_demo(self, passphrase: str) -> None:
        """The sample journal opens at once; its passphrase stays on the lock screen."""
        self._hint = self.tr("This is a sample journal with made-up entries. Its passphrase "
                             "is: %s") % passphrase
        self._lock_screen.set_hint(self._hint)
        self._session.unlock(passphrase=passphrase)

    # --- first run -----------------------------------------------------------------------------

    def offer_restore(self) -> None:
        """First run with no journal file: if backups of one exist, offer to restore the
        newest instead of starting a journal whose backups would push them out."""
        if self._session.backups_without_journal():
            self._offering_restore = True
            self._session.list_backups()

    def _on_session_backups_listed(self, backups: list[BackupInfo]) -> None:
        if not self._offering_restore:
            return
        self._offering_restore = False
        if backups:
            self._setup.get().show_restore(backups[0].path, date_time_words(backups[0].taken),
                                          len(backups))

    def _on_setup_create_requested(self, passphrase: str, with_recovery: bool,
                                   discreet: bool) -> None:
        self.in_setup = True
        self._first_unlock_due = True
        self.discreet_chosen.emit(discreet)
        self._session.create(passphrase, with_recovery)

    def _on_setup_finished(self) -> None:
        """The person confirmed the recovery key (or made none: then this comes at once, while
        the journal is still reporting that it opened)."""
        self.in_setup = False
        if self._first_unlock_due:
            self._ready_once_open = True
            return
        self.journal_ready.emit()

    def _on_setup_print_requested(self, key: str) -> None:
        from unknot.app.unlock.print_recovery import print_recovery_key  # Qt's printing, on demand

        print_recovery_key(key, self._window)

    # --- restoring (the file altered, or missing) ----------------------------------------------

    def _restore(self, backup: Path, passphrase: str) -> None:
        self._restore_passphrase = passphrase
        self._session.restore_backup(backup, passphrase)

    def _on_session_restored(self, _restored: Restored) -> None:
        passphrase, self._restore_passphrase = self._restore_passphrase, None
        if passphrase is not None:
            self._recovering = False
            self._session.unlock(passphrase=passphrase)

    def _on_session_restore_failed(self, message: str) -> None:
        if self._restore_passphrase is None:
            return  # asked from Settings, which says so itself
        self._restore_passphrase = None
        self._lock_screen.show_failure(ErrorKind.INVALID_VALUE, message)
        self._setup.if_built(lambda flow: flow.show_restore_failed(message))

    # --- unlocking -----------------------------------------------------------------------------

    def _on_lock_screen_unlock_requested(self, passphrase: str) -> None:
        self._recovering = False
        self._session.unlock(passphrase=passphrase)

    def _on_lock_screen_recovery_requested(self, key: str) -> None:
        self._recovering = True
        self._session.unlock(recovery_key=key)

    def _on_session_unlock_failed(self, kind: ErrorKind, message: str) -> None:
        self._recovering = False  # the next success is not a recovery key's unless asked again
        self._lock_screen.show_failure(kind, message)

    def _on_session_unlocked(self, _loaded: LoadResult) -> None:
        if self._first_unlock_due:  # the journal was just made: the setup flow says when
            self._first_unlock_due = False
            if self._ready_once_open:
                self._ready_once_open = False
                self.journal_ready.emit()
            return
        if self.in_setup:
            return
        self.journal_ready.emit()
        if self._recovering:
            self._recovering = False
            self._ask_new_passphrase()

    # --- a new passphrase after a recovery-key unlock ------------------------------------------

    def _ask_new_passphrase(self) -> None:
        from unknot.app.widgets.passphrase_choice import NewPassphraseDialog

        dialog = NewPassphraseDialog(self.tr("Choose a new passphrase"), self.tr(
            "You opened the journal with the recovery key. Choose a new passphrase now: every "
            "entry is locked again with a new key, and a new recovery key is shown once (the one "
            "you typed stops working)."), False, self._window)
        dialog.submitted.connect(lambda _current, new, repeat: self._session.change_passphrase(
            new, repeat=repeat))
        self.new_passphrase_dialog = dialog
        dialog.open()
        dialog.finished.connect(lambda _result: self._forget_new_passphrase_dialog(dialog))

    def _forget_new_passphrase_dialog(self, dialog: NewPassphraseDialog) -> None:
        if self.new_passphrase_dialog is dialog:
            self.new_passphrase_dialog = None
        dialog.clear()
        dialog.deleteLater()

    def _on_session_rekey_progress(self, done: int, total: int) -> None:
        if self.new_passphrase_dialog is not None:
            self.new_passphrase_dialog.set_progress(done, total)

    def _on_session_passphrase_change_failed(self, message: str) -> None:
        if self.new_passphrase_dialog is not None:
            self.new_passphrase_dialog.show_error(message)

    def _on_session_passphrase_changed(self, change: PassphraseChanged) -> None:
        dialog = self.new_passphrase_dialog
        if dialog is None:
            return  # asked from Settings
        dialog.accept()
        words = self.tr("Your new passphrase opens the journal. Every entry was locked again "
                        "with a new key, and %d older backup(s) were removed.") % (
            change.backups_removed)
        if change.recovery_key:
            from unknot.app.widgets.recovery_key_dialog import RecoveryKeyDialog

            key = RecoveryKeyDialog(change.recovery_key, words + " " + self.tr(
                "The recovery key you typed no longer opens the journal: this new one does."),
                self._copy, self._window)
            key.finished.connect(key.deleteLater)
            key.open()
        else:
            notify(self._window, self.tr("Passphrase changed"), words)
