"""How one row of the entry list is painted: the title in plain text, under it the date, and
small marks — a dot in the accent hue per sign the entry is tagged with, and its mood in a word.

Everything is drawn as plain text (a title with "<b>" in it shows those characters, never bold
type); a title too long for the row ends in "…" and the whole of it is in the row's accessible
text. Screen readers hear the row through AccessibleTextRole (title, date, signs, mood)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from unknot.app.i18n import core_text
from unknot.app.journal_pane.entry_model import DateRole, MoodRole, SignsRole, TitleRole
from unknot.app.widgets import style
from unknot.journal.model import MOOD_WORDS

Index = QModelIndex | QPersistentModelIndex


class EntryRowDelegate(QStyledItemDelegate):
    """Two lines per row: the title; the date, the sign dots and the mood word."""

    def _padding(self, option: QStyleOptionViewItem) -> int:
        return max(2, round(QFontMetrics(option.font).height() * style.STEP_XS))

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        body = QFontMetrics(option.font)
        small = QFontMetrics(style.scaled_font_of(option.font, style.SMALL))
        pad = self._padding(option)
        return QSize(body.averageCharWidth() * 24, body.height() + small.height() + 2 * pad + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""  # the background, selection and focus only; the words come below
        widget = option.widget
        qstyle = widget.style() if widget is not None else QApplication.style()
        qstyle.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        ink = palette.color(role)
        rect: QRect = option.rect
        pad = self._padding(option)
        font = option.font
        small_font = style.scaled_font_of(font, style.SMALL)
        body, small = QFontMetrics(font), QFontMetrics(small_font)
        inner = rect.adjusted(pad * 2, pad, -pad * 2, -pad)  # 2 px between the two lines

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(ink)
        painter.setFont(font)
        title = str(index.data(TitleRole) or "")
        title_rect = QRect(inner.left(), inner.top(), inner.width(), body.height())
        left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.drawText(title_rect, left,
                         body.elidedText(title, Qt.TextElideMode.ElideRight, inner.width()))

        painter.setFont(small_font)
        line = QRect(inner.left(), title_rect.bottom() + 2, inner.width(), small.height())
        mood = index.data(MoodRole)
        mood_text = core_text(MOOD_WORDS[mood]) if isinstance(mood, int) else ""
        mood_width = small.horizontalAdvance(mood_text)
        signs = index.data(SignsRole) or ()
        dot = max(5, small.height() * 2 // 5)
        dots_width = len(signs) * (dot + dot // 2 + 1)
        date_text = str(index.data(DateRole) or "")
        room = inner.width() - mood_width - dots_width - (pad * 4 if signs or mood_text else 0)
        painter.drawText(line, left,
                         small.elidedText(date_text, Qt.TextElideMode.ElideRight, max(0, room)))
        if mood_text:
            painter.drawText(line, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             mood_text)
        if signs:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink if selected else style.accent(palette))
            x = line.right() - mood_width - (pad * 2 if mood_text else 0) - dots_width
            y = line.center().y() - dot / 2 + 1
            for n in range(len(signs)):
                painter.drawEllipse(QRectF(x + n * (dot + dot // 2 + 1), y, dot, dot))
        painter.restore()
