"""Safety on a shared computer: locking (Ctrl+L from every Unknot window, idle, minimise) and
quick exit, and what they leave behind — nothing of the journal in any window or the clipboard.

Other features take part through what the root hands in: `add_saver` (save what is open before
the key goes; returns problems in words) and `add_clearer` (drop what a feature shows). The
window's pages are the root's business: this controller says what happened through signals.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox, QWidget

from unknot.app.preferences import Preferences
from unknot.app.safety.clipboard import ClipboardGuard
from unknot.app.safety.discreet import (
    NEUTRAL,
    NEUTRAL_NAME,
    UNKNOT,
    DesktopIdentity,
    remove_desktop_override,
    write_desktop_override,
)
from unknot.app.safety.idle_lock import IdleLock
from unknot.app.safety.quick_exit import QuickExitFilter
from unknot.app.session import JournalSession
from unknot.app.widgets import quick_exit_hints as hints
from unknot.app.widgets.quick_exit_button import HINT_PROPERTY, QuickExitButton

Saver = Callable[[], list[str]]
Clearer = Callable[[], None]


class SafetyController(QObject):
    """Signals:
        blanking(): quick exit began; the window must show nothing of Unknot at once.
        locked(list): the journal locked; carries problems in words (a last save refused).
        quit_requested(): quick exit finished saving; the application should end now.
    """

    blanking = Signal()
    locked = Signal(list)
    quit_requested = Signal()

    def __init__(self, app: QApplication, window: QWidget, lock_action: QAction,
                 session: JournalSession, prefs: Preferences,
                 journal_texts: Callable[[], list[str]], parent: QObject | None = None) -> None:
        """`journal_texts` gives the decrypted texts shown now, so that a copy of any of them
        can be recognised on the clipboard and cleared."""
        super().__init__(parent)
        self._app = app
        self._window = window
        self._lock_action = lock_action
        self._session = session
        self._prefs = prefs
        self._journal_texts = journal_texts
        self._savers: list[Saver] = []
        self._clearers: list[Clearer] = []
        self.clipboard = ClipboardGuard()
        self.desktop = DesktopIdentity(app, self)
        self._discreet: bool | None = None
        self.neutral_shown = False
        self.quick_exit = QuickExitFilter(prefs.quick_exit_keys, self)
        self.idle_lock = IdleLock(prefs.auto_lock_seconds, self)
        app.installEventFilter(self.quick_exit)
        app.installEventFilter(self.idle_lock)
        app.installEventFilter(self)  # every dialog gets a visible Quick exit button
        app.focusChanged.connect(self._on_app_focus_changed)
        self._attached = True
        self.quick_exit.triggered.connect(self.quick_exit_now)
        self.idle_lock.idle.connect(self.lock)

    def add_saver(self, saver: Saver) -> None:
        self._savers.append(saver)

    def add_clearer(self, clearer: Clearer) -> None:
        self._clearers.append(clearer)

    def apply(self, prefs: Preferences, title: str | None = None) -> None:
        """Keys, idle time, hints, and what the desktop sees (at once, no restart)."""
        self._prefs = prefs
        self.quick_exit.set_sequence(prefs.quick_exit_keys)
        self.idle_lock.set_seconds(prefs.auto_lock_seconds)
        self._app.setProperty(HINT_PROPERTY, hints.hint(prefs))
        self.neutral_shown = False
        self.desktop.apply(NEUTRAL if prefs.discreet_mode else UNKNOT, title)
        if prefs.discreet_mode != self._discreet:
            self._discreet = prefs.discreet_mode
            try:
                if prefs.discreet_mode:
                    write_desktop_override()
                else:
                    remove_desktop_override()
            except OSError:
                pass  # the menu entry is a courtesy; the window itself is neutral already

    def show_neutral_identity(self) -> None:
        """The blank screen names nothing, discreet mode or not."""
        self.neutral_shown = True
        self.desktop.apply(NEUTRAL, NEUTRAL_NAME)

    def journal_opened(self) -> None:
        # Thousands of decrypted entries stay alive while unlocked; keep Python's cyclic garbage
        # collector from walking them all while the person types (a 15 ms stall at 10,000).
        gc.freeze()
        self.idle_lock.start()

    # --- locking -------------------------------------------------------------------------------

    def lock(self) -> None:
        """Save what is being written, then drop the key and every decrypted text. Never stops
        halfway: if the disk refuses the last save, the journal still locks and says so."""
        if not self._session.is_unlocked:
            self._session.lock()  # cancels an unlock still deriving its key
            return
        problems: list[str] = []
        try:
            self._session.settle()  # a save still under way that fails is retried just below
            texts = self._journal_texts()
            for save in self._savers:
                problems += save()
            self.clipboard.clear_if_ours(texts)
            del texts
        finally:
            self.idle_lock.stop()
            self._close_other_windows()
            for clear in self._clearers:
                clear()
            try:
                self._session.lock()
            finally:
                gc.unfreeze()
                gc.collect()
                self.locked.emit(problems)

    def _close_other_windows(self) -> None:
        """Close every other window, hidden ones too: quick exit hides them first, and a
        hidden dialog still holds what it showed until it is closed."""
        for widget in QApplication.topLevelWidgets():
            if widget is self._window:
                continue
            if isinstance(widget, QDialog):
                widget.reject()  # a hidden dialog ignores close(): reject() empties it too
                widget.close()
            elif widget.isVisible() or widget.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):
                widget.close()

    def _on_app_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Ctrl+L locks from every window of Unknot's — a dialog, the summary shown on
        screen — not only from the main window (a dialog's modality would block it there)."""
        if new is None:
            return
        top = new.window()
        if top is self._window or self._lock_action in top.actions():
            return
        owner = top.parentWidget()
        while owner is not None and owner is not self._window:
            owner = owner.parentWidget()
        if owner is self._window:  # one of this window's dialogs, or a window of one of them
            top.addAction(self._lock_action)

    # --- quick exit ----------------------------------------------------------------------------

    def quick_exit_now(self) -> None:
        """Blank at once, save the draft encrypted, drop everything, then quit or go neutral."""
        self.blanking.emit()
        for widget in QApplication.topLevelWidgets():
            if widget is not self._window:
                widget.hide()
        neutral = self._prefs.quick_exit_action == "neutral"
        self.clipboard.clear_selection()
        if neutral:
            self.show_neutral_identity()
        if not neutral:
            self._window.hide()
        QApplication.processEvents()
        try:
            self.lock()
        finally:
            if neutral:
                self.blanking.emit()  # locking showed the lock screen: blank it again
            else:
                self.quit_requested.emit()

    # --- the window ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            _add_quick_exit_button(watched)
            return False
        if watched is self._window and event.type() == QEvent.Type.WindowStateChange \
                and self._prefs.lock_on_minimise and self._window.isMinimized():
            QTimer.singleShot(0, self.lock)
        return False

    def detach_from_app(self) -> None:
        """Stop watching the whole application (keys, idle time, focus): for a window that has
        gone while the application goes on, as when tests start another."""
        if self._attached:
            self._attached = False
            self._app.removeEventFilter(self.quick_exit)
            self._app.removeEventFilter(self.idle_lock)
            self._app.removeEventFilter(self)
            self.desktop.detach()
            self._app.focusChanged.disconnect(self._on_app_focus_changed)


def _add_quick_exit_button(dialog: QDialog) -> None:
    """A dialog that has no Quick exit button of its own gets one beside its buttons."""
    if dialog.findChild(QuickExitButton) is not None:
        return
    if isinstance(dialog, QMessageBox):
        dialog.addButton(QuickExitButton(dialog), QMessageBox.ButtonRole.ActionRole)
        return
    box = dialog.findChild(QDialogButtonBox)
    if box is not None:
        box.addButton(QuickExitButton(box), QDialogButtonBox.ButtonRole.ResetRole)
