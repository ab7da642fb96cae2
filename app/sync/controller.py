"""Copies of the journal made by a sync program (two computers changed it at once): when the
journal opens with such copies beside it, offer to bring their entries in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from unknot.app.session import JournalSession
from unknot.app.widgets.notify import notify


class SyncController(QObject):
    def __init__(self, session: JournalSession, window: QWidget,
                 hold_edits: Callable[[], None], parent: QObject | None = None) -> None:
        """`hold_edits` saves what is being written and stops edits until the journal is read
        again after the merge."""
        super().__init__(parent)
        self._session = session
        self._window = window
        self._hold_edits = hold_edits
        self.conflict_box: QMessageBox | None = None
        session.conflict_copies_found.connect(self._on_session_conflict_copies_found)
        session.merged.connect(self._on_session_merged)

    def _on_session_conflict_copies_found(self, copies: list[Path]) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Copies from a sync program"),
                          self.tr("Beside your journal there are %d copies made by a sync "
                                  "program (for example when two computers changed it at the "
                                  "same time). Unknot can bring their entries in: nothing in "
                                  "your journal is lost, and the copies are kept in the "
                                  "backups folder.") % len(copies),
                          QMessageBox.StandardButton.NoButton, self._window)
        merge = box.addButton(self.tr("Bring their entries in…"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._ask_copy_passphrase() if button is merge else None)
        self.conflict_box = box
        box.open()

    def _ask_copy_passphrase(self) -> None:
        text, ok = QInputDialog.getText(
            self._window, self.tr("Open the copies"),
            self.tr("The passphrase that opens the copies (usually your current one):"),
            QLineEdit.EchoMode.Password)
        if ok and text:
            self._hold_edits()
            self._session.merge_conflict_copies(text)

    def _on_session_merged(self, summary: str) -> None:
        notify(self._window, self.tr("Copies merged"), summary)
