"""Behaviour of the Signs cards: how often each sign was tagged lately, recounted a moment after
the journal changes, and "Write about this" passed on as a request for a new entry."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from unknot.app.i18n import ui_language
from unknot.app.signs.signs_pane import SignsPane
from unknot.app.state import JournalState
from unknot.journal.recent import compare_recent, describe_change

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
        state.opened.connect(self.recount)
        state.reloaded.connect(self.recount)
        state.cleared.connect(self._on_state_cleared)
        state.entry_put.connect(lambda _id: self._timer.start())
        state.entry_removed.connect(lambda _id: self._timer.start())

    def recount(self) -> None:
        if not self._state.is_open:
            return
        changes = compare_recent(self._state.entries())
        self._pane.set_recent_counts({c.sign: c.recent for c in changes})
        for change in changes:
            self._pane.set_count_text(change.sign, describe_change(change, language=ui_language()))

    def _on_state_cleared(self) -> None:
        self._timer.stop()
        self._pane.clear_recent_counts()
