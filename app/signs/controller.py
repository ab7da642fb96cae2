"""Behaviour of the Signs cards: how often each sign was tagged lately, recounted a moment after
the journal changes, and "Write about this" passed on as a request for a new entry."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from unknot.app.i18n import ui_language
from unknot.app.signs.signs_pane import SignsPane
from unknot.app.state import JournalState
from unknot.journal.localtime import now
from unknot.journal.recent import compare_recent, describe_change, may_count, reach

RECOUNT_DELAY_MS = 400


class SignsController(QObject):
    """Signals:
        write_requested(str, str): a sign id and the prompt to write about.
    """

    write_requested = Signal(str, str)

    def __init__(self, pane: SignsPane, state: JournalState,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._state = state
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOUNT_DELAY_MS)
        self._timer.timeout.connect(self.recount)
        pane.write_requested.connect(self.write_requested)
        state.opened.connect(self._recount_all)
        state.reloaded.connect(self._recount_all)
        state.cleared.connect(self._on_state_cleared)
        state.entry_put.connect(self._on_state_entry_put)
        state.entry_removed.connect(self._on_state_entry_removed)
        # The entries the 60 days around today may count, by id: a save recounts those, not
        # the whole journal (a GUI-thread stall while typing at 10,000 entries). Found anew
        # when the journal opens and when the day changes.
        self._near: set[str] | None = None
        self._near_today = now().date()
        self._reach = reach(today=self._near_today)

    def _on_state_entry_put(self, entry_id: str) -> None:
        entry = self._state.entry(entry_id)
        if self._near is not None and entry is not None:
            if may_count(entry, *self._reach):
                self._near.add(entry_id)
            else:
                self._near.discard(entry_id)
        self._timer.start()

    def _on_state_entry_removed(self, entry_id: str) -> None:
        if self._near is not None:
            self._near.discard(entry_id)
        self._timer.start()

    def _recount_all(self) -> None:
        self._near = None
        self.recount()

    def recount(self) -> None:
        if not self._state.is_open:
            return
        today = now().date()
        if self._near is None or today != self._near_today:
            self._near_today, self._reach = today, reach(today=today)
            self._near = {e.id for e in self._state.entries() if may_count(e, *self._reach)}
        entries = [e for e in map(self._state.entry, self._near) if e is not None]
        changes = compare_recent(entries, today=today)
        self._pane.set_recent_counts({c.sign: c.recent for c in changes})
        for change in changes:
            self._pane.set_count_text(change.sign, describe_change(change, language=ui_language()))

    def _on_state_cleared(self) -> None:
        self._timer.stop()
        self._near = None
        self._pane.clear_recent_counts()
