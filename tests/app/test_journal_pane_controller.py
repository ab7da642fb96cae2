"""The Journal pane without the main window: its view and JournalController over a real session
and a JournalState, typed into and clicked like a person — writing saves by itself, the list
follows, search and Show all, deleting asks first, a refused save keeps the text, and locking
leaves nothing in the pane."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from driving import (
    PASSPHRASE,
    JournalPage,
    click,
    make_vault,
    open_session,
    type_into,
    when_modal,
)
from unknot.app.journal_pane.controller import JournalController
from unknot.app.journal_pane.entry_model import IdRole
from unknot.app.journal_pane.journal_pane import JournalPane
from unknot.app.session import JournalSession
from unknot.app.state import JournalState
from unknot.journal.vault import Vault
from vaults import sample_entries

SAVED = "Saved · encrypted"


class Pane(JournalPage):
    """The pane on its own, found by name like the whole window's (tests/driving.py)."""

    def __init__(self, qtbot: QtBot, session: JournalSession, state: JournalState) -> None:
        view = JournalPane()
        super().__init__(view)
        qtbot.addWidget(view)
        self.controller = JournalController(view, session, state)
        view.resize(700, 900)
        view.show()
        qtbot.waitExposed(view)

    def listed(self) -> list[str]:
        model = self.rows
        return [model.index(row, 0).data(IdRole) for row in range(model.rowCount())]


@pytest.fixture
def pane_for(qtbot: QtBot, journal_session: JournalSession, journal_state: JournalState,
             data_paths: Any) -> Any:
    def build(count: int = 3) -> Pane:
        make_vault(data_paths.vault, records=sample_entries(count)).close()
        pane = Pane(qtbot, journal_session, journal_state)
        open_session(qtbot, journal_session)
        return pane

    return build


def _wait_saved(qtbot: QtBot, pane: Pane) -> None:
    qtbot.waitUntil(lambda: pane.status.text() == SAVED, timeout=10000)


def _stored(data_paths: Any) -> dict[str, Any]:
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        return {e.id: e for e in vault.load().entries}


def test_opening_lists_every_entry_and_shows_the_newest(pane_for: Any) -> None:
    pane = pane_for(3)
    newest = max(sample_entries(3), key=lambda e: e.created)
    assert len(pane.listed()) == 3
    assert pane.body.toPlainText().startswith("Body of entry")
    assert pane.title.text() == newest.title
    assert pane.new_button.isEnabled() and pane.search.isEnabled()


def test_a_new_entry_saves_itself_while_typing(qtbot: QtBot, pane_for: Any,
                                               journal_session: JournalSession,
                                               journal_state: JournalState,
                                               data_paths: Any) -> None:
    pane = pane_for(1)
    click(qtbot, pane.new_button)
    assert pane.body.toPlainText() == ""
    type_into(qtbot, pane.title, "Tuesday")
    type_into(qtbot, pane.body, "Wrote this without pressing save.")
    _wait_saved(qtbot, pane)
    assert len(pane.listed()) == 2
    (written,) = [e for e in journal_state.entries() if e.title == "Tuesday"]
    assert written.body == "Wrote this without pressing save."
    journal_session.lock()
    assert _stored(data_paths)[written.id].body == "Wrote this without pressing save."


def test_choosing_another_entry_in_the_list_shows_it(qtbot: QtBot, pane_for: Any,
                                                     journal_state: JournalState) -> None:
    pane = pane_for(3)
    view = pane.list_view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    shown = journal_state.entry(view.currentIndex().data(IdRole))
    assert shown is not None and pane.title.text() == shown.title
    assert pane.body.toPlainText() == shown.body


def test_search_narrows_the_list_and_show_all_brings_it_back(qtbot: QtBot, pane_for: Any,
                                                             journal_state: JournalState
                                                             ) -> None:
    pane = pane_for(4)
    (wanted,) = [e.id for e in journal_state.entries() if e.title == "Entry 1"]
    pane.list_view.setFocus()
    qtbot.keyClick(pane.list_view, Qt.Key.Key_End)  # open Entry 0, the oldest
    type_into(qtbot, pane.search, "paragraph 1")
    assert wanted in pane.listed()
    assert len(pane.listed()) < 4
    assert pane.filter_note.isVisible()
    assert "of 4" in pane.filter_note.text()
    click(qtbot, pane.clear_filter_button)
    assert len(pane.listed()) == 4
    assert pane.search.text() == ""
    assert not pane.filter_note.isVisible()


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.Yes,
                                    QMessageBox.StandardButton.Cancel])
def test_delete_asks_first(qtbot: QtBot, pane_for: Any, journal_session: JournalSession,
                           journal_state: JournalState, data_paths: Any,
                           answer: QMessageBox.StandardButton) -> None:
    pane = pane_for(2)
    shown = next(e for e in journal_state.entries()
                 if e.title == pane.title.text())

    def reply(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(answer).click()

    when_modal(reply, QMessageBox)
    click(qtbot, pane.delete_button)  # returns once the question was answered
    journal_session.settle()
    deleted = answer == QMessageBox.StandardButton.Yes
    assert (shown.id in pane.listed()) is not deleted
    assert (journal_state.entry(shown.id) is None) is deleted
    journal_session.lock()
    assert (shown.id in _stored(data_paths)) is not deleted


def test_a_refused_save_keeps_the_text_and_says_so(qtbot: QtBot, pane_for: Any,
                                                   journal_session: JournalSession,
                                                   journal_state: JournalState) -> None:
    pane = pane_for(1)
    journal_session.locked.disconnect(journal_state.clear)  # the state stays open, here
    journal_session.lock()  # the vault goes away under the pane: every save is refused
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "kept although the disk said no")
    qtbot.waitUntil(lambda: pane.status.text().startswith("Not saved yet"),
                    timeout=10000)
    assert pane.body.toPlainText() == "kept although the disk said no"
    assert any(e.body == "kept although the disk said no" for e in journal_state.entries())


def test_locking_leaves_nothing_in_the_pane(qtbot: QtBot, pane_for: Any,
                                            journal_session: JournalSession,
                                            journal_state: JournalState) -> None:
    pane = pane_for(3)
    type_into(qtbot, pane.search, "entry")
    type_into(qtbot, pane.body, " and more")
    assert pane.controller.flush(wait=True) == []  # as the lock does: save, then clear
    journal_state.clear()
    pane.controller.clear()
    journal_session.lock()
    assert pane.listed() == []
    assert pane.body.toPlainText() == "" and pane.title.text() == ""
    assert pane.search.text() == ""
    assert not pane.body.document().isUndoAvailable()
    assert not pane.new_button.isEnabled()
    assert pane.controller.editor_text() == ""


def test_damaged_records_are_reported_when_the_journal_opens(qtbot: QtBot,
                                                             journal_session: JournalSession
                                                             ) -> None:
    state = JournalState()
    pane = Pane(qtbot, journal_session, state)
    with qtbot.waitSignal(pane.controller.damaged_records) as damaged:
        state.open(sample_entries(1), [], damaged=["d" * 32])
    assert damaged.args == [["d" * 32]]
