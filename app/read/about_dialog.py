"""About Unknot: the version, the license, where the article came from, that Unknot is not a
replacement for professional care, and that Help lists crisis lines."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as installed_version

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from unknot.app.i18n import ui_language
from unknot.app.widgets import style
from unknot.journal.content import load_article

#: The license Unknot is published under (pyproject.toml says the same).
LICENSE_ID = "GPL-3.0-or-later"


def _installed_version() -> str:
    try:
        return installed_version("unknot")
    except PackageNotFoundError:  # run from a folder that was never installed
        return ""


class AboutDialog(QDialog):
    """A small window about Unknot. Nothing in it comes from the journal, so it can show while
    the journal is locked.

    Signals: none of its own.
    """

    def __init__(self, parent: QWidget | None = None, *, version: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Unknot"))
        article = load_article(ui_language())
        shown_version = version if version is not None else _installed_version()

        self.title_label = style.page_title(self._label(self.tr("Unknot")))
        self.version_label = self._label(
            self.tr("Version {version}").format(version=shown_version)
            if shown_version
            else self.tr("Version not known (Unknot was not installed)")
        )
        self.purpose_label = self._label(self.tr(
            "A private journal for reading about trauma bonds and thinking them through. It "
            "stays on this computer and never connects to the internet."
        ))
        self.care_label = self._label(self.tr(
            "Unknot is not a replacement for professional care, and it cannot diagnose "
            "anything. Help (F1) lists crisis lines and helplines in several countries."
        ))
        self.article_label = self._label(
            self.tr("The article, \u201c{title}\u201d: {source}").format(
                title=article.title, source=article.source_note
            )
        )
        self.license_label = self._label(self.tr(
            "License: GNU General Public License, version 3 or any later version "
            "({license_id}). You may share and change Unknot under its terms."
        ).format(license_id=LICENSE_ID))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        layout = QVBoxLayout(self)
        layout.setSpacing(self.fontMetrics().height() // 2)
        for label in (
            self.title_label,
            self.version_label,
            self.purpose_label,
            self.care_label,
            self.article_label,
            self.license_label,
        ):
            layout.addWidget(label)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 50)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height())

    def text(self) -> str:
        """Everything the box says, as plain text (for tests and screen readers alike)."""
        labels = (
            self.title_label,
            self.version_label,
            self.purpose_label,
            self.care_label,
            self.article_label,
            self.license_label,
        )
        return "\n".join(label.text() for label in labels)

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label
