"""The locked screen: a passphrase field and nothing of the journal.

Key derivation runs on the vault worker; this page only shows "Unlocking…" meanwhile, and a
message of its own for a wrong passphrase, a damaged file, or a file from a newer version.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from unknot.app.widgets import early_qt
from unknot.journal.errors import ErrorKind

_LONG_WORD = re.compile(r"\S{24,}")


def _at_left(widget: QWidget) -> QHBoxLayout:
    """`widget` at its own width, at the left (a row, not an alignment flag: see early_qt)."""
    row = QHBoxLayout()
    row.addWidget(widget)
    row.addStretch(1)
    return row


def breakable(text: str) -> str:
    """Long words (a file's path) may wrap after a slash, so no message runs off the card."""
    return _LONG_WORD.sub(lambda m: re.sub(r"([/\\_.-])", "\\1\u200b", m.group(0)), text)


class LockScreen(QWidget):
    """Signals:
        unlock_requested(str): the passphrase to try.
        recovery_requested(str): a recovery key to try.
        restore_requested(object, str): restore this backup (a Path) with this passphrase
            (the file was altered: the passphrase is right and opens the backup).
    """

    unlock_requested = Signal(str)
    recovery_requested = Signal(str)
    restore_requested = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recovery_mode = False
        self._discreet = False
        card = QFrame(self)
        card.setObjectName("lockCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMinimumWidth(min(440, self.fontMetrics().averageCharWidth() * 60))
        card.setMaximumWidth(max(560, self.fontMetrics().averageCharWidth() * 72))
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._restore_from: Path | None = None

        self.title_label = QLabel(self._title(), card)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.hint_label = QLabel(self._passphrase_hint(), card)
        self.hint_label.setWordWrap(True)
        self.secret_edit = QLineEdit(card)
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_edit.setAccessibleName(self.tr("Passphrase"))
        self.secret_edit.setPlaceholderText(self.tr("Passphrase"))
        self.unlock_button = QPushButton(self.tr("Unlock"), card)
        self.unlock_button.setDefault(True)
        self.unlock_button.setAccessibleName(self.tr("Unlock"))
        self.status_label = QLabel(card)
        self.status_label.setWordWrap(True)
        self.status_label.setAccessibleName(self.tr("Unlock status"))
        early_qt.selectable_by_mouse(self.status_label)  # the first screen: see early_qt
        self.recovery_button = QPushButton(self.tr("Use my recovery key instead"), card)
        self.recovery_button.setFlat(True)
        self.recovery_button.setAccessibleName(self.tr("Use recovery key"))
        self.restore_button = QPushButton(self.tr("Restore the newest backup"), card)
        self.restore_button.setAccessibleName(self.tr("Restore the newest backup"))
        self.restore_button.hide()

        row = QHBoxLayout()
        row.addWidget(self.secret_edit, 1)
        row.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title_label)
        inner.addWidget(self.hint_label)
        inner.addLayout(row)
        inner.addWidget(self.status_label)
        inner.addLayout(_at_left(self.restore_button))
        inner.addLayout(_at_left(self.recovery_button))

        # Stretches around the card rather than an alignment flag: a widget placed with an
        # alignment gets its size hint's height, not the height its wrapped words need at the
        # width it is given, and the last lines of a long message were cut off.
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card, 100)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)
        self.card = card

        self.unlock_button.clicked.connect(self._on_submit)
        self.secret_edit.returnPressed.connect(self._on_submit)
        self.recovery_button.clicked.connect(self._on_recovery_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.secret_edit.isEnabled():
            self.secret_edit.setFocus()  # shown after Ctrl+L from anywhere: type at once

    def _title(self) -> str:
        return self.tr("Locked") if self._discreet else self.tr("Your journal is locked")

    def _passphrase_hint(self) -> str:
        return (self.tr("Enter your passphrase.") if self._discreet
                else self.tr("Enter your passphrase to open it."))

    def set_discreet(self, discreet: bool) -> None:
        """Discreet mode: words that name no journal ("Locked")."""
        if discreet == self._discreet:
            return
        neutral_hint = self.hint_label.text() in (self._passphrase_hint(), "")
        self._discreet = discreet
        self.title_label.setText(self._title())
        if neutral_hint and not self._recovery_mode:
            self.hint_label.setText(self._passphrase_hint())

    def set_hint(self, text: str) -> None:
        """A line under the title (the sample journal's passphrase)."""
        self.hint_label.setText(text)

    def set_status(self, text: str) -> None:
        self.status_label.setText(breakable(text))

    def set_recovery_available(self, available: bool) -> None:
        """"Use my recovery key" only when the journal has one (its header says so)."""
        if not available and self._recovery_mode:
            self._set_recovery_mode(False)
        self.recovery_button.setVisible(available)

    def offer_restore(self, backup: Path) -> None:
        """The passphrase is right but the file was changed: offer the backup it opens."""
        self._restore_from = backup
        self.restore_button.show()
        self.status_label.setText(self.status_label.text() + "\n\n" + self.tr(
            "Type your passphrase again, then choose “Restore the newest backup”. The changed "
            "file is kept aside, not deleted."))

    def reset(self) -> None:
        self.secret_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.status_label.clear()
        self._restore_from = None
        self.restore_button.hide()
        self._set_busy(False)
        self._set_recovery_mode(False)
        self.secret_edit.setFocus()

    def show_busy(self) -> None:
        self._set_busy(True)
        self.status_label.setText(self.tr("Unlocking…"))

    def show_failure(self, kind: ErrorKind, message: str) -> None:
        """`message` is the core's words for the failure (journal.errors.describe)."""
        del kind  # the words already say which it was
        self._set_busy(False)
        self._restore_from = None
        self.restore_button.hide()
        self.status_label.setText(breakable(message))
        self.secret_edit.selectAll()
        self.secret_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        if busy:
            # While the key is derived the keyboard stays on the card: focus never falls to a
            # toolbar button, where a typed space would open Settings.
            self.card.setFocusPolicy(QtCore.Qt.FocusPolicy.ClickFocus)
            self.card.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)
        elif self.card.hasFocus():
            self.secret_edit.setEnabled(True)
            self.secret_edit.setFocus()
        self.secret_edit.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)
        self.recovery_button.setEnabled(not busy)
        self.restore_button.setEnabled(not busy)

    def _set_recovery_mode(self, on: bool) -> None:
        self._recovery_mode = on
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Normal if on
                                     else QLineEdit.EchoMode.Password)
        self.secret_edit.setPlaceholderText(self.tr("XXXX-XXXX-…") if on else
                                            self.tr("Passphrase"))
        self.secret_edit.setAccessibleName(self.tr("Recovery key") if on
                                           else self.tr("Passphrase"))
        self.hint_label.setText(
            self.tr("Type the recovery key you wrote down. You will then choose a new "
                    "passphrase.") if on else self._passphrase_hint())
        self.recovery_button.setText(self.tr("Use my passphrase instead") if on
                                     else self.tr("Use my recovery key instead"))

    def _on_recovery_clicked(self) -> None:
        self._set_recovery_mode(not self._recovery_mode)
        self.secret_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.status_label.clear()
        self.secret_edit.setFocus()  # the next keys are the key or passphrase, not the link

    def _on_restore_clicked(self) -> None:
        secret = self.secret_edit.text()
        if self._restore_from is None:
            return
        if not secret or self._recovery_mode:
            self.status_label.setText(self.tr("Type your passphrase above first, then choose "
                                              "“Restore the newest backup”."))
            self.secret_edit.setFocus()
            return
        self.secret_edit.setText("")  # clear() could be undone with Ctrl+Z
        self._set_busy(True)
        self.status_label.setText(self.tr("Restoring the backup…"))
        self.restore_requested.emit(self._restore_from, secret)

    def _on_submit(self) -> None:
        secret = self.secret_edit.text()
        if not secret:
            return
        self.secret_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.show_busy()
        if self._recovery_mode:
            self.recovery_requested.emit(secret)
        else:
            self.unlock_requested.emit(secret)
