"""Behaviour of the weekly check-in: the offer of this week's check-in, the form, past
check-ins, and keeping what was answered when the journal locks with the form open."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from unknot.app.checkin.checkin_dialog import CheckInDialog
from unknot.app.checkin.checkin_model import CheckInListModel, CheckInRole
from unknot.app.checkin.checkin_panel import CheckInPanel
from unknot.app.i18n import ui_language
from unknot.app.session import JournalSession
from unknot.app.state import JournalState
from unknot.journal.errors import describe
from unknot.journal.localtime import now
from unknot.journal.model import CheckIn
from unknot.journal.timeline import bucket_start


class CheckInController(QObject):
    def __init__(self, panel: CheckInPanel, session: JournalSession, state: JournalState,
                 window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._panel = panel
        self._session = session
        self._state = state
        self._window = window
        self.model = CheckInListModel(state, self)
        panel.set_model(self.model)
        self._offer_dismissed = False
        self._dialog: CheckInDialog | None = None

        panel.checkin_requested.connect(lambda: self.open_checkin())
        panel.offer_dismissed.connect(self._on_panel_offer_dismissed)
        panel.edit_requested.connect(self._on_panel_edit_requested)
        session.record_saved.connect(self._on_session_record_saved)
        for changed in (state.opened, state.reloaded, state.checkins_changed):
            changed.connect(self._update_offer)

    def _on_session_record_saved(self, record: object) -> None:
        if isinstance(record, CheckIn):
            self._state.put_checkin(record)
            self._panel.set_saved_note_shown(True)

    def _update_offer(self) -> None:
        this_week = bucket_start(now().date(), "week")
        done = any(bucket_start(c.day, "week") == this_week for c in self._state.checkins())
        self._panel.set_offer_shown(not done and not self._offer_dismissed)
        self._panel.set_edit_enabled(self.model.rowCount() > 0)

    def open_checkin(self, existing: CheckIn | None = None) -> None:
        if not self._state.is_open or self._dialog is not None:
            return
        day = existing.day if existing else now().date()
        dialog = CheckInDialog(day, dict(existing.ratings) if existing else None,
                               existing.note if existing else "", self._window)
        dialog.existing = existing
        self._dialog = dialog
        dialog.finished.connect(lambda result: self._on_dialog_finished(dialog, result))
        dialog.open()

    def _record_from(self, dialog: CheckInDialog) -> CheckIn:
        if dialog.existing is None:
            return CheckIn.new(dialog.day(), now(), ratings=dialog.ratings(), note=dialog.note())
        return dialog.existing.edited(now(), day=dialog.day(), ratings=dialog.ratings(),
                                      note=dialog.note())

    def _on_dialog_finished(self, dialog: CheckInDialog, result: int) -> None:
        self._dialog = None
        if result == CheckInDialog.DialogCode.Accepted and self._state.is_open:
            self._session.save(self._record_from(dialog))
        dialog.clear()
        dialog.deleteLater()

    def save_open_checkin(self) -> list[str]:
        """The journal is locking with the form open: keep what was answered (saved encrypted)
        rather than lose it. Returns problems in words; never raises."""
        dialog = self._dialog
        if dialog is None or not (dialog.ratings() or dialog.note().strip()):
            return []
        try:
            self._session.save_now(self._record_from(dialog))
        except Exception as exc:  # the lock goes on; the person is told
            return [describe(exc, language=ui_language())]
        return []

    def clear(self) -> None:
        """The journal locked: close the form if it is open, emptied first."""
        if self._dialog is not None:
            self._dialog.clear()
            self._dialog.reject()
        self._panel.set_offer_shown(False)
        self._panel.set_saved_note_shown(False)

    def _on_panel_edit_requested(self) -> None:
        index = self._panel.chosen_index()
        if not index.isValid():
            index = self.model.index(0, 0)
        item = index.data(CheckInRole)
        if isinstance(item, CheckIn):
            self.open_checkin(item)

    def _on_panel_offer_dismissed(self) -> None:
        self._offer_dismissed = True
        self._panel.set_offer_shown(False)
