"""Settings: auto-lock, discreet mode, and what quick exit does."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from unknot.app.preferences import Preferences
from unknot.app.widgets import quick_exit_hints as hints
from unknot.app.widgets.quick_exit_button import QuickExitButton


class SettingsDialog(QDialog):
    """Signals:
        passphrase_requested(bool): change the passphrase; True for "Someone may know my
            passphrase" (no recovery key afterwards).
        remove_requested(): "Remove everything".

    Its own words name no app, so that in discreet mode nothing here says Unknot.
    """

    passphrase_requested = Signal(bool)
    remove_requested = Signal()

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
        self.discreet = QCheckBox(self.tr("&Discreet mode: call every window, the menu entry "
                                          "and the lock screen “Notes”, with a plain icon"), self)
        self.discreet.setChecked(prefs.discreet_mode)
        self.exit_action = QComboBox(self)
        self.exit_action.setAccessibleName(self.tr("What quick exit does"))
        self.exit_action.addItem(self.tr("Close the app"), "quit")
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

        self.quick_exit_note = QLabel(self)
        self.quick_exit_note.setWordWrap(True)
        self.locked_note = QLabel(self.tr("The journal is locked: unlock it to change these. "
                                          "Nobody can weaken them from the lock screen."), self)
        self.locked_note.setWordWrap(True)
        self.locked_note.hide()

        # One group box per subject, so that more (a recovery key, backups) slot in below.
        self.safety_group = QGroupBox(self.tr("Safety on a shared computer"), self)
        # The notes wrap below the form (a form's own spanning rows do not grow with them);
        # the check boxes span the form's width, so that long words still fit in 800 pixels.
        safety = QVBoxLayout(self.safety_group)
        form = QFormLayout()
        safety.addLayout(form)
        form.addRow(self.tr("Lock after being idle for"), self.lock_minutes)
        form.addRow(self.lock_on_minimise)
        form.addRow(self.discreet)
        form.addRow(self.tr("&Quick exit"), self.exit_action)
        form.addRow(self.tr("Quick exit &keys"), self.exit_keys)
        safety.addWidget(self.quick_exit_note)
        safety.addWidget(self.locked_note)
        self.passphrase_group = QGroupBox(self.tr("Passphrase"), self)
        self.passphrase_group.setLayout(passphrase_row)
        self.traces_group = QGroupBox(self.tr("What is kept on this computer"), self)
        self.folder_label = QLabel(self.traces_group)
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setAccessibleName(self.tr("Data folder"))
        self.remove_button = QPushButton(self.tr("Remove everything…"), self.traces_group)
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_requested)
        traces = QVBoxLayout(self.traces_group)
        traces.addWidget(self.folder_label)
        traces.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.traces_group.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.addButton(QuickExitButton(self.buttons), QDialogButtonBox.ButtonRole.ResetRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.sections = QVBoxLayout()
        for group in (self.safety_group, self.passphrase_group, self.traces_group):
            self.sections.addWidget(group)
        # A short screen scrolls the sections; the buttons stay in view.
        content = QWidget(self)
        content.setLayout(self.sections)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        self._scroll = scroll
        self._content = content
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        self.exit_action.currentIndexChanged.connect(self._on_quick_exit_changed)
        self.exit_keys.currentIndexChanged.connect(self._on_quick_exit_changed)
        self._on_quick_exit_changed()

    def add_section(self, group: QGroupBox) -> None:
        """Another part of Settings (recovery key, backups) adds its group box here: after the
        passphrase, before what is kept on this computer (and "Remove everything", last)."""
        self.sections.insertWidget(self.sections.indexOf(self.traces_group), group)

    def scroll_to(self, widget: QWidget) -> None:
        self._scroll.ensureWidgetVisible(widget)

    def fit_to_screen(self) -> None:
        """As wide as the sections need (the scroll area never scrolls sideways, so narrower
        would cut them off) and as tall as they are, up to the screen's height: then they
        scroll."""
        content = self._content
        frame = self.sizeHint() - self._scroll.sizeHint()
        bar = self._scroll.verticalScrollBar().sizeHint().width()
        width = content.minimumSizeHint().width() + bar + frame.width()
        height = content.sizeHint().height() + frame.height()
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            width = min(width, screen.width())
            height = min(height, screen.height() * 9 // 10)
        self.resize(max(self.width(), width), max(self.height(), height))

    def _on_quick_exit_changed(self) -> None:
        text = hints.sentence(self.preferences())
        if self.exit_keys.currentData() == "esc-twice":
            text += " " + self.tr("An Esc that closes a dialog does not count, so backing out of "
                                  "two dialogs never closes the app: in a dialog, press Esc three "
                                  "times or use its Quick exit button.")
        self.quick_exit_note.setText(text)

    def set_data_folder(self, folders: str) -> None:
        self.folder_label.setText(folders)
        self.traces_group.show()

    def set_safety_locked(self, locked: bool) -> None:
        """While the journal is locked, the settings that keep it safe are shown, not changed."""
        for widget in (self.lock_minutes, self.lock_on_minimise, self.discreet,
                       self.exit_action, self.exit_keys):
            widget.setEnabled(not locked)
        self.locked_note.setVisible(locked)

    def set_passphrase_enabled(self, enabled: bool) -> None:
        self.change_button.setEnabled(enabled)
        self.rotate_button.setEnabled(enabled)
        self.remove_button.setEnabled(enabled)

    def preferences(self) -> Preferences:
        if not self.discreet.isEnabled():
            return replace(self._prefs)  # locked: nothing of safety changes
        return replace(
            self._prefs,
            auto_lock_seconds=self.lock_minutes.value() * 60,
            lock_on_minimise=self.lock_on_minimise.isChecked(),
            discreet_mode=self.discreet.isChecked(),
            quick_exit_action=self.exit_action.currentData(),
            quick_exit_keys=self.exit_keys.currentData(),
        )
