"""Share (Ctrl+E): the session summary dialog, over what the unlocked journal holds now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from unknot.app.share.summary_dialog import SummaryDialog
from unknot.app.state import JournalState
from unknot.app.vault_worker import VaultWorker
from unknot.journal.localtime import now


class ShareController(QObject):
    def __init__(self, state: JournalState, worker: VaultWorker, window: QWidget,
                 save_first: Callable[[], object], parent: QObject | None = None) -> None:
        """`save_first` saves what is being written, so that it can be chosen too. Saved
        summaries are made and written on `worker`."""
        super().__init__(parent)
        self._state = state
        self._worker = worker
        self._window = window
        self._save_first = save_first

    def open_dialog(self) -> None:
        if not self._state.is_open:
            return
        self._save_first()
        dialog = SummaryDialog(self._state.entries(), self._state.checkins(), now().date(),
                               self._worker, self._window)
        dialog.open()
