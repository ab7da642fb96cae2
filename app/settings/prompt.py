"""Asking for the passphrase before something that changes keys, restores or removes: a plain
explanation, one field, the answer in the same dialog (it stays open on a wrong passphrase)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from unknot.app.widgets.passphrase_choice import fit_to_text, secret_edit, wipe


class PassphrasePrompt(QDialog):
    """Signals:
        submitted(str): the passphrase; the dialog stays open until accept() or show_error().
    """

    submitted = Signal(str)

    def __init__(self, title: str, explanation: str, action: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.explain_label = QLabel(explanation, self)
        self.explain_label.setWordWrap(True)
        self.passphrase_edit = secret_edit(self, self.tr("Your passphrase"))
        self.passphrase_edit.setPlaceholderText(self.tr("Your passphrase"))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("What went wrong"))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.action_button = self.buttons.addButton(action,
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.explain_label, self.passphrase_edit, self.error_label,
                       self.progress):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_to_text(self)

    def _on_ok(self) -> None:
        if not self.passphrase_edit.text():
            self.show_error(self.tr("Please type your passphrase."))
            return
        self.set_busy(True)
        self.submitted.emit(self.passphrase_edit.text())

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error_label.setText(message)
        self.passphrase_edit.selectAll()
        self.passphrase_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        self.passphrase_edit.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.error_label.setText(self.tr("Working…"))
            self.progress.setRange(0, 0)

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def done(self, result: int) -> None:
        wipe(self.passphrase_edit)
        super().done(result)
