"""Paints the reflection timeline on any paint device: the widget, a QImage, a PDF page.

One lane per sign with a cell per week: the cell's shade says how often the sign was tagged
(with the number written in when there is room), and a hatched bar along the cell's foot shows
that week's check-in rating (0-4). Below the lanes, a line of the weekly mood average; above
them, a row of marks for how many entries were written. One neutral hue for intensity — never
red/amber/green — and shading plus numbers and patterns, so it reads without colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from unknot.journal.content import SIGN_IDS
from unknot.journal.model import MOOD_WORDS, RATING_WORDS
from unknot.journal.timeline import Timeline


@dataclass(frozen=True)
class TimelineColors:
    background: QColor
    text: QColor
    muted: QColor
    grid: QColor
    fill: QColor
    focus: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> TimelineColors:
        base = palette.color(QPalette.ColorRole.Base)
        text = palette.color(QPalette.ColorRole.Text)
        dark = base.lightness() < 128
        # One neutral blue-grey hue; its strength carries the meaning.
        fill = QColor(150, 180, 220) if dark else QColor(40, 80, 130)
        muted = QColor(text)
        muted.setAlphaF(0.65)
        grid = QColor(text)
        grid.setAlphaF(0.12)
        return cls(base, text, muted, grid, fill, palette.color(QPalette.ColorRole.Highlight))


@dataclass(frozen=True)
class Cell:
    index: int
    sign_id: str
    rect: QRectF


class TimelineRenderer:
    """Lays out and paints one Timeline in a rectangle. Stateless between calls."""

    def __init__(self, timeline: Timeline, sign_titles: dict[str, str], font: QFont,
                 colors: TimelineColors) -> None:
        self.timeline = timeline
        self.titles = sign_titles
        self.font = QFont(font)
        self.colors = colors
        self.metrics = QFontMetricsF(self.font)
        buckets = timeline.buckets
        self.max_count = max((max(b.signs.values(), default=0) for b in buckets), default=0)
        self.max_entries = max((b.entries for b in buckets), default=0)

    # --- geometry ----------------------------------------------------------------------------

    def _label_width(self) -> float:
        widest = max((self.metrics.horizontalAdvance(t) for t in self.titles.values()),
                     default=0.0)
        return min(widest + self.metrics.averageCharWidth() * 2, 260.0)

    def _rows(self, rect: QRectF) -> tuple[float, float, float, float]:
        """(marks top, lanes top, lane height, mood top)."""
        line = self.metrics.height()
        marks_top = rect.top()
        lanes_top = marks_top + line * 1.6
        mood_height = line * 4.0
        axis = line * 1.6
        lane = max(line * 1.2, (rect.height() - (lanes_top - rect.top()) - mood_height - axis
                                - line) / len(SIGN_IDS))
        mood_top = lanes_top + lane * len(SIGN_IDS) + line * 0.8
        return marks_top, lanes_top, lane, mood_top

    def _columns(self, rect: QRectF) -> tuple[float, float]:
        """(left of the first cell, cell width)."""
        left = rect.left() + self._label_width()
        count = max(1, len(self.timeline.buckets))
        return left, max(1.0, (rect.right() - left) / count)

    def cells(self, rect: QRectF) -> list[Cell]:
        _, lanes_top, lane, _ = self._rows(rect)
        left, width = self._columns(rect)
        return [Cell(i, sign_id, QRectF(left + i * width, lanes_top + row * lane, width, lane))
                for row, sign_id in enumerate(SIGN_IDS)
                for i in range(len(self.timeline.buckets))]

    def hit_test(self, rect: QRectF, point: QPointF) -> tuple[int, str] | None:
        _, lanes_top, lane, _ = self._rows(rect)
        left, width = self._columns(rect)
        if point.x() < left or point.y() < lanes_top:
            return None
        index = int((point.x() - left) // width)
        row = int((point.y() - lanes_top) // lane)
        if 0 <= index < len(self.timeline.buckets) and 0 <= row < len(SIGN_IDS):
            return index, SIGN_IDS[row]
        return None

    # --- words -------------------------------------------------------------------------------

    def describe(self, index: int, sign_id: str | None = None) -> str:
        bucket = self.timeline.buckets[index]
        last_day = bucket.end.toordinal() - 1
        from datetime import date

        span = f"{bucket.start:%d %b %Y} – {date.fromordinal(last_day):%d %b %Y}"
        lines = [span, f"Entries written: {bucket.entries}"]
        if sign_id is not None:
            count = bucket.signs.get(sign_id, 0)
            lines.append(f"{self.titles[sign_id]}: tagged in {count} "
                         f"entr{'y' if count == 1 else 'ies'}")
            rating = (bucket.checkin or {}).get(sign_id)
            if rating is not None:
                word = RATING_WORDS[min(4, max(0, round(rating)))]
                lines.append(f"Check-in: {rating:.1f} of 4 (about “{word}”)")
            elif bucket.checkin is not None:
                lines.append("Check-in: skipped for this sign")
        if bucket.mood is not None:
            lines.append(f"Mood: {bucket.mood:+.1f} (about “{MOOD_WORDS[round(bucket.mood)]}”)")
        return "\n".join(lines)

    # --- painting ----------------------------------------------------------------------------

    def paint(self, painter: QPainter, rect: QRectF, focus: tuple[int, str] | None = None) -> None:
        painter.save()
        painter.setClipRect(rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setFont(self.font)
        painter.fillRect(rect, self.colors.background)
        if not self.timeline.buckets:
            painter.setPen(self.colors.muted)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                             "Nothing to show yet. Entries and check-ins will appear here.")
            painter.restore()
            return
        marks_top, lanes_top, lane, mood_top = self._rows(rect)
        left, width = self._columns(rect)
        self._paint_labels(painter, rect, lanes_top, lane, mood_top)
        self._paint_marks(painter, left, width, marks_top)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        self._paint_cells(painter, self.cells(rect))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        self._paint_mood(painter, rect, left, width, mood_top)
        self._paint_axis(painter, rect, left, width, mood_top)
        if focus is not None:
            index, sign_id = focus
            row = SIGN_IDS.index(sign_id)
            pen = QPen(self.colors.focus, 2)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(QRectF(left + index * width, lanes_top + row * lane, width, lane)
                             .adjusted(1, 1, -1, -1))
        painter.restore()

    def _paint_labels(self, painter: QPainter, rect: QRectF, lanes_top: float, lane: float,
                      mood_top: float) -> None:
        painter.setPen(self.colors.text)
        label_width = self._label_width() - self.metrics.averageCharWidth()
        for row, sign_id in enumerate(SIGN_IDS):
            box = QRectF(rect.left(), lanes_top + row * lane, label_width, lane)
            text = self.metrics.elidedText(self.titles[sign_id], Qt.TextElideMode.ElideRight,
                                           label_width)
            painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             text)
        painter.setPen(self.colors.muted)
        line = self.metrics.height()
        painter.drawText(QRectF(rect.left(), rect.top(), label_width, line * 1.4),
                         Qt.AlignmentFlag.AlignVCenter, "Entries written")
        painter.drawText(QRectF(rect.left(), mood_top, label_width, line),
                         Qt.AlignmentFlag.AlignLeft, "Mood: very good")
        painter.drawText(QRectF(rect.left(), mood_top + line * 3.0, label_width, line),
                         Qt.AlignmentFlag.AlignLeft, "very low")

    def _paint_marks(self, painter: QPainter, left: float, width: float, top: float) -> None:
        if not self.max_entries:
            return
        height = self.metrics.height() * 1.2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.colors.muted)
        for i, bucket in enumerate(self.timeline.buckets):
            if bucket.entries:
                bar = height * (0.25 + 0.75 * bucket.entries / self.max_entries)
                bar_width = max(1.0, min(width * 0.5, 6.0))
                x = left + i * width + (width - bar_width) / 2
                painter.drawRect(QRectF(x, top + height - bar, bar_width, bar))

    def _paint_cells(self, painter: QPainter, cells: list[Cell]) -> None:
        """All cells in a few batched calls: one per shade, one for the check-in bars."""
        buckets = self.timeline.buckets
        levels = max(self.max_count, 1)
        by_shade: list[list[QRectF]] = [[] for _ in range(levels + 1)]
        bars: list[QRectF] = []
        numbers: list[tuple[QRectF, int]] = []
        room = self.metrics.horizontalAdvance("00") + 4
        for cell in cells:
            bucket = buckets[cell.index]
            box = cell.rect.adjusted(0.5, 1.0, -0.5, -1.0)
            count = bucket.signs.get(cell.sign_id, 0)
            by_shade[min(count, levels)].append(box)
            rating = (bucket.checkin or {}).get(cell.sign_id)
            if rating is not None:
                height = box.height() * 0.28
                bars.append(QRectF(box.left(), box.bottom() - height,
                                   box.width() * max(rating, 0.15) / 4.0, height))
            if count and box.width() >= room:
                numbers.append((box.adjusted(0, 0, 0, -box.height() * 0.28), count))
        painter.setPen(Qt.PenStyle.NoPen)
        for count, boxes in enumerate(by_shade):
            if not boxes:
                continue
            if count == 0:
                painter.setBrush(self.colors.grid)
            else:
                shade = QColor(self.colors.fill)
                shade.setAlphaF(0.18 + 0.72 * count / levels)
                painter.setBrush(shade)
            painter.drawRects(boxes)
        if bars:
            # Hatched, so the rating reads apart from the shade without relying on colour.
            painter.setBrush(QBrush(self.colors.text, Qt.BrushStyle.Dense4Pattern))
            painter.drawRects(bars)
        for box, count in numbers:
            painter.setPen(self.colors.background if count / levels > 0.5 else self.colors.text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(count))

    def _paint_mood(self, painter: QPainter, rect: QRectF, left: float, width: float,
                    top: float) -> None:
        line = self.metrics.height()
        height = line * 3.0
        painter.setPen(QPen(self.colors.grid, 1, Qt.PenStyle.DashLine))
        middle = top + line * 0.5 + height / 2
        painter.drawLine(QPointF(left, middle), QPointF(rect.right(), middle))
        pen = QPen(self.colors.fill, 2)
        painter.setPen(pen)
        previous: QPointF | None = None
        for i, bucket in enumerate(self.timeline.buckets):
            if bucket.mood is None:
                previous = None
                continue
            point = QPointF(left + (i + 0.5) * width,
                            top + line * 0.5 + height * (2 - bucket.mood) / 4)
            if previous is not None:
                painter.drawLine(previous, point)
            painter.setBrush(self.colors.fill)
            painter.drawEllipse(point, 2.5, 2.5)
            previous = point

    def _paint_axis(self, painter: QPainter, rect: QRectF, left: float, width: float,
                    mood_top: float) -> None:
        line = self.metrics.height()
        top = mood_top + line * 4.0
        painter.setPen(self.colors.muted)
        last_x = -1e9
        previous_month = None
        for i, bucket in enumerate(self.timeline.buckets):
            key = (bucket.start.year, bucket.start.month)
            if key == previous_month:
                continue
            previous_month = key
            x = left + i * width
            label = f"{bucket.start:%b %Y}"
            if x - last_x < self.metrics.horizontalAdvance(label) + 8:
                continue
            painter.drawLine(QPointF(x, top - line * 0.2), QPointF(x, top + line * 0.2))
            painter.drawText(QPointF(x + 2, top + line), label)
            last_x = x
