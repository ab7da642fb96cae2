"""Paints the reflection timeline on any paint device: the widget, a QImage, a PDF page.

One lane per sign with a cell per week: the cell's shade says how often the sign was tagged
(with the number written in when there is room), and a bar on a track of its own along the
cell's foot shows that week's check-in answer, from "Not at all" (short) to "Very much"
(full). Below the lanes, a line of the weekly mood average; above
them, a row of marks for how many entries were written. One neutral hue for intensity — never
red/amber/green — and shading plus numbers and lengths, so it reads without colour. Signs are
named in full, wrapped over lines, never cut; words for people say answers and moods in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen

from unknot.app.i18n import core_text, date_words, ui_language
from unknot.app.widgets.style import ACCENT_ON_DARK, ACCENT_ON_LIGHT
from unknot.journal.content import SIGN_IDS
from unknot.journal.summary import COUNTS_NOTE, entries_count, mood_words, rating_words
from unknot.journal.timeline import Timeline

translate = QCoreApplication.translate  # lupdate reads translate("TimelineRenderer", "…")

#: The mood band's height in lines of text: its plot is one line shorter, with "very good" at
#: its top and "very low" at its foot.
MOOD_BAND_LINES = 5.0
_Numbers = tuple[float, float, float, float]  # what QRectF.getRect() gives
#: Month labels go on every month, or every 2nd, 3rd, 6th or 12th when they would not fit:
#: always the same step across the axis, counted from January.
MONTH_STEPS = (1, 2, 3, 6, 12)


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
        # The one accent hue (app/widgets/style.py); its strength carries the meaning.
        fill = QColor(ACCENT_ON_DARK if dark else ACCENT_ON_LIGHT)
        muted = QColor(text)
        muted.setAlphaF(0.75)
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

    def _label_width(self, rect: QRectF) -> float:
        """Room for the signs' names: as wide as the widest, up to a third of the chart (the
        names wrap over lines within it)."""
        widest = max((self.metrics.horizontalAdvance(t) for t in self.titles.values()),
                     default=0.0)
        room = max(rect.width() * 0.3, self.metrics.averageCharWidth() * 16)
        return min(widest + self.metrics.averageCharWidth() * 2, room)

    def _label_flags(self) -> int:
        return int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
                   | Qt.TextFlag.TextWordWrap)

    def label_height(self, rect: QRectF) -> float:
        """The height the tallest wrapped sign name needs at this chart's width."""
        width = self._label_width(rect) - self.metrics.averageCharWidth()
        return max((self.metrics.boundingRect(QRectF(0, 0, width, 1e6), self._label_flags(), t)
                    .height() for t in self.titles.values()), default=self.metrics.height())

    def preferred_height(self, width: float) -> float:
        """The height at which every lane holds its sign's whole name."""
        line = self.metrics.height()
        lane = self.label_height(QRectF(0, 0, width, 1)) + line * 0.6
        return (line * 1.6 + lane * len(SIGN_IDS) + line * 0.8 + line * MOOD_BAND_LINES
                + line * 1.6 + line)

    def _rows(self, rect: QRectF) -> tuple[float, float, float, float]:
        """(marks top, lanes top, lane height, mood top)."""
        line = self.metrics.height()
        marks_top = rect.top()
        lanes_top = marks_top + line * 1.6
        mood_height = line * MOOD_BAND_LINES
        axis = line * 1.6
        room = rect.height() - (lanes_top - rect.top()) - mood_height - axis - line
        lane = max(self.label_height(rect) + line * 0.3, room / len(SIGN_IDS))
        mood_top = lanes_top + lane * len(SIGN_IDS) + line * 0.8
        return marks_top, lanes_top, lane, mood_top

    def _columns(self, rect: QRectF) -> tuple[float, float]:
        """(left of the first cell, cell width)."""
        left = rect.left() + self._label_width(rect)
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
        """The cell in words, for its tooltip and for screen readers: answers and moods in
        words, never "1.0 of 4"."""
        bucket = self.timeline.buckets[index]
        last = date.fromordinal(bucket.end.toordinal() - 1)
        language = ui_language()
        lines = [translate("TimelineRenderer", "Week of %1 (to %2)")
                 .replace("%1", date_words(bucket.start)).replace("%2", date_words(last)),
                 translate("TimelineRenderer", "Written: %1")
                 .replace("%1", entries_count(bucket.entries, language))]
        if sign_id is not None:
            count = bucket.signs.get(sign_id, 0)
            lines.append(translate("TimelineRenderer", "%1: named in %2.")
                         .replace("%1", self.titles[sign_id])
                         .replace("%2", entries_count(count, language))
                         + " " + core_text(COUNTS_NOTE))
            rating = (bucket.checkin or {}).get(sign_id)
            if rating is not None:
                lines.append(translate("TimelineRenderer", "Check-in answer: %1")
                             .replace("%1", rating_words(rating, language)))
            elif bucket.checkin is not None:
                lines.append(translate("TimelineRenderer", "Check-in answer: skipped"))
        if bucket.mood is not None:
            lines.append(translate("TimelineRenderer", "Mood of the week's entries: %1")
                         .replace("%1", mood_words(bucket.mood, language)))
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
                             translate("TimelineRenderer", "Nothing to show yet. Entries and "
                                       "check-ins will appear here."))
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
        label_width = self._label_width(rect) - self.metrics.averageCharWidth()
        for row, sign_id in enumerate(SIGN_IDS):
            box = QRectF(rect.left(), lanes_top + row * lane, label_width, lane)
            painter.drawText(box, self._label_flags(), self.titles[sign_id])
        painter.setPen(self.colors.muted)
        line = self.metrics.height()
        painter.drawText(QRectF(rect.left(), rect.top(), label_width, line * 1.4),
                         Qt.AlignmentFlag.AlignVCenter,
                         translate("TimelineRenderer", "Entries written"))
        painter.drawText(QRectF(rect.left(), mood_top, label_width, line),
                         Qt.AlignmentFlag.AlignLeft,
                         translate("TimelineRenderer", "Mood: very good"))
        painter.drawText(QRectF(rect.left(), mood_top + line * (MOOD_BAND_LINES - 1),
                                label_width, line),
                         Qt.AlignmentFlag.AlignLeft,
                         translate("TimelineRenderer", "very low"))

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
        tracks: list[QRectF] = []
        bars: list[QRectF] = []
        numbers: list[tuple[QRectF, int]] = []
        room = self.metrics.horizontalAdvance("00") + 4
        # Plain arithmetic on each cell's numbers: 3,000-odd cells for ten years, and every
        # QRectF method called from Python costs more than the sums themselves.
        for cell in cells:
            bucket = buckets[cell.index]
            left, top, width, height = cast(_Numbers, cell.rect.getRect())
            # A clear gap between weeks, so that even a long range reads as separate weeks.
            gap = min(4.0, max(1.0, width * 0.12)) / 2
            left, top, width, height = left + gap, top + 1.5, width - 2 * gap, height - 3.0
            count = bucket.signs.get(cell.sign_id, 0)
            by_shade[min(count, levels)].append(QRectF(left, top, width, height))
            rating = bucket.checkin.get(cell.sign_id) if bucket.checkin else None
            if rating is not None:
                # On a track of the page's colour: never a dark mark on a dark shade.
                track = height * 0.28
                track_top = top + height - track
                tracks.append(QRectF(left, track_top, width, track))
                bars.append(QRectF(left, track_top + track * 0.2,
                                   width - width * (1 - max(rating, 0.15) / 4.0), track * 0.6))
            if count and width >= room:
                numbers.append((QRectF(left, top, width, height - height * 0.28), count))
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
            # Its own track and the text's colour: the answer reads apart from the shade,
            # without relying on colour, in light and dark palettes and in print.
            painter.setBrush(self.colors.background)
            painter.drawRects(tracks)
            painter.setBrush(QBrush(self.colors.text))
            painter.drawRects(bars)
        for box, count in numbers:
            painter.setPen(self.colors.background if count / levels > 0.5 else self.colors.text)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(count))

    def _paint_mood(self, painter: QPainter, rect: QRectF, left: float, width: float,
                    top: float) -> None:
        line = self.metrics.height()
        height = line * (MOOD_BAND_LINES - 1)
        painter.setPen(QPen(self.colors.grid, 1, Qt.PenStyle.DashLine))
        middle = top + line * 0.5 + height / 2
        painter.drawLine(QPointF(left, middle), QPointF(rect.right(), middle))
        pen = QPen(self.colors.fill, max(2.0, line * 0.12))
        painter.setPen(pen)
        dot = max(3.0, line * 0.22)
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
            painter.drawEllipse(point, dot, dot)
            previous = point

    def month_labels(self, rect: QRectF) -> list[tuple[int, str]]:
        """(bucket index, label) of each month named on the axis: every month when the labels
        fit, else every 2nd, 3rd, 6th or 12th month — one step for the whole axis."""
        left, width = self._columns(rect)
        starts: list[tuple[int, date]] = []
        for i, bucket in enumerate(self.timeline.buckets):
            month = (bucket.start.year, bucket.start.month)
            if not starts or (starts[-1][1].year, starts[-1][1].month) != month:
                starts.append((i, bucket.start))
        if not starts:
            return []
        labels = [(i, QLocale().toString(QDate(day.year, day.month, 1), "MMM yyyy"))
                  for i, day in starts]
        widest = max(self.metrics.horizontalAdvance(text) for _, text in labels) + 8
        # The shortest whole month on the axis (a week chart has 4 and 5 week months).
        gaps = [b - a for (a, _), (b, _) in zip(starts[1:], starts[2:], strict=False)]
        span = min(gaps, default=len(self.timeline.buckets) / max(1, len(starts)))
        step = next((s for s in MONTH_STEPS if s * span * width >= widest), MONTH_STEPS[-1])
        chosen = [(i, text) for (i, text), (_, day) in zip(labels, starts, strict=True)
                  if (day.month - 1) % step == 0]
        # A label only where the whole of it fits before the chart's right edge, and never
        # over the one before (a first month that is only partly shown loses its label).
        kept: list[tuple[int, str]] = []
        for i, text in chosen:
            x = left + i * width
            if x + self.metrics.horizontalAdvance(text) > rect.right() + 2:
                continue
            if kept and x - (left + kept[-1][0] * width) < widest:
                if len(kept) == 1 and kept[0][0] == 0:
                    kept.pop()
                else:
                    continue
            kept.append((i, text))
        return kept

    def _paint_axis(self, painter: QPainter, rect: QRectF, left: float, width: float,
                    mood_top: float) -> None:
        line = self.metrics.height()
        top = mood_top + line * MOOD_BAND_LINES
        painter.setPen(self.colors.muted)
        for i, label in self.month_labels(rect):
            x = left + i * width
            painter.drawLine(QPointF(x, top - line * 0.2), QPointF(x, top + line * 0.2))
            painter.drawText(QPointF(x + 2, top + line), label)
