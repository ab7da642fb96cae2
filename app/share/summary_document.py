"""A session summary as a printable document: its Markdown rendered (sanitised) with the sign
chart painted by the timeline's own renderer, on paper colours. The same document is shown on
screen and written as a PDF."""

from __future__ import annotations

import secrets

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)

from unknot.app.widgets.timeline_renderer import TimelineColors, TimelineRenderer
from unknot.journal.content import load_signs
from unknot.journal.markdown_html import SUMMARY_CUT_NOTE, render_markdown
from unknot.journal.summary import SessionSummary, summary_parts, summary_title

CHART_URL = QUrl("unknot-chart:signs")
# Pixels. Shown CHART_WIDTH pixels wide (the width of an A4 page of text), so it prints at
# about 240 dots per inch; CHART_FONT_PIXELS there is about 8 points on paper.
CHART_SIZE = (1600, 760)
CHART_WIDTH = 640
SCREEN_CHART_WIDTH = 960  # read together across a desk: larger than on paper
CHART_FONT_PIXELS = 26
_STYLE_SHEET = """
body { color: #111; }
h1 { font-size: 18pt; }
h2 { font-size: 14pt; margin-top: 16px; }
h3 { font-size: 11pt; margin-top: 18px; }
th { text-align: left; background-color: #eee; }
th, td { padding: 3px 8px; }
table { border-collapse: collapse; border-width: 1px; border-style: solid; border-color: #999; }
"""


def paper_colors() -> TimelineColors:
    """The timeline's own colours for a light background, whatever the window's theme."""
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.Text, QColor(17, 17, 17))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(40, 80, 130))
    return TimelineColors.from_palette(palette)


def chart_image(summary: SessionSummary, font: QFont) -> QImage:
    width, height = CHART_SIZE
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    scaled = QFont(font)
    scaled.setPixelSize(CHART_FONT_PIXELS)
    renderer = TimelineRenderer(summary.timeline, {s.id: s.title for s in load_signs()},
                                scaled, paper_colors())
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.paint(painter, QRectF(0, 0, width, height).adjusted(12, 12, -12, -12))
    finally:
        painter.end()
    return image


def summary_html(summary: SessionSummary, *, on_screen: bool = False,
                 screen_width: int = SCREEN_CHART_WIDTH) -> str:
    """Sanitised HTML of the summary, with one image: the sign chart (CHART_URL)."""
    marker = "chart" + secrets.token_hex(8)  # a word no Markdown or entry can produce here
    parts = summary_parts(summary, chart=marker, on_screen=on_screen)
    head = render_markdown(parts.head).replace(
        f"<p>{marker}</p>",
        f'<p><img src="{CHART_URL.toString()}" '
        f'width="{min(SCREEN_CHART_WIDTH, screen_width) if on_screen else CHART_WIDTH}" '
        f'alt="Chart of the six signs by week"></p>')
    body = [head]
    for heading, text in parts.entries:
        # Like the journal's preview, an entry too long to lay out quickly (pasted data, say)
        # shows its beginning, with a note: the window stays responsive — quick exit
        # included — while a PDF is made. The Markdown file always holds every word.
        body += [render_markdown(heading), render_markdown(text, SUMMARY_CUT_NOTE)]
    # Tables as wide as the page, with ruled cells (the sanitiser keeps no table attributes).
    return "\n".join(body).replace(
        "<table>", '<table width="100%" border="1" cellspacing="0" cellpadding="3">')


def summary_document(summary: SessionSummary, font: QFont, *, on_screen: bool = False,
                     screen_width: int = SCREEN_CHART_WIDTH) -> QTextDocument:
    """`screen_width`: the room the chart has on screen, when `on_screen`."""
    document = QTextDocument()
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(_STYLE_SHEET)
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle,
                                summary_title(summary))
    document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL,
                         chart_image(summary, font))
    document.setHtml(summary_html(summary, on_screen=on_screen, screen_width=screen_width))
    return document


def pdf_bytes(summary: SessionSummary, font: QFont) -> bytes:
    """The summary as an A4 PDF, made in memory: nothing touches the disk until the person's
    chosen file is written whole."""
    document = summary_document(summary, font)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(summary_title(summary))
    writer.setCreator("Unknot")
    # No margins of the writer's own: printing a document adds 2 cm on every side.
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())

