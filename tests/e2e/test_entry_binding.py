"""The editor stays with the entry being written: the exact steps of the report, replayed against
the real window, and the same question asked of filters, the timeline, late saves and locking."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, JournalPage, type_into, unlock
from unknot.journal import journal as ops
from unknot.journal.localtime import now
from unknot.journal.model import Entry
from unknot.journal.vault import Vault

EARLIER = (
    ("Dinner", "I cancelled dinner with my sister again because he sulked.", ("isolated",)),
    ("Phone", "He checked my phone while I was in the shower.", ()),
    ("Sunday", "My sister called and I did not pick up.", ("isolated",)),
    ("Work", "A good day at work, nobody asked where I was.", ()),
)


def seed_journal(vault_path: Path) -> dict[str, str]:
    """A journal with four entries, two of which mention "sister"; returns title -> id."""
    created = ops.create_journal(vault_path, PASSPHRASE)
    ids = {}
    with created.journal as journal:
        for days, (title, body, signs) in enumerate(EARLIER, start=1):
            when = now() - timedelta(days=days)
            entry = Entry.new(when, title=title, body=body, signs=signs)
            ops.save(journal, entry)
            ids[title] = entry.id
    return ids


def open_seeded(qtbot: QtBot, make_app, data_paths):
    ids = seed_journal(data_paths.vault)
    ctl = make_app()
    unlock(qtbot, ctl)
    return ctl, ids


def saved_entries(vault_path: Path) -> dict[str, Entry]:
    with Vault.open(vault_path, PASSPHRASE, readonly=True) as vault:
        return {e.id: e for e in vault.load().entries}


def test_search_while_writing_keeps_the_new_entry(qtbot: QtBot, make_app, data_paths) -> None:
    ctl, ids = open_seeded(qtbot, make_app, data_paths)
    pane = JournalPage(ctl.window)
    editor = pane
    journal = ctl.journal
    assert journal is not None

    # Ctrl+N, type, Ctrl+F, type "sister" — exactly as in the report.
    qtbot.keyClick(ctl.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor.body, "Quiet evening, read a book.")
    qtbot.keyClick(editor.body, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.search.hasFocus()
    qtbot.keyClicks(pane.search, "sister")

    assert editor.body.toPlainText() == "Quiet evening, read a book."
    assert journal.open_entry_id is not None
    assert journal.open_entry_id not in ids.values()
    # The list shows the two matches and says where the open entry is.
    shown = {journal.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2)
             for r in range(journal.proxy.rowCount())}
    assert shown == {ids["Dinner"], ids["Sunday"]}
    assert pane.filter_note.text().endswith("showing 2 of 5 entries")
    assert pane.hidden_note.isVisible()
    assert "hidden by the filter" in pane.hidden_note.text()
    assert not pane.empty_note.isVisible()

    # Typing goes on into the new entry.
    editor.body.setFocus()
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body, " Then tea.")
    journal.flush(wait=True)
    ctl.session.settle()
    on_disk = saved_entries(data_paths.vault)
    assert on_disk[journal.open_entry_id].body == "Quiet evening, read a book. Then tea."
    for title, body, _signs in EARLIER:
        assert on_disk[ids[title]].body == body

    # Clearing the search shows the new entry again, selected.
    pane.search.clear()
    assert not pane.hidden_note.isVisible()
    current = pane.list_view.currentIndex()
    assert current.data(Qt.ItemDataRole.UserRole + 2) == journal.open_entry_id
    assert pane.list_view.selectionModel().isSelected(current)


def test_new_entry_is_selected_once_saved(qtbot: QtBot, make_app, data_paths) -> None:
    ctl, _ids = open_seeded(qtbot, make_app, data_paths)
    pane = JournalPage(ctl.window)
    journal = ctl.journal
    assert journal is not None
    qtbot.keyClick(ctl.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.body, "A new one")
    qtbot.waitUntil(lambda: pane.status.text() == "Saved · encrypted",
                    timeout=10000)
    current = pane.list_view.currentIndex()
    assert current.data(Qt.ItemDataRole.UserRole + 2) == journal.open_entry_id
    assert pane.list_view.selectionModel().isSelected(current)


def test_filters_and_the_timeline_never_move_the_editor(qtbot: QtBot, make_app,
                                                        data_paths) -> None:
    ctl, ids = open_seeded(qtbot, make_app, data_paths)
    pane = JournalPage(ctl.window)
    editor = pane
    journal = ctl.journal
    assert journal is not None
    # Open "Phone" from the list, then narrow the list so that it is hidden.
    row = next(r for r in range(journal.proxy.rowCount())
               if journal.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) == ids["Phone"])
    pane.list_view.setCurrentIndex(journal.proxy.index(row, 0))
    assert editor.body.toPlainText() == EARLIER[1][1]
    pane.sign_filter.setCurrentIndex(pane.sign_filter.findData("isolated"))
    assert journal.open_entry_id == ids["Phone"]
    assert editor.body.toPlainText() == EARLIER[1][1]
    assert pane.filter_note.text().endswith("showing 2 of 4 entries")
    assert pane.hidden_note.isVisible()
    today = now().date()
    journal.filter_to("isolated", today - timedelta(days=30), today)
    assert journal.open_entry_id == ids["Phone"]
    assert editor.body.toPlainText() == EARLIER[1][1]
    pane.date_filter.setCurrentIndex(1)  # past 7 days
    assert journal.open_entry_id == ids["Phone"]
    journal.clear_filters()
    assert not pane.hidden_note.isVisible()
    assert pane.list_view.currentIndex().data(Qt.ItemDataRole.UserRole + 2) == ids["Phone"]
    # A filter showing it selects it.
    type_into(qtbot, pane.search, "phone")
    assert pane.list_view.currentIndex().data(Qt.ItemDataRole.UserRole + 2) == ids["Phone"]
    assert not pane.hidden_note.isVisible()


def test_lock_and_unlock_do_not_write_into_another_entry(qtbot: QtBot, make_app,
                                                         data_paths) -> None:
    ctl, ids = open_seeded(qtbot, make_app, data_paths)
    pane = JournalPage(ctl.window)
    journal = ctl.journal
    assert journal is not None
    qtbot.keyClick(ctl.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(pane.body, "before the lock")
    type_into(qtbot, pane.search, "sister")
    new_id = journal.open_entry_id
    ctl.lock()
    unlock(qtbot, ctl)
    opened = journal.open_entry_id
    assert opened == new_id  # the entry open at the lock opens again
    assert pane.body.toPlainText() == "before the lock"
    # An older entry open at the lock opens again too (not merely the newest).
    older = next(i for i in ids.values() if i != new_id)
    row = next(r for r in range(journal.proxy.rowCount())
               if journal.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) == older)
    pane.list_view.setCurrentIndex(journal.proxy.index(row, 0))
    ctl.lock()
    unlock(qtbot, ctl)
    assert journal.open_entry_id == older
    unlock_text = pane.body.toPlainText()
    assert unlock_text == saved_entries(data_paths.vault)[older].body
    pane.list_view.setCurrentIndex(journal.proxy.mapFromSource(journal.model.index_of(new_id)))
    opened = journal.open_entry_id
    entries = saved_entries(data_paths.vault)
    assert entries[new_id].body == "before the lock"
    pane.body.moveCursor(pane.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(pane.body, "!")
    journal.flush(wait=True)
    after = saved_entries(data_paths.vault)
    assert after[opened].body == entries[opened].body + "!"
    for entry_id, entry in entries.items():
        if entry_id != opened:
            assert after[entry_id].body == entry.body
