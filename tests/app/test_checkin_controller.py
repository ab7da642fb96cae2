"""The weekly check-in on its own (its panel, its form and CheckInController over a real session
and a JournalState), driven with clicks and keys: the offer, answering, editing, cancelling,
and keeping what was answered when the journal locks with the form open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QRadioButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, TimelinePage, click, make_vault, open_session, type_into
from unknot.app.checkin.checkin_dialog import CheckInDialog
from unknot.app.checkin.checkin_panel import CheckInPanel
from unknot.app.checkin.controller import CheckInController
from unknot.app.session import JournalSession
from unknot.app.state import JournalState
from unknot.journal.content import load_signs
from unknot.journal.localtime import now
from unknot.journal.model import CheckIn
from unknot.journal.vault import Vault
from vaults import sample_entries

FIRST, SECOND = load_signs()[0], load_signs()[1]


class CheckInUi:
    """The check-in's widgets in a bare window, with their controller."""

    def __init__(self, qtbot: QtBot, session: JournalSession, state: JournalState) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.panel = CheckInPanel(self.window)
        column = QVBoxLayout(self.window)
        for part in (self.panel.start_button, self.panel.offer, self.panel.history):
            column.addWidget(part)
        self.controller = CheckInController(self.panel, session, state, self.window)
        self.page = TimelinePage(self.window)  # the pieces a person uses, by name
        self.window.show()
        qtbot.waitExposed(self.window)

    def form(self) -> CheckInDialog | None:
        shown = [d for d in self.window.findChildren(CheckInDialog) if d.isVisible()]
        return shown[0] if shown else None


def _this_week() -> CheckIn:
    return CheckIn.new(now().date(), now(), ratings={FIRST.id: 1}, note="This week's note")


def _last_month() -> CheckIn:
    day = now().date() - timedelta(days=35)
    return CheckIn.new(day, now() - timedelta(days=35), ratings={SECOND.id: 2}, note="Older")


@pytest.fixture
def ui_for(qtbot: QtBot, journal_session: JournalSession, journal_state: JournalState,
           data_paths: Any) -> Iterator[Any]:
    def build(*checkins: CheckIn) -> CheckInUi:
        make_vault(data_paths.vault, records=[*sample_entries(1), *checkins]).close()
        ui = CheckInUi(qtbot, journal_session, journal_state)
        open_session(qtbot, journal_session)
        return ui

    yield build


def _answer(qtbot: QtBot, form: CheckInDialog, sign_title: str, words: str) -> None:
    (radio,) = [r for r in form.findChildren(QRadioButton)
                if r.accessibleName() == f"{sign_title}: {words}"]
    click(qtbot, radio)


def _save(qtbot: QtBot, form: CheckInDialog) -> None:
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Save))


def _stored(data_paths: Any) -> list[CheckIn]:
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        return vault.load().checkins


def test_the_offer_leads_to_a_saved_check_in(qtbot: QtBot, ui_for: Any,
                                             journal_session: JournalSession,
                                             journal_state: JournalState,
                                             data_paths: Any) -> None:
    ui = ui_for(_last_month())
    assert ui.page.offer.isVisible()  # nothing yet for this week
    click(qtbot, ui.page.offer_button)
    form = ui.form()
    assert form is not None and form.day() == now().date()
    _answer(qtbot, form, FIRST.title, "Quite a bit")
    _answer(qtbot, form, SECOND.title, "Not at all")
    type_into(qtbot, form.note_edit, "A steadier week")
    with qtbot.waitSignal(journal_session.record_saved, timeout=10000):
        _save(qtbot, form)
    assert ui.form() is None
    assert not ui.page.offer.isVisible()
    assert ui.controller.model.rowCount() == 2
    newest = journal_state.checkins()[0]
    assert newest.ratings == {FIRST.id: 3, SECOND.id: 0}  # a skipped item is missing, not 0
    assert newest.note == "A steadier week"
    journal_session.lock()
    stored = {c.id: c for c in _stored(data_paths)}
    assert len(stored) == 2 and stored[newest.id].ratings == {FIRST.id: 3, SECOND.id: 0}


def test_not_now_puts_the_offer_away(qtbot: QtBot, ui_for: Any) -> None:
    ui = ui_for()
    assert ui.page.offer.isVisible()
    click(qtbot, ui.page.offer_dismiss)
    assert not ui.page.offer.isVisible()
    assert ui.form() is None
    assert not ui.page.edit_button.isEnabled()  # nothing to view yet


def test_no_offer_once_this_week_is_done(ui_for: Any) -> None:
    ui = ui_for(_this_week())
    assert not ui.page.offer.isVisible()
    assert ui.page.edit_button.isEnabled()


def test_editing_a_past_check_in_keeps_its_identity(qtbot: QtBot, ui_for: Any,
                                                    journal_session: JournalSession,
                                                    data_paths: Any) -> None:
    older = _last_month()
    ui = ui_for(_this_week(), older)
    view = ui.page.checkin_list
    older_index = ui.controller.model.index(1, 0)
    view.setCurrentIndex(older_index)  # the second row: the older check-in
    click(qtbot, ui.page.edit_button)
    form = ui.form()
    assert form is not None
    assert form.day() == older.day
    assert form.note() == "Older"
    assert form.ratings() == {SECOND.id: 2}  # its answers, as given
    form.note_edit.selectAll()
    type_into(qtbot, form.note_edit, "Older, and seen again")
    with qtbot.waitSignal(journal_session.record_saved, timeout=10000) as saved:
        _save(qtbot, form)
    record = saved.args[0]
    assert record.id == older.id and record.note == "Older, and seen again"
    journal_session.lock()
    assert {c.id: c.note for c in _stored(data_paths)}[older.id] == "Older, and seen again"
    assert len(_stored(data_paths)) == 2


def test_cancel_saves_nothing_and_esc_does_not_throw_answers_away(
        qtbot: QtBot, ui_for: Any, journal_session: JournalSession,
        journal_state: JournalState) -> None:
    ui = ui_for()
    click(qtbot, ui.page.checkin_button)
    form = ui.form()
    assert form is not None
    _answer(qtbot, form, FIRST.title, "Very much")
    qtbot.keyClick(form.note_edit, Qt.Key.Key_Escape)
    assert ui.form() is form  # still open, still answered
    assert form.ratings() == {FIRST.id: 4}
    saved: list[object] = []
    journal_session.record_saved.connect(saved.append)
    click(qtbot, form.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    assert ui.form() is None
    journal_session.settle()
    assert saved == [] and journal_state.checkins() == []


def test_one_form_at_a_time(qtbot: QtBot, ui_for: Any) -> None:
    ui = ui_for()
    click(qtbot, ui.page.checkin_button)
    first = ui.form()
    ui.controller.open_checkin()  # the offer, or a second press, while the form is open
    assert [d for d in ui.window.findChildren(CheckInDialog) if d.isVisible()] == [first]


def test_locking_with_the_form_open_keeps_the_answers(qtbot: QtBot, ui_for: Any,
                                                      journal_session: JournalSession,
                                                      data_paths: Any) -> None:
    ui = ui_for()
    click(qtbot, ui.page.checkin_button)
    form = ui.form()
    assert form is not None
    _answer(qtbot, form, SECOND.title, "Somewhat")
    type_into(qtbot, form.note_edit, "half written")
    assert ui.controller.save_open_checkin() == []
    ui.controller.clear()
    assert ui.form() is None
    assert form.note() == ""  # the form was emptied before it closed
    assert not ui.page.offer.isVisible()
    journal_session.lock()
    (kept,) = _stored(data_paths)
    assert kept.ratings == {SECOND.id: 2} and kept.note == "half written"


def test_an_empty_form_at_lock_saves_nothing(qtbot: QtBot, ui_for: Any,
                                             journal_session: JournalSession,
                                             data_paths: Any) -> None:
    ui = ui_for()
    click(qtbot, ui.page.checkin_button)
    assert ui.controller.save_open_checkin() == []
    ui.controller.clear()
    journal_session.lock()
    assert _stored(data_paths) == []


def test_nothing_opens_while_locked(qtbot: QtBot, ui_for: Any,
                                    journal_session: JournalSession) -> None:
    ui = ui_for()
    journal_session.lock()  # the state is cleared with it
    assert ui.controller.model.rowCount() == 0
    click(qtbot, ui.page.checkin_button)
    assert ui.form() is None
