"""Share (Ctrl+E) without the main window: ShareController over a JournalState and the vault
worker opens the summary dialog only while the journal is open, saves what is being written
first, offers exactly the journal's entries, and includes none until the person ticks them.
(Saving and showing a summary are covered through the whole window in tests/app/test_share.py.)"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from driving import click
from unknot.app.share.controller import ShareController
from unknot.app.share.summary_dialog import SummaryDialog
from unknot.app.state import JournalState
from unknot.app.vault_worker import VaultWorker
from unknot.journal.localtime import now
from unknot.journal.model import Entry


class Share:
    def __init__(self, qtbot: QtBot, worker: VaultWorker) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.window.resize(700, 600)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.state = JournalState()
        self.saved_first: list[int] = []
        self.controller = ShareController(self.state, worker, self.window,
                                          lambda: self.saved_first.append(len(self.dialogs())))

    def dialogs(self) -> list[SummaryDialog]:
        return [d for d in self.window.findChildren(SummaryDialog) if d.isVisible()]


@pytest.fixture
def share(qtbot: QtBot, vault_worker: VaultWorker) -> Share:
    return Share(qtbot, vault_worker)


def _recent(count: int) -> list[Entry]:
    return [Entry.new(now() - timedelta(days=n), title=f"Day {n}", body="words")
            for n in range(count)]


def test_nothing_opens_while_locked(share: Share) -> None:
    share.controller.open_dialog()
    assert share.dialogs() == [] and share.saved_first == []


def test_what_is_being_written_is_saved_before_the_dialog_opens(share: Share) -> None:
    share.state.open(_recent(2), [])
    share.controller.open_dialog()
    assert share.saved_first == [0]  # saved while no dialog was open yet
    assert len(share.dialogs()) == 1


def test_the_dialog_offers_the_journals_entries_and_ticks_none(qtbot: QtBot,
                                                               share: Share) -> None:
    entries = _recent(3)
    share.state.open(entries, [])
    share.controller.open_dialog()
    (dialog,) = share.dialogs()
    assert dialog.entry_list.count() == 3
    assert dialog.chosen_ids() == set()  # no entry is included unless ticked
    click(qtbot, dialog.tick_all)
    assert dialog.chosen_ids() == {e.id for e in entries}


def test_closing_the_dialog_deletes_it(qtbot: QtBot, share: Share) -> None:
    share.state.open(_recent(1), [])
    share.controller.open_dialog()
    (dialog,) = share.dialogs()
    with qtbot.waitSignal(dialog.destroyed):
        click(qtbot, dialog.close_button)
    assert share.dialogs() == []


def test_the_dialog_shows_what_the_state_holds_now(share: Share, qapp: Any) -> None:
    share.state.open(_recent(1), [])
    share.state.put_entry(Entry.new(now(), title="Just written", body="new"))
    share.controller.open_dialog()
    (dialog,) = share.dialogs()
    assert dialog.entry_list.count() == 2
