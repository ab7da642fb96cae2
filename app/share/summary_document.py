"""A summary to share as a document: its Markdown rendered (sanitised) with the sign chart
painted by the timeline's own renderer. Saved (PDF), it is on paper colours; shown on screen, it
follows the window's palette, light or dark, chart included. The same document is shown on
screen and written as a PDF; a protected PDF is that PDF encrypted with AES-256 (pypdf) under a
one-time passphrase of a few words.

Neutral by design (DESIGN §5): the PDF's title is the summary's neutral title, and its creator
and producer name no program."""

from __future__ import annotations

import io
import re
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
    QTextOption,
)

from unknot.app.widgets.timeline_renderer import TimelineColors, TimelineRenderer
from unknot.journal import passphrase as phrase
from unknot.journal.content import load_signs
from unknot.journal.markdown_html import SUMMARY_CUT_NOTE, render_markdown
from unknot.journal.summary import SessionSummary, summary_parts, summary_title

CHART_URL = QUrl("unknot-chart:signs")
# Pixels. Shown CHART_WIDTH pixels wide (the width of an A4 page of text), so it prints at
# about 240 dots per inch; CHART_FONT_PIXELS there is about 8 points on paper.
CHART_SIZE = (1600, 900)
CHART_WIDTH = 640
SCREEN_CHART_WIDTH = 960  # read together across a desk: larger than on paper
CHART_FONT_PIXELS = 26
#: Words in the one-time passphrase of a protected PDF: read out in a session, typed once.
PROTECT_WORDS = 6
_STYLE = """
body {{ color: {text}; }}
h1 {{ font-size: 18pt; }}
h2 {{ font-size: 14pt; margin-top: 16px; }}
h3 {{ font-size: 11pt; margin-top: 18px; }}
h4, h5, h6 {{ font-size: 10pt; }}
th {{ text-align: left; vertical-align: bottom; background-color: {head}; color: {text}; }}
th, td {{ padding: 3px 6px; }}
table {{ border-collapse: collapse; border-width: 1px; border-style: solid; border-color: {rule}; }}
"""


def paper_palette() -> QPalette:
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    palette.setColor(QPalette.ColorRole.Text, QColor(17, 17, 17))
    palette.setColor(QPalette.ColorRole.AlternateBase, QColor(235, 235, 235))
    palette.setColor(QPalette.ColorRole.Mid, QColor(150, 150, 150))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(40, 80, 130))
    return palette


def paper_colors() -> TimelineColors:
    """The timeline's own colours for a light background, whatever the window's theme."""
    return TimelineColors.from_palette(paper_palette())


def _style_sheet(palette: QPalette) -> str:
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    # Table heads a little apart from the page, in the page's own light or dark.
    head = QColor(base).lighter(135) if base.lightness() < 128 else QColor(base).darker(110)
    rule = QColor(text)
    rule.setAlpha(110)
    return _STYLE.format(text=text.name(), head=head.name(),
                         rule=QColor(rule.red(), rule.green(), rule.blue()).name()
                         if base.lightness() >= 128 else "#777777")


def chart_image(summary: SessionSummary, font: QFont, palette: QPalette | None = None) -> QImage:
    """The sign chart, on paper colours or, on screen, in the window's palette."""
    width, height = CHART_SIZE
    colors = TimelineColors.from_palette(palette or paper_palette())
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(colors.background)
    scaled = QFont(font)
    scaled.setPixelSize(CHART_FONT_PIXELS)
    renderer = TimelineRenderer(summary.timeline, {s.id: s.title for s in load_signs()},
                                scaled, colors)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.paint(painter, QRectF(0, 0, width, height).adjusted(12, 12, -12, -12))
    finally:
        painter.end()
    return image


_HEAD_CELL = re.compile(r"<th\b")
# Column widths in per cent: Qt's table layout would otherwise squeeze a column until it breaks
# a word ("relation ship") while another has room to spare.
_WEEK_WIDTHS = (11, 8, *(10,) * 6, 21)
_CHECKIN_WIDTHS = (11, *(round(89 / 6, 1),) * 6)


def _column_widths(html: str, widths: tuple[float, ...]) -> str:
    """Give the head cells of the first table in `html` their widths."""
    start = html.find("<thead>")
    end = html.find("</thead>", start)
    if start < 0 or end < 0:
        return html
    cells = iter(widths)
    head = _HEAD_CELL.sub(lambda m: f'<th width="{next(cells, 0)}%"', html[start:end])
    return html[:start] + head.replace(' width="0%"', "") + html[end:]


def summary_html(summary: SessionSummary, *, on_screen: bool = False, protected: bool = False,
                 screen_width: int = SCREEN_CHART_WIDTH) -> str:
    """Sanitised HTML of the summary, with one image: the sign chart (CHART_URL). On paper the
    check-ins start a page of their own, so that neither legend is split or parted from its
    table (the signs' legend is always on the first page)."""
    marker = "chart" + secrets.token_hex(8)  # a word no Markdown or entry can produce here
    parts = summary_parts(summary, chart=marker, on_screen=on_screen, protected=protected)
    head = _column_widths(render_markdown(parts.head), _WEEK_WIDTHS).replace(
        f"<p>{marker}</p>",
        f'<p><img src="{CHART_URL.toString()}" '
        f'width="{min(SCREEN_CHART_WIDTH, screen_width) if on_screen else CHART_WIDTH}" '
        f'alt="Chart of the six signs by week"></p>')
    new_page = "" if on_screen else ' style="page-break-before: always"'
    body = [head,
            _column_widths(render_markdown(parts.checkins), _CHECKIN_WIDTHS)
            .replace("<h2", f"<h2{new_page}", 1),
            render_markdown(parts.entries_head)]
    for heading, text in parts.entries:
        # Like the journal's preview, an entry too long to lay out quickly (pasted data, say)
        # shows its beginning, with a note: the window stays responsive — quick exit
        # included — while a PDF is made. The Markdown file always holds every word.
        body += [render_markdown(heading), render_markdown(text, SUMMARY_CUT_NOTE)]
    # Tables as wide as the page, with ruled cells (the sanitiser keeps no table attributes).
    return "\n".join(body).replace(
        "<table>", '<table width="100%" border="1" cellspacing="0" cellpadding="3">')


def summary_document(summary: SessionSummary, font: QFont, *, on_screen: bool = False,
                     protected: bool = False, screen_width: int = SCREEN_CHART_WIDTH,
                     palette: QPalette | None = None) -> QTextDocument:
    """`screen_width`: the room the chart has on screen, when `on_screen`; `palette`: the
    window's colours there (paper colours otherwise)."""
    colours = palette if (on_screen and palette is not None) else paper_palette()
    document = QTextDocument()
    document.setDefaultFont(font)
    # Lines break between words only, never inside one ("relation ship"): a very long word
    # carries invisible break opportunities of its own (markdown_html).
    option = QTextOption(document.defaultTextOption())
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    document.setDefaultTextOption(option)
    document.setDefaultStyleSheet(_style_sheet(colours))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle,
                                summary_title(summary))
    document.addResource(QTextDocument.ResourceType.ImageResource, CHART_URL,
                         chart_image(summary, font, colours))
    document.setHtml(summary_html(summary, on_screen=on_screen, protected=protected,
                                  screen_width=screen_width))
    return document


def _qt_pdf(summary: SessionSummary, font: QFont, protected: bool) -> bytes:
    """The document printed to an A4 PDF in memory: nothing touches the disk until the
    person's chosen file is written whole."""
    document = summary_document(summary, font, protected=protected)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setTitle(summary_title(summary))
    writer.setCreator(" ")  # no program's name (an empty creator lets Qt name itself)
    # No margins of the writer's own: printing a document adds 2 cm on every side.
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    document.print_(writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def _neutral_pdf(data: bytes, title: str, passphrase: str | None = None) -> bytes:
    """The PDF again through pypdf: neutral metadata (the title only; no creator or producer
    naming a program) and, with `passphrase`, AES-256 encryption (pypdf with cryptography)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.metadata = None  # drops what Qt wrote (its Producer names Qt)
    writer.add_metadata({"/Title": title, "/Creator": "", "/Producer": ""})
    if passphrase is not None:
        # The owner's password is random and thrown away: nobody can lift the protection.
        writer.encrypt(passphrase, secrets.token_urlsafe(32), algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_bytes(summary: SessionSummary, font: QFont) -> bytes:
    """The summary as a plain (not encrypted) A4 PDF with neutral metadata."""
    return _neutral_pdf(_qt_pdf(summary, font, False), summary_title(summary))


def protected_pdf_bytes(summary: SessionSummary, font: QFont) -> tuple[bytes, str]:
    """The summary as an AES-256 encrypted PDF and its one-time passphrase (a few words from
    the core's word list), which opens it in any PDF reader."""
    passphrase = phrase.generate(PROTECT_WORDS)
    return (_neutral_pdf(_qt_pdf(summary, font, True), summary_title(summary), passphrase),
            passphrase)
