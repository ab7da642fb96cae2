"""Help in a window of its own, for when the journal is locked: crisis lines need no unlock."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from unknot.app.i18n import ui_language
from unknot.app.widgets.markdown_view import MarkdownView
from unknot.journal.content import load_help_page


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Help"))
        self.resize(640, 560)
        view = MarkdownView(self)
        view.setAccessibleName(self.tr("Help"))
        view.set_markdown(load_help_page(ui_language()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(view)
        layout.addWidget(buttons)
