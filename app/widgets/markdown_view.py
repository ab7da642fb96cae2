"""A read-only view of Markdown that never loads anything and asks before opening a link."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QPainter,
    QPyTextObject,
    QResizeEvent,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from unknot.journal.markdown_html import ALLOWED_URL_SCHEMES, render_markdown

# Qt's table and cell spacing; no colours, so the system palette decides how things look.
_STYLE_SHEET = """
th { text-align: left; }
th, td { padding: 2px 12px 2px 0; }
"""
_LINE_HEIGHT_PERCENT = 135


class _NoImages(QPyTextObject):
    """Stands in for Qt's image handler: draws nothing, takes no room, reads no file.

    Qt's own handler falls back to reading the image's ``src`` as a local path even when
    ``loadResource`` refuses it, so a stray ``<img>`` would otherwise read from the disk.
    """

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        return QSizeF(0, 0)

    def drawObject(
        self,
        painter: QPainter,
        rect: QRectF | QRect,
        doc: QTextDocument,
        pos: int,
        fmt: QTextFormat,
    ) -> None:
        return None


class MarkdownView(QTextBrowser):
    """Shows sanitised Markdown (see :func:`journal.markdown_html.render_markdown`).

    Nothing is loaded from the disk or the network: every resource request gets an empty
    answer and images are never drawn. Clicking an ``http``, ``https`` or ``mailto`` link
    shows the real address and opens it in the system browser only if the user agrees;
    ``#anchor`` links scroll within the page; every other link does nothing.

    Signals: none of its own (``QTextBrowser``'s signals are unchanged).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setSearchPaths([])
        self._reading_width_chars: int | None = None
        self._image_blocker = _NoImages(self)
        self._block_images()
        self.document().documentLayoutChanged.connect(self._block_images)
        self.anchorClicked.connect(self._on_anchor_clicked)

    # --- content ----------------------------------------------------------------------------

    def set_markdown(self, text: str) -> None:
        """Render ``text`` (Markdown; raw HTML in it is shown as text) in place of the content."""
        document = self.document()
        document.setDefaultStyleSheet(_STYLE_SHEET)
        self.setHtml(render_markdown(text))
        cursor = QTextCursor(document)
        cursor.select(QTextCursor.SelectionType.Document)
        spacing = QTextBlockFormat()
        spacing.setLineHeight(
            _LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
        )
        cursor.mergeBlockFormat(spacing)
        document.clearUndoRedoStacks()
        self._apply_reading_width()

    def clear_content(self) -> None:
        """Empty the view, its document and the document's undo and redo history."""
        self.clear()
        self.document().clearUndoRedoStacks()

    def set_reading_width(self, characters: int | None) -> None:
        """Keep lines to about ``characters`` wide, centred; ``None`` uses the full width."""
        self._reading_width_chars = characters
        self._apply_reading_width()

    # --- Qt overrides -----------------------------------------------------------------------

    def loadResource(self, type: int, name: QUrl | str) -> QByteArray:
        # Always a valid, empty answer. Returning None would make Qt fall back to reading
        # file: and data: URLs itself.
        return QByteArray()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_reading_width()

    # --- private ----------------------------------------------------------------------------

    def _block_images(self) -> None:
        layout = self.document().documentLayout()
        layout.registerHandler(QTextFormat.ObjectTypes.ImageObject.value, self._image_blocker)

    def _apply_reading_width(self) -> None:
        side = self.fontMetrics().averageCharWidth() * 1.5  # text never touches the frame
        if self._reading_width_chars is not None:
            wanted = self.fontMetrics().averageCharWidth() * self._reading_width_chars
            margins = 2 * self.document().documentMargin()
            side = max(side, (self.viewport().width() - margins - wanted) / 2)
        root = self.document().rootFrame()
        frame_format = root.frameFormat()
        if frame_format.leftMargin() != side or frame_format.rightMargin() != side:
            frame_format.setLeftMargin(side)
            frame_format.setRightMargin(side)
            root.setFrameFormat(frame_format)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if not scheme and url.hasFragment() and not url.path() and not url.host():
            self.scrollToAnchor(url.fragment())
        elif scheme in ALLOWED_URL_SCHEMES and self._confirm_open(url):
            QDesktopServices.openUrl(url)

    def _confirm_open(self, url: QUrl) -> bool:
        # The fully encoded form shows the real host (punycode, not look-alike letters), and
        # plain text keeps a crafted address from being read as markup.
        address = url.toString(QUrl.ComponentFormattingOption.FullyEncoded)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Open link"),
            self.tr("Open this link in your web browser?") + "\n\n" + address,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        answer = box.exec()
        box.deleteLater()
        return answer == QMessageBox.StandardButton.Yes
