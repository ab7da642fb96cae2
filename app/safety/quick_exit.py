"""Quick exit: a key sequence that works anywhere in the app — in dialogs, while typing — and
the Quick exit button of any window (widgets/quick_exit_button.py sends an application event).

Default: Esc twice within a second. Alternative: Shift pressed three times (GOV.UK's
convention). An Esc that closed a dialog does not count towards the sequence: backing out of two
dialogs with Esc, Esc must not close Unknot. (From a dialog, Esc three times, the dialog's Quick
exit button, or Shift three times.) The filter only watches; it never swallows a key.
"""

from __future__ import annotations

import time

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from unknot.app.widgets.quick_exit_button import QUICK_EXIT_EVENT

SEQUENCES = {"esc-twice": (Qt.Key.Key_Escape, 2, 1.0),
             "shift-thrice": (Qt.Key.Key_Shift, 3, 1.5)}


class QuickExitFilter(QObject):
    """Application-wide event filter.

    Signals:
        triggered(): the person pressed the quick-exit sequence or a Quick exit button.
    """

    triggered = Signal()

    def __init__(self, sequence: str = "esc-twice", parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Each press, with the dialog it was pressed in (if any): a press whose dialog has
        # closed since was the press that closed it.
        self._presses: list[tuple[float, QDialog | None]] = []
        self.set_sequence(sequence)

    def set_sequence(self, sequence: str) -> None:
        self._key, self._count, self._window = SEQUENCES.get(sequence, SEQUENCES["esc-twice"])
        self._presses.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QUICK_EXIT_EVENT:
            self._presses.clear()
            self.triggered.emit()
            return True
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        assert isinstance(event, QKeyEvent)
        # A key press travels up from the focus widget through its parents; count it once.
        focus = QApplication.focusWidget()
        if watched is not (focus if focus is not None else watched.window()):
            return False
        if event.isAutoRepeat():
            return False
        if event.key() != self._key:
            self._presses.clear()
            return False
        moment = time.monotonic()
        self._presses = [(t, d) for t, d in self._presses
                         if moment - t <= self._window and not _closed(d)]
        window = watched.window()
        dialog = window if isinstance(window, QDialog) else None
        self._presses.append((moment, dialog if self._key == Qt.Key.Key_Escape else None))
        if len(self._presses) >= self._count:
            self._presses.clear()
            self.triggered.emit()
        return False


def _closed(dialog: QDialog | None) -> bool:
    return dialog is not None and (not shiboken6.isValid(dialog) or not dialog.isVisible())
