"""A new recovery key, shown once, with the plain warning that goes with it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unknot.app.widgets.passphrase_choice import fit_to_text


class RecoveryKeyDialog(QDialog):
    """Copy goes through `copy_sensitive` (the safety controller's clipboard: marked sensitive,
    cleared on lock). Close stays off until "I have written it down" is ticked; a lock closes
    it like every other window, and the key goes with it."""

    def __init__(self, key: str, words: str, copy_sensitive: Callable[[str], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your new recovery key"))
        warning = QLabel(self.tr(
            "Write this down on paper now and keep it somewhere only you can reach. It is shown "
            "only once. Whoever finds it can open your journal, without the passphrase."), self)
        warning.setWordWrap(True)
        self.key_label = QLabel(key, self)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAccessibleName(self.tr("Recovery key"))
        self.key_label.setWordWrap(True)
        font = self.key_label.font()
        font.setFamily("monospace")
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.key_label.setFont(font)
        self.words_label = QLabel(words, self)
        self.words_label.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Copy"), self)
        self.copy_button.clicked.connect(lambda: copy_sensitive(self.key_label.text()))
        self.written_box = QCheckBox(self.tr("I have written it down"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setEnabled(False)
        self.written_box.toggled.connect(close.setEnabled)
        self.buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addWidget(self.key_label)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.written_box)
        layout.addWidget(self.words_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        fit_to_text(self)

    def done(self, result: int) -> None:
        self.key_label.clear()
        super().done(result)
