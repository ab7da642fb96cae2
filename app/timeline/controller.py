"""Behaviour of the Timeline page: the chart, recomputed from the unlocked journal (the core
does the aggregation), and a click on a week turned into a request to filter the journal."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from unknot.app.i18n import ui_language
from unknot.app.state import JournalState
from unknot.app.timeline.timeline_view import TimelinePane
from unknot.journal.localtime import now
from unknot.journal.summary import entries_count
from unknot.journal.timeline import aggregate

RANGE_DAYS = {"month": 31, "quarter": 92, "year": 366, "all": None}


class TimelineController(QObject):
    """Signals:
        week_chosen(str, date, date): sign id, first and last day of the chosen week.
        back_requested()
    """

    week_chosen = Signal(str, date, date)
    back_requested = Signal()

    def __init__(self, pane: TimelinePane, state: JournalState,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._state = state
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        pane.range_changed.connect(self.refresh)
        pane.cell_activated.connect(self._on_pane_cell_activated)
        pane.back_requested.connect(self.back_requested)
        state.opened.connect(self.refresh)
        state.checkins_changed.connect(self.refresh)
        state.cleared.connect(self.clear)
        for changed in (state.reloaded, state.entry_put, state.entry_removed):
            changed.connect(self._schedule_refresh)

    def _schedule_refresh(self, *_args: object) -> None:
        # Only while the page is shown: an autosave must not pay for a hidden chart.
        if self._state.is_open and self._pane.isVisible():
            self._refresh_timer.start()

    def refresh(self) -> None:
        if not self._state.is_open:
            return
        today = now().date()
        days = RANGE_DAYS.get(self._pane.current_range())
        since = None if days is None else today - timedelta(days=days)
        entries = self._state.entries()
        timeline = aggregate(entries, self._state.checkins(), by="week", since=since,
                             until=today if since else None, today=today)
        shown = sum(b.entries for b in timeline.buckets)
        self._pane.set_timeline(timeline, self.tr(
            "%s in this range. The counts follow how much was written: a higher count can "
            "mean it felt safer to write, not that more happened.")
            % entries_count(shown, ui_language()).capitalize())

    def clear(self) -> None:
        """The journal locked: the chart and its words show nothing."""
        self._refresh_timer.stop()
        self._pane.set_timeline(aggregate([], [], by="week"))

    def _on_pane_cell_activated(self, index: int, sign_id: str) -> None:
        bucket = self._pane.timeline().buckets[index]
        last: date = bucket.end - timedelta(days=1)
        self.week_chosen.emit(sign_id, bucket.start, last)
