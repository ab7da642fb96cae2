"""Settings: auto-lock, discreet mode, and what quick exit does."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unknot.app.preferences import Preferences


class SettingsDialog(QDialog):
    """Signals:
        passphrase_requested(bool): change the passphrase; True for "Someone may know my
            passphrase" (a new key as well).
    """

    passphrase_requested = Signal(bool)

    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._prefs = prefs

        self.lock_minutes = QSpinBox(self)
        self.lock_minutes.setRange(1, 120)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setValue(max(1, round(prefs.auto_lock_seconds / 60)))
        self.lock_minutes.setAccessibleName(self.tr("Lock after idle minutes"))
        self.lock_on_minimise = QCheckBox(self.tr("Lock when the window is minimised"), self)
        self.lock_on_minimise.setChecked(prefs.lock_on_minimise)
        self.discreet = QCheckBox(self.tr("Discreet mode: call the window “Notes” and use a "
                                          "plain icon"), self)
        self.discreet.setChecked(prefs.discreet_mode)
        self.exit_action = QComboBox(self)
        self.exit_action.setAccessibleName(self.tr("What quick exit does"))
        self.exit_action.addItem(self.tr("Close Unknot"), "quit")
        self.exit_action.addItem(self.tr("Show a blank “Notes” screen"), "neutral")
        self.exit_action.setCurrentIndex(max(0, self.exit_action.findData(prefs.quick_exit_action)))
        self.exit_keys = QComboBox(self)
        self.exit_keys.setAccessibleName(self.tr("Quick exit keys"))
        self.exit_keys.addItem(self.tr("Esc twice"), "esc-twice")
        self.exit_keys.addItem(self.tr("Shift three times"), "shift-thrice")
        self.exit_keys.setCurrentIndex(max(0, self.exit_keys.findData(prefs.quick_exit_keys)))

        self.change_button = QPushButton(self.tr("Change passphrase…"), self)
        self.rotate_button = QPushButton(self.tr("Someone may know my passphrase…"), self)
        self.change_button.clicked.connect(lambda: self.passphrase_requested.emit(False))
        self.rotate_button.clicked.connect(lambda: self.passphrase_requested.emit(True))
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.change_button)
        passphrase_row.addWidget(self.rotate_button)

        note = QLabel(self.tr("Quick exit hides the window at once, saves what you were writing "
                              "(encrypted) and locks the journal."), self)
        note.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Lock after being idle for"), self.lock_minutes)
        form.addRow("", self.lock_on_minimise)
        form.addRow("", self.discreet)
        form.addRow(self.tr("Quick exit"), self.exit_action)
        form.addRow(self.tr("Quick exit keys"), self.exit_keys)
        form.addRow(self.tr("Passphrase"), passphrase_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def set_passphrase_enabled(self, enabled: bool) -> None:
        self.change_button.setEnabled(enabled)
        self.rotate_button.setEnabled(enabled)

    def preferences(self) -> Preferences:
        return replace(
            self._prefs,
            auto_lock_seconds=self.lock_minutes.value() * 60,
            lock_on_minimise=self.lock_on_minimise.isChecked(),
            discreet_mode=self.discreet.isChecked(),
            quick_exit_action=self.exit_action.currentData(),
            quick_exit_keys=self.exit_keys.currentData(),
        )
