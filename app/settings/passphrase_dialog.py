"""Changing the passphrase, and the different action for "someone may know my passphrase"."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from unknot.journal import passphrase as phrase


class PassphraseDialog(QDialog):
    def __init__(self, rotate: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rotate = rotate
        self.setWindowTitle(self.tr("Someone may know my passphrase") if rotate
                            else self.tr("Change passphrase"))
        explain = QLabel(self.tr(
            "If someone may know your passphrase, Unknot makes a new key, locks every entry "
            "again with it, and removes its own older backups, which the old passphrase could "
            "open. Any recovery key stops working. Copies you made elsewhere still open with "
            "the old passphrase: delete them.") if rotate else self.tr(
            "Changing the passphrase is quick: only the lock on your key changes. Copies of the "
            "journal made before now — Unknot's backups, a synced copy, a USB stick — still "
            "open with the old passphrase."), self)
        explain.setWordWrap(True)
        self.current_edit = self._secret(self.tr("Current passphrase"))
        self.new_edit = self._secret(self.tr("New passphrase"))
        self.repeat_edit = self._secret(self.tr("Repeat the new passphrase"))
        self.strength = QProgressBar(self)
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setAccessibleName(self.tr("Passphrase strength"))
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Current passphrase"), self.current_edit)
        form.addRow(self.tr("New passphrase"), self.new_edit)
        form.addRow(self.tr("Repeat it"), self.repeat_edit)
        form.addRow(self.tr("Strength"), self.strength)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.new_edit.textChanged.connect(
            lambda text: self.strength.setValue(phrase.estimate(text).level))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _secret(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setAccessibleName(name)
        return edit

    def _on_accepted(self) -> None:
        new = self.new_edit.text()
        if not self.current_edit.text():
            self.error_label.setText(self.tr("Please type your current passphrase."))
        elif new != self.repeat_edit.text():
            self.error_label.setText(self.tr("The two new passphrases are not the same."))
        elif phrase.estimate(new).level < 2:
            self.error_label.setText(self.tr("That passphrase would be quick to guess. Please "
                                             "make it longer."))
        else:
            self.accept()

    def current_passphrase(self) -> str:
        return self.current_edit.text()

    def new_passphrase(self) -> str:
        return self.new_edit.text()

    def clear(self) -> None:
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.setText("")  # unlike clear(), this also drops the undo history
