"""“Show on screen”: the summary to share, full-screen, saved nowhere — a file handed to a
therapist can become part of their records; a screen shown in session does not."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QKeyEvent, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from unknot.app.share.summary_document import CHART_URL


class _SummaryBrowser(QTextBrowser):
    """Shows the summary document; loads nothing, and opens no link."""

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if QUrl(name) == CHART_URL:
            return self.document().resource(QTextDocument.ResourceType.ImageResource, name)
        return QByteArray()  # an empty answer: nothing is read from the disk or the network


class SummaryViewer(QWidget):
    """A full-screen window of its own, closed with Esc or its button, deleted on close (and
    closed by locking and quick exit like every other window of Unknot's)."""

    def __init__(self, document: QTextDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Summary to share"))
        self.setObjectName("summaryViewer")

        heading = QLabel(self.tr("Shown on screen only — nothing is saved."), self)
        self.close_button = QPushButton(self.tr("Close (Esc)"), self)
        self.close_button.clicked.connect(self.close)
        self.browser = _SummaryBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(self.tr("Summary to share"))
        self.browser.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        document.setUndoRedoEnabled(False)
        document.setParent(self.browser)
        self.browser.setDocument(document)

        bar = QHBoxLayout()
        bar.addWidget(heading, 1)
        bar.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Emptied at once: the window itself is deleted only when the event loop gets to it.
        self.browser.document().clear()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)
