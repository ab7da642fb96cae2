"""Choosing a new passphrase, the same way everywhere it is chosen: typed twice, a strength
level in words, a suggestion of words, and the core's one policy (journal/passphrase.py).

Settings (a change, "someone may know my passphrase") and the lock screen (after a recovery-key
unlock) both use NewPassphraseDialog; neither imports the other.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import core_text
from unknot.journal import passphrase as phrase


def secret_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


def wipe(*edits: QLineEdit) -> None:
    for edit in edits:
        edit.setText("")  # unlike clear(), this also drops the undo history


def fit_to_text(dialog: QDialog, characters: int = 72) -> None:
    """Wide enough for its title and a comfortable line of text, from the font's own size; the
    text wraps, so a longer translation grows the dialog downwards, never cut off."""
    metrics = dialog.fontMetrics()
    dialog.setMinimumWidth(max(metrics.averageCharWidth() * characters,
                               metrics.horizontalAdvance(dialog.windowTitle()) + 120))


class PassphraseChoice(QWidget):
    """The new passphrase, typed twice, with its strength in words. refusal() is the core's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_edit = secret_edit(self, self.tr("New passphrase"))
        self.repeat_edit = secret_edit(self, self.tr("Repeat the new passphrase"))
        self.show_box = QCheckBox(self.tr("Show what I type"), self)
        self.suggest_button = QPushButton(self.tr("Suggest a passphrase"), self)
        self.strength_bar = QProgressBar(self)
        self.strength_bar.setRange(0, 4)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setAccessibleName(self.tr("Passphrase strength"))
        self.strength_label = QLabel(self)
        self.strength_label.setAccessibleName(self.tr("Passphrase strength in words"))
        strength = QHBoxLayout()
        strength.addWidget(self.strength_bar, 1)
        strength.addWidget(self.strength_label)
        tools = QHBoxLayout()
        tools.addWidget(self.show_box)
        tools.addStretch(1)
        tools.addWidget(self.suggest_button)
        form = QFormLayout(self)
        self.form = form  # a dialog may put "Current passphrase" first, in the same columns
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("New passphrase"), self.new_edit)
        form.addRow(self.tr("Type it again"), self.repeat_edit)
        form.addRow(tools)
        form.addRow(self.tr("Strength"), strength)
        self.new_edit.textChanged.connect(self._on_text_changed)
        self.show_box.toggled.connect(self._on_show_toggled)
        self.suggest_button.clicked.connect(self._on_suggest_clicked)
        self._on_text_changed("")

    def passphrase(self) -> str:
        return self.new_edit.text()

    def repeat(self) -> str:
        return self.repeat_edit.text()

    def refusal(self) -> str | None:
        """Why the core's policy refuses what was typed (in the interface's language), or None."""
        reason = phrase.refusal(self.passphrase(), self.repeat())
        return None if reason is None else core_text(reason)

    def clear(self) -> None:
        wipe(self.new_edit, self.repeat_edit)
        self.show_box.setChecked(False)

    def _on_text_changed(self, text: str) -> None:
        strength = phrase.estimate(text)
        self.strength_bar.setValue(strength.level)
        # A level in words, never an empty box: "Very weak" until something strong is typed.
        self.strength_label.setText(core_text(strength.words, "strength"))

    def _on_show_toggled(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.new_edit.setEchoMode(mode)
        self.repeat_edit.setEchoMode(mode)

    def _on_suggest_clicked(self) -> None:
        self.show_box.setChecked(True)
        self.new_edit.setText(phrase.generate())
        wipe(self.repeat_edit)
        self.repeat_edit.setFocus()


class NewPassphraseDialog(QDialog):
    """A new passphrase (and, with `ask_current`, the current one first). OK does not close it:
    `submitted` goes to the session, and the dialog stays open, its fields kept, until the
    caller says it worked (accept()) or why not (show_error()).

    Signals:
        submitted(str, str, str): the current passphrase ("" when not asked), the new one and
            its repetition, already accepted by the policy.
    """

    submitted = Signal(str, str, str)

    def __init__(self, title: str, explanation: str, ask_current: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.explain_label = QLabel(explanation, self)
        self.explain_label.setWordWrap(True)
        self.current_edit = secret_edit(self, self.tr("Current passphrase"))
        self.choice = PassphraseChoice(self)
        if ask_current:
            self.choice.form.insertRow(0, self.tr("Current passphrase"), self.current_edit)
        else:
            self.current_edit.hide()
        self.new_edit = self.choice.new_edit
        self.repeat_edit = self.choice.repeat_edit
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("What went wrong"))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain_label)
        layout.addWidget(self.choice)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._ask_current = ask_current
        for edit in (self.current_edit, self.new_edit, self.repeat_edit):
            edit.textEdited.connect(self._on_edited)  # typing again clears a refusal
        fit_to_text(self)

    def _on_edited(self, _text: str) -> None:
        if not self.progress.isVisible():
            self.error_label.clear()

    def current_passphrase(self) -> str:
        return self.current_edit.text()

    def new_passphrase(self) -> str:
        return self.choice.passphrase()

    def _on_ok(self) -> None:
        if self._ask_current and not self.current_edit.text():
            self.show_error(self.tr("Please type your current passphrase."))
            return
        reason = self.choice.refusal()
        if reason is not None:
            self.show_error(reason)
            return
        self.error_label.setText(self.tr("Making a new key and locking every entry again "
                                         "with it…"))
        self.set_busy(True)
        self.submitted.emit(self.current_edit.text(), self.choice.passphrase(),
                            self.choice.repeat())

    def show_error(self, message: str) -> None:
        """One line of why; everything typed stays, so nothing has to be typed again."""
        self.set_busy(False)
        self.error_label.setText(message)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.current_edit, self.choice, self.buttons):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)  # busy until the first count arrives

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def clear(self) -> None:
        wipe(self.current_edit)
        self.choice.clear()
