"""Import in the window (DESIGN §10): the dialog over a real session and vault chooses a file or
folder, tells or takes its format, imports on the worker and says in words what came in; a
second import adds nothing; a bad file imports nothing and says which entry; the whole window
offers Import… once the journal is open."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from driving import click, create_journal, make_vault, open_session
from unknot.app.journal_pane import import_dialog
from unknot.app.journal_pane.import_dialog import ImportDialog
from unknot.app.session import JournalSession
from unknot.app.state import JournalState

WAIT = 15000
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def dialog(qtbot: QtBot, journal_session: JournalSession,
           journal_state: JournalState) -> tuple[ImportDialog, list[None]]:
    make_vault(journal_session.vault_path).close()
    open_session(qtbot, journal_session)
    held: list[None] = []
    shown = ImportDialog(journal_session, lambda: held.append(None))
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    return shown, held


def _import(qtbot: QtBot, shown: ImportDialog, session: JournalSession, ok: bool = True) -> str:
    signal = session.imported if ok else session.import_failed
    with qtbot.waitSignal(signal, timeout=WAIT):
        click(qtbot, shown.import_button)
    assert not shown.busy and shown.import_button.isEnabled()
    return shown.status_label.text()


def test_day_one_export_imported_twice_adds_nothing_the_second_time(
        qtbot: QtBot, dialog: tuple[ImportDialog, list[None]],
        journal_session: JournalSession, journal_state: JournalState) -> None:
    shown, held = dialog
    assert not shown.import_button.isEnabled()  # nothing chosen yet
    shown.set_path(FIXTURES / "dayone-export")  # the format is told from the folder
    assert _import(qtbot, shown, journal_session).startswith(
        "3 entries added, 0 were already there.")
    assert held == [None]  # what was being written was saved and held first
    assert len(journal_state.entries()) == 3  # the state was read again
    assert _import(qtbot, shown, journal_session).startswith(
        "0 entries added, 3 were already there.")
    assert len(journal_state.entries()) == 3


def test_markdown_folder_with_the_format_chosen(
        qtbot: QtBot, dialog: tuple[ImportDialog, list[None]],
        journal_session: JournalSession, journal_state: JournalState) -> None:
    shown, _ = dialog
    shown.choose_format("markdown-folder")
    shown.set_path(FIXTURES / "markdown-notes")
    text = _import(qtbot, shown, journal_session)
    assert text.startswith("4 entries added, 0 were already there.")
    assert "#work and work → work" in text  # tags that became one are named
    titles = {e.title for e in journal_state.entries()}
    assert {"Morning pages", "A walk by the river"} <= titles


def test_a_bad_file_imports_nothing_and_says_which_entry(
        qtbot: QtBot, dialog: tuple[ImportDialog, list[None]],
        journal_session: JournalSession, journal_state: JournalState, tmp_path: Path) -> None:
    shown, _ = dialog
    document = json.loads((FIXTURES / "dayone-export" / "Journal.json").read_text())
    document["entries"][2]["creationDate"] = "someday"
    bad = tmp_path / "Journal.json"
    bad.write_text(json.dumps(document))
    shown.set_path(bad)
    text = _import(qtbot, shown, journal_session, ok=False)
    assert "Entry 3 (dated someday) is not valid" in text and "Nothing was imported" in text
    assert journal_state.entries() == []
    unknown = tmp_path / "notes.txt"
    unknown.write_text("just text")
    shown.set_path(unknown)
    assert "cannot tell what notes.txt is" in _import(qtbot, shown, journal_session, ok=False)


def test_the_chooser_is_the_portal_inside_a_flatpak(
        qtbot: QtBot, dialog: tuple[ImportDialog, list[None]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    shown, _ = dialog
    for flatpak in (False, True):
        monkeypatch.setattr(import_dialog, "in_flatpak", lambda flatpak=flatpak: flatpak)
        click(qtbot, shown.folder_button if flatpak else shown.file_button)
        chooser = shown.file_dialog
        assert isinstance(chooser, QFileDialog)
        # Qt's own dialog outside; the desktop's (the portal) inside a Flatpak.
        assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog) is not flatpak
        assert chooser.fileMode() == (QFileDialog.FileMode.Directory if flatpak
                                      else QFileDialog.FileMode.ExistingFile)
        chooser.reject()
    monkeypatch.undo()
    monkeypatch.setenv("FLATPAK_ID", "org.unknot.Unknot")
    assert import_dialog.in_flatpak()


def test_the_window_offers_import_once_the_journal_is_open(make_app: Any,
                                                           qtbot: QtBot) -> None:
    app = make_app()
    window = app.window
    assert not window.import_action.isEnabled()
    create_journal(qtbot, app)
    qtbot.waitUntil(window.import_action.isEnabled, timeout=WAIT)
    window.import_action.trigger()
    shown = window.findChild(ImportDialog)
    assert shown is not None and shown.isVisible()
    shown.reject()
