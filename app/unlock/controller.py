"""Getting into the journal: first run (a passphrase, an optional recovery key, discreet mode),
the lock screen (passphrase or recovery key), and the sample journal of `unknot --demo`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from unknot.app.session import JournalSession
from unknot.app.unlock.lock_screen import LockScreen
from unknot.app.unlock.setup_flow import SetupFlow
from unknot.journal.results import LoadResult


class UnlockController(QObject):
    """Signals:
        journal_ready(): the journal is open and the person can start (at first run, once the
            recovery key was shown and confirmed).
        discreet_chosen(bool): first run chose (or did not choose) discreet mode.
    """

    journal_ready = Signal()
    discreet_chosen = Signal(bool)

    def __init__(self, lock_screen: LockScreen, setup_flow: SetupFlow,
                 session: JournalSession, window: QWidget,
                 copy_sensitive: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock_screen = lock_screen
        self._setup_flow = setup_flow
        self._session = session
        self._window = window
        self._recovering = False
        self.in_setup = False
        self._first_unlock_due = False  # created, but the journal has not reported open yet
        self._ready_once_open = False  # first run finished before it did
        self._hint = ""

        lock_screen.unlock_requested.connect(lambda p: session.unlock(passphrase=p))
        lock_screen.recovery_requested.connect(self._on_lock_screen_recovery_requested)
        setup_flow.create_requested.connect(self._on_setup_create_requested)
        setup_flow.finished.connect(self._on_setup_finished)
        setup_flow.copy_requested.connect(copy_sensitive)
        setup_flow.print_requested.connect(self._on_setup_print_requested)
        session.created.connect(setup_flow.show_recovery_key)
        session.create_failed.connect(setup_flow.show_create_failed)
        session.unlocked.connect(self._on_session_unlocked)
        session.unlock_failed.connect(lock_screen.show_failure)

    def reset_lock_screen(self, problem: str = "") -> None:
        self._lock_screen.reset()
        if self._hint:
            self._lock_screen.set_hint(self._hint)
        if problem:
            self._lock_screen.set_status(problem)

    def start_demo(self, passphrase: str) -> None:
        """The sample journal opens at once; its passphrase stays on the lock screen."""
        self._hint = self.tr("This is a sample journal with made-up entries. Its passphrase "
                             "is: %s") % passphrase
        self._lock_screen.set_hint(self._hint)
        self._session.unlock(passphrase=passphrase)

    # --- first run -----------------------------------------------------------------------------

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

    # --- unlocking -----------------------------------------------------------------------------

    def _on_lock_screen_recovery_requested(self, key: str) -> None:
        self._recovering = True
        self._session.unlock(recovery_key=key)

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

    def _ask_new_passphrase(self) -> None:
        text, ok = QInputDialog.getText(
            self._window, self.tr("Choose a new passphrase"),
            self.tr("You opened the journal with the recovery key. Choose a new passphrase:"),
            QLineEdit.EchoMode.Password)
        if ok and text:
            self._session.change_passphrase(text)
