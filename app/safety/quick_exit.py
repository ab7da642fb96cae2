"""Quick exit: a key sequence that works anywhere in the app — in dialogs, while typing.

Default: Esc twice within a second. Alternative: Shift pressed three times (GOV.UK's
convention). The filter only watches; it never swallows a key.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

SEQUENCES = {"esc-twice": (Qt.Key.Key_Escape, 2, 1.0),
             "shift-thrice": (Qt.Key.Key_Shift, 3, 1.5)}


class QuickExitFilter(QObject):
    """Application-wide event filter.

    Signals:
        triggered(): the person pressed the quick-exit sequence.
    """

    triggered = Signal()

    def __init__(self, sequence: str = "esc-twice", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._presses: list[float] = []
        self.set_sequence(sequence)

    def set_sequence(self, sequence: str) -> None:
        self._key, self._count, self._window = SEQUENCES.get(sequence, SEQUENCES["esc-twice"])
        self._presses.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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
        self._presses = [t for t in self._presses if moment - t <= self._window]
        self._presses.append(moment)
        if len(self._presses) >= self._count:
            self._presses.clear()
            self.triggered.emit()
        return False
