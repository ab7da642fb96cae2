"""Copies made by a sync program, without the main window: SyncController over a real session on
a journal with a conflict copy beside it offers to bring the copy's entries in, asks for the
copy's passphrase, holds edits while merging, and says what it did."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, click, make_vault, open_session, when_modal
from unknot.app.session import JournalSession
from unknot.app.sync.controller import SyncController
from unknot.journal.vault import Vault
from vaults import sample_entries

WAIT = 15000
COPY_NAME = "notes.sync-conflict-20260301-101112-ABCDEFG.db"


class Sync:
    def __init__(self, qtbot: QtBot, session: JournalSession) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.window.resize(600, 400)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.held: list[None] = []
        self.controller = SyncController(session, self.window, lambda: self.held.append(None))

    def box(self) -> QMessageBox:
        box = self.controller.conflict_box
        assert box is not None and box.isVisible()
        return box

    def button(self, role: QMessageBox.ButtonRole) -> Any:
        box = self.box()
        (button,) = [b for b in box.buttons() if box.buttonRole(b) == role]
        return button

    def notices(self) -> list[str]:
        return [b.text() for b in self.window.findChildren(QMessageBox)
                if b.isVisible() and b is not self.controller.conflict_box]


@pytest.fixture
def sync(qtbot: QtBot, journal_session: JournalSession, data_paths: Any) -> Sync:
    mine, theirs = sample_entries(2)
    make_vault(data_paths.vault, records=[mine]).close()
    copy = data_paths.vault.with_name(COPY_NAME)
    shutil.copyfile(data_paths.vault, copy)  # what a sync program leaves beside the journal
    with Vault.open(copy, PASSPHRASE) as other:  # the other computer wrote one more entry
        other.save(theirs)
    ui = Sync(qtbot, journal_session)
    open_session(qtbot, journal_session)
    qtbot.waitUntil(lambda: ui.controller.conflict_box is not None, timeout=WAIT)
    return ui


def _answer_passphrase(text: str) -> None:
    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(text)
        dialog.accept()

    when_modal(answer, QInputDialog)


def test_the_offer_says_how_many_copies(sync: Sync) -> None:
    assert "1 copies made by a sync program" in sync.box().text()


def test_not_now_leaves_the_copy_where_it_is(qtbot: QtBot, sync: Sync,
                                             data_paths: Any) -> None:
    click(qtbot, sync.button(QMessageBox.ButtonRole.RejectRole))
    assert sync.held == []
    assert data_paths.vault.with_name(COPY_NAME).exists()


def test_bringing_entries_in_holds_edits_merges_and_says_so(
        qtbot: QtBot, sync: Sync, journal_session: JournalSession, data_paths: Any) -> None:
    _answer_passphrase(PASSPHRASE)
    with qtbot.waitSignal(journal_session.reloaded, timeout=WAIT) as reloaded:
        click(qtbot, sync.button(QMessageBox.ButtonRole.AcceptRole))
    assert sync.held == [None]  # the editor was saved and held before the merge
    assert len(reloaded.args[0].entries) == 2
    qtbot.waitUntil(lambda: sync.notices() != [])
    assert sync.notices()[0]  # the merge summary, in words
    copy = data_paths.vault.with_name(COPY_NAME)
    assert not copy.exists()
    assert (data_paths.vault.parent / "backups" / f"merged-{COPY_NAME}").exists()
    journal_session.lock()
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        assert len(vault.load().entries) == 2


def test_a_wrong_passphrase_for_the_copies_merges_nothing(
        qtbot: QtBot, sync: Sync, journal_session: JournalSession, data_paths: Any) -> None:
    _answer_passphrase("the passphrase of some other journal")
    with qtbot.waitSignal(journal_session.merged, timeout=WAIT) as merged:
        click(qtbot, sync.button(QMessageBox.ButtonRole.AcceptRole))
    words = merged.args[0]
    assert COPY_NAME in words and "passphrase" in words.lower()
    qtbot.waitUntil(lambda: sync.notices() != [])  # told, not silently dropped
    assert data_paths.vault.with_name(COPY_NAME).exists()
    journal_session.lock()
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        assert len(vault.load().entries) == 1


def test_cancelling_the_passphrase_question_holds_nothing(qtbot: QtBot, sync: Sync,
                                                          data_paths: Any) -> None:
    when_modal(lambda dialog: dialog.reject(), QInputDialog)  # type: ignore[attr-defined]
    click(qtbot, sync.button(QMessageBox.ButtonRole.AcceptRole))
    assert sync.held == []
    assert data_paths.vault.with_name(COPY_NAME).exists()
