"""The timeline's widgets: the painted chart (mouse and keyboard), and the pane around it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from unknot.app.i18n import core_text, ui_language
from unknot.app.widgets import style
from unknot.app.widgets.timeline_renderer import TimelineColors, TimelineRenderer
from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.timeline import Timeline
from unknot.journal.wording import REFLECTION_CAPTION

RANGES = (("month", QT_TRANSLATE_NOOP("TimelinePane", "Past month")),
          ("quarter", QT_TRANSLATE_NOOP("TimelinePane", "Past 3 months")),
          ("year", QT_TRANSLATE_NOOP("TimelinePane", "Past year")),
          ("all", QT_TRANSLATE_NOOP("TimelinePane", "Everything")))


class TimelineChart(QWidget):
    """The painted chart. Arrow keys move between cells, Enter or a click opens the week.

    Signals:
        cell_activated(int, str): bucket index and sign id of the chosen cell.
    """

    cell_activated = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setAccessibleName(self.tr("Reflection timeline chart"))
        self.setMinimumHeight(self.fontMetrics().height() * 20)
        self._fitted_width = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._titles = {s.id: s.title for s in load_signs(ui_language())}
        self._timeline = Timeline("week", None, None, ())
        self._focus: tuple[int, str] | None = None

    def set_timeline(self, timeline: Timeline) -> None:
        self._timeline = timeline
        if self._focus and self._focus[0] >= len(timeline.buckets):
            self._focus = None
        self.update()

    @property
    def timeline(self) -> Timeline:
        return self._timeline

    def renderer(self) -> TimelineRenderer:
        return TimelineRenderer(self._timeline, self._titles, self.font(),
                                TimelineColors.from_palette(self.palette()))

    def _area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(8, 8, -8, -8)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Tall enough for every sign's whole name, wrapped at this width (never cut short).
        super().resizeEvent(event)
        width = self.width()
        if width != self._fitted_width:
            self._fitted_width = width
            needed = int(self.renderer().preferred_height(width - 16)) + 16
            self.setMinimumHeight(max(self.fontMetrics().height() * 20, needed))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        focus = self._focus if self.hasFocus() else None
        self.renderer().paint(painter, self._area(), focus)
        painter.end()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.renderer().hit_test(self._area(), QPointF(event.position()))
        if hit is None:
            QToolTip.hideText()
            return
        QToolTip.showText(event.globalPosition().toPoint(), self.renderer().describe(*hit), self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self.renderer().hit_test(self._area(), QPointF(event.position()))
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            self._focus = hit
            self.update()
            self.cell_activated.emit(*hit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        count = len(self._timeline.buckets)
        if not count:
            super().keyPressEvent(event)
            return
        index, sign_id = self._focus or (count - 1, SIGN_IDS[0])
        row = SIGN_IDS.index(sign_id)
        key = event.key()
        if key == Qt.Key.Key_Left:
            index = max(0, index - 1)
        elif key == Qt.Key.Key_Right:
            index = min(count - 1, index + 1)
        elif key == Qt.Key.Key_Up:
            row = max(0, row - 1)
        elif key == Qt.Key.Key_Down:
            row = min(len(SIGN_IDS) - 1, row + 1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._focus = (index, SIGN_IDS[row])
            self.cell_activated.emit(index, SIGN_IDS[row])
            return
        else:
            super().keyPressEvent(event)
            return
        self._focus = (index, SIGN_IDS[row])
        self._announce()
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self._focus is None and self._timeline.buckets:
            self._focus = (len(self._timeline.buckets) - 1, SIGN_IDS[0])
        self._announce()

    def _announce(self) -> None:
        """The focused cell in words, as the chart's accessible description, and a note to
        screen readers that it changed: each cell is heard in turn as the arrows move."""
        if self._focus is None or self._focus[0] >= len(self._timeline.buckets):
            self.setAccessibleDescription(self.tr("No weeks to show yet."))
        else:
            words = self.renderer().describe(*self._focus).splitlines()
            self.setAccessibleDescription("; ".join(line.rstrip(".") for line in words) + ".")
        QAccessible.updateAccessibility(
            QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))

    @property
    def focus_cell(self) -> tuple[int, str] | None:
        return self._focus


class TimelinePane(QWidget):
    """Layout of the Timeline page: the range, the chart, its legend and caption, a line of
    words, and places for other features' widgets (place_in_header, place_above_chart,
    place_below). Its widgets are private; each one a person uses has an objectName.

    Signals:
        range_changed(): the person chose another time range (see current_range()).
        cell_activated(int, str): a week's square was clicked or chosen with Enter (the week's
            index in the timeline, the sign id).
        back_requested(): the person pressed Back to the journal.
    """

    range_changed = Signal()
    cell_activated = Signal(int, str)
    back_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = style.page_title(QLabel(self.tr("Reflection timeline"), self))
        self._range = QComboBox(self)
        self._range.setObjectName("timelineRange")
        self._range.setAccessibleName(self.tr("Time range"))
        for key, label in RANGES:
            self._range.addItem(QCoreApplication.translate("TimelinePane", str(label)), key)
        self._range.setCurrentIndex(2)
        self._range.currentIndexChanged.connect(self._on_range_index_changed)
        self._back_button = QPushButton(self.tr("Back to the journal"), self)
        self._back_button.setObjectName("timelineBackButton")
        self._back_button.clicked.connect(self.back_requested)

        self._chart = TimelineChart(self)
        self._chart.setObjectName("timelineChart")
        self._chart.cell_activated.connect(self.cell_activated)
        self._legend = QLabel(self.tr(
            "Each square is a week. The stronger its shade, the more entries were tagged with "
            "the sign (the number is written in when there is room). The bar at its foot is "
            "that week's check-in answer, from “Not at all” (short) to “Very much” (full). "
            "The line below is the average mood of the week's entries. Click a square, or use "
            "the arrow keys and Enter, to see that week's entries."), self)
        self._legend.setWordWrap(True)
        self._caption = QLabel(core_text(REFLECTION_CAPTION), self)
        style.small(self._legend)
        style.small(self._caption).setFont(style.scaled_font(self._caption, style.SMALL,
                                                            italic=True))
        self._summary = QLabel(self)
        self._summary.setObjectName("timelineSummary")
        self._summary.setWordWrap(True)
        self._summary.setAccessibleName(self.tr("Journaling summary"))

        self._header = QHBoxLayout()
        self._header.addWidget(title, 1)
        self._header.addWidget(self._range)
        self._header.addWidget(self._back_button)

        # A short window scrolls the page rather than squeezing the chart.
        content = QWidget(self)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._layout = QVBoxLayout(content)
        style.set_margins(self._layout, self, style.STEP_M, style.STEP_S)
        self._layout.addLayout(self._header)
        self._layout.addWidget(self._chart, 1)
        self._layout.addWidget(self._legend)
        self._layout.addWidget(self._caption)
        self._layout.addWidget(self._summary)

    def current_range(self) -> str:
        """The chosen range: "month", "quarter", "year" or "all"."""
        key = self._range.currentData()
        return key if isinstance(key, str) else "all"

    def set_timeline(self, timeline: Timeline, summary: str = "") -> None:
        """Chart this timeline, with a line of words about it ("" for none)."""
        self._chart.set_timeline(timeline)
        self._summary.setText(summary)

    def timeline(self) -> Timeline:
        """What the chart shows now."""
        return self._chart.timeline

    def focus_chart(self) -> None:
        self._chart.setFocus()

    def _on_range_index_changed(self, _index: int) -> None:
        self.range_changed.emit()

    def place_in_header(self, widget: QWidget) -> None:
        """Beside the range, before "Back to the journal"."""
        self._header.insertWidget(self._header.count() - 1, widget)

    def place_above_chart(self, widget: QWidget) -> None:
        self._layout.insertWidget(self._layout.indexOf(self._chart), widget)

    def place_below(self, widget: QWidget) -> None:
        self._layout.addWidget(widget)
