"""Behaviour of the Timeline page and the weekly check-in.

Keeps the decrypted check-ins while the journal is unlocked, recomputes the timeline from the
journal's entries (the core does the aggregation), offers this week's check-in inside the app,
and turns a click on a week into a journal filter.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from unknot.app.checkin.checkin_dialog import CheckInDialog
from unknot.app.checkin.checkin_model import CheckInListModel, CheckInRole
from unknot.app.journal_pane.entry_model import EntryListModel
from unknot.app.session import JournalSession, describe
from unknot.app.timeline.timeline_view import TimelinePane
from unknot.journal.localtime import now
from unknot.journal.model import CheckIn
from unknot.journal.timeline import aggregate, bucket_start, streaks
from unknot.journal.vault import LoadResult

RANGE_DAYS = {"month": 31, "quarter": 92, "year": 366, "all": None}


class TimelineController(QObject):
    """Signals:
        week_chosen(str, object, object): sign id, first and last day of the chosen week.
        back_requested()
    """

    week_chosen = Signal(str, object, object)
    back_requested = Signal()

    def __init__(self, pane: TimelinePane, session: JournalSession, entries: EntryListModel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._session = session
        self._entries = entries
        self.checkins = CheckInListModel(self)
        pane.history.setModel(self.checkins)
        self._offer_dismissed = False
        self._unlocked = False
        self._dialog: CheckInDialog | None = None
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)

        pane.range_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        pane.chart.cell_activated.connect(self._on_chart_cell_activated)
        pane.checkin_button.clicked.connect(lambda: self.open_checkin())
        pane.offer_button.clicked.connect(lambda: self.open_checkin())
        pane.offer_dismiss.clicked.connect(self._on_offer_dismissed)
        pane.edit_checkin_button.clicked.connect(self._on_edit_checkin_clicked)
        pane.history.doubleClicked.connect(lambda _i: self._on_edit_checkin_clicked())
        pane.back_button.clicked.connect(self.back_requested)
        session.unlocked.connect(self._on_session_unlocked)
        session.record_saved.connect(self._on_session_record_saved)
        for signal in (entries.modelReset, entries.rowsInserted, entries.rowsRemoved,
                       entries.dataChanged):
            signal.connect(self._schedule_refresh)

    # --- data --------------------------------------------------------------------------------

    def _on_session_unlocked(self, loaded: LoadResult) -> None:
        self._unlocked = True
        self.checkins.set_items(list(loaded.checkins))
        self.refresh()

    def _on_session_record_saved(self, record: object) -> None:
        if isinstance(record, CheckIn) and self._unlocked:
            self.checkins.upsert(record)
            self.refresh()

    def _schedule_refresh(self, *_args: object) -> None:
        # Only while the page is shown: an autosave must not pay for a hidden chart.
        if self._unlocked and self._pane.isVisible():
            self._refresh_timer.start()

    def refresh(self) -> None:
        if not self._unlocked:
            return
        today = now().date()
        days = RANGE_DAYS.get(self._pane.range_combo.currentData())
        since = None if days is None else today - timedelta(days=days)
        entries = self._entries.entries()
        timeline = aggregate(entries, self.checkins.items(), by="week", since=since,
                             until=today if since else None, today=today)
        self._pane.chart.set_timeline(timeline)
        run = streaks(entries, today=today)
        self._pane.summary.setText(self.tr(
            "%d entries in all. Days in a row with an entry: %d now, %d at most.")
            % (len(entries), run.current, run.longest))
        this_week = bucket_start(today, "week")
        has_checkin = any(bucket_start(c.day, "week") == this_week for c in self.checkins.items())
        self._pane.offer.setVisible(not has_checkin and not self._offer_dismissed)
        self._pane.edit_checkin_button.setEnabled(self.checkins.rowCount() > 0)

    def save_open_checkin(self) -> list[str]:
        """The journal is locking with the check-in form open: keep what was answered (saved
        encrypted) rather than lose it. Returns problems in words; never raises."""
        dialog = self._dialog
        if dialog is None or not (dialog.ratings() or dialog.note().strip()):
            return []
        record = CheckIn.new(dialog.day(), now(), ratings=dialog.ratings(), note=dialog.note())
        if dialog.existing is not None:
            record = dialog.existing.edited(now(), day=dialog.day(), ratings=dialog.ratings(),
                                            note=dialog.note())
        try:
            self._session.save_now(record)
        except Exception as exc:  # the lock goes on; the person is told
            return [describe(exc)]
        return []

    def clear(self) -> None:
        """The journal locked: drop every check-in and close the form if it is open."""
        self._unlocked = False
        self._refresh_timer.stop()
        if self._dialog is not None:
            self._dialog.clear()
            self._dialog.reject()
        self.checkins.set_items([])
        self._pane.chart.set_timeline(aggregate([], [], by="week"))
        self._pane.summary.clear()
        self._pane.offer.hide()

    # --- check-ins -----------------------------------------------------------------------------

    def open_checkin(self, existing: CheckIn | None = None) -> None:
        if not self._unlocked or self._dialog is not None:
            return
        day = existing.day if existing else now().date()
        dialog = CheckInDialog(day, dict(existing.ratings) if existing else None,
                               existing.note if existing else "", self._parent_widget())
        dialog.existing = existing
        self._dialog = dialog
        dialog.finished.connect(lambda result: self._on_dialog_finished(dialog, existing, result))
        dialog.open()

    def _on_dialog_finished(self, dialog: CheckInDialog, existing: CheckIn | None,
                            result: int) -> None:
        self._dialog = None
        if result == CheckInDialog.DialogCode.Accepted and self._unlocked:
            moment = now()
            if existing is None:
                record = CheckIn.new(dialog.day(), moment, ratings=dialog.ratings(),
                                     note=dialog.note())
            else:
                record = existing.edited(moment, day=dialog.day(), ratings=dialog.ratings(),
                                         note=dialog.note())
            self._session.save(record)
        dialog.clear()
        dialog.deleteLater()

    def _on_edit_checkin_clicked(self) -> None:
        index = self._pane.history.currentIndex()
        if not index.isValid():
            index = self.checkins.index(0, 0)
        item = index.data(CheckInRole)
        if isinstance(item, CheckIn):
            self.open_checkin(item)

    def _on_offer_dismissed(self) -> None:
        self._offer_dismissed = True
        self._pane.offer.hide()

    def _on_chart_cell_activated(self, index: int, sign_id: str) -> None:
        bucket = self._pane.chart.timeline.buckets[index]
        last: date = bucket.end - timedelta(days=1)
        self.week_chosen.emit(sign_id, bucket.start, last)

    def _parent_widget(self) -> QWidget:
        return self._pane.window()
