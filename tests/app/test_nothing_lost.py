"""Nothing a person writes is lost or misfiled, and nothing private lingers — the edge cases:
filters that change under an open entry, a disk that refuses a save, a check-in open while the
journal locks, quick exit in the middle of things."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QRadioButton
from pytestqt.qtbot import QtBot

from driving import (
    PASSPHRASE,
    JournalPage,
    TimelinePage,
    click,
    create_journal,
    type_into,
    wait_saved,
    write_entry,
)
from unknot.app.checkin.checkin_dialog import CheckInDialog
from unknot.journal.errors import StorageError
from unknot.journal.vault import Vault


def _entries(data_paths) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        return {e.title: e.body for e in vault.load().entries}


def test_editing_an_entry_out_of_the_filter_keeps_it_open(qtbot: QtBot, make_app,
                                                         data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    write_entry(qtbot, ctl, "first", "one", "isolated")
    write_entry(qtbot, ctl, "second", "two", "isolated")
    pane = JournalPage(ctl.window)
    pane.sign_filter.setCurrentIndex(pane.sign_filter.findData("isolated"))
    assert ctl.journal.proxy.rowCount() == 2
    pane.list_view.setCurrentIndex(ctl.journal.proxy.index(0, 0))
    assert pane.title.text() == "second"
    click(qtbot, pane.sign_box("isolated"))  # no longer matches the filter
    wait_saved(qtbot, ctl)
    type_into(qtbot, pane.body, " MORE")
    wait_saved(qtbot, ctl)
    assert pane.title.text() == "second"
    ctl.lock()
    assert _entries(data_paths) == {"first": "one", "second": "two MORE"}


def test_a_refused_save_is_kept_and_tried_again(qtbot: QtBot, make_app, data_paths,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    original = Vault.save_many
    refuse = {"on": True}

    def flaky(self, records, action="save"):  # type: ignore[no-untyped-def]
        if refuse["on"]:
            raise StorageError("Could not save the entry: the disk is full. Nothing was changed.")
        return original(self, records, action)

    monkeypatch.setattr(Vault, "save_many", flaky)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.title, "A")
    type_into(qtbot, pane.body, "written while the disk was full")
    qtbot.waitUntil(lambda: "Not saved yet" in pane.status.text(), timeout=5000)
    click(qtbot, pane.new_button)  # move on to another entry
    refuse["on"] = False
    type_into(qtbot, pane.title, "B")
    wait_saved(qtbot, ctl)
    ctl.lock()
    assert _entries(data_paths) == {"A": "written while the disk was full", "B": ""}


def test_a_refused_save_at_lock_still_locks_and_says_so(qtbot: QtBot, make_app,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    monkeypatch.setattr(Vault, "save_many", lambda *a, **k: (_ for _ in ()).throw(
        StorageError("Could not save the entry: the disk is full. Nothing was changed.")))
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "last words")
    # Quick exit does not quit with words the disk refused: it stays on the blank screen and
    # says so (tests/e2e/test_journal_flow.py follows the words to the disk).
    with qtbot.assertNotEmitted(ctl.quit_requested):
        qtbot.keyClick(pane.body, Qt.Key.Key_Escape)
        qtbot.keyClick(pane.body, Qt.Key.Key_Escape)
    assert not ctl.session.is_unlocked
    assert pane.body.toPlainText() == ""
    assert "could not be saved" in ctl.window.lock_screen.status_label.text()
    assert "could not be saved" in ctl.window.neutral_page.text()


def test_a_save_refused_while_locking_is_saved_by_the_lock(qtbot: QtBot, make_app, data_paths,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A search moves the list, which saves the draft in the background; the person locks
    before that save reports back, and the disk refuses it once. The lock waits for the
    report and saves the draft again, so the words are on disk when the journal is locked."""
    ctl = make_app()
    create_journal(qtbot, ctl)
    write_entry(qtbot, ctl, "kept", "first words")
    original = Vault.save_many
    refusals = {"left": 0}

    def refuse_once(self, records, action="save"):  # type: ignore[no-untyped-def]
        if refusals["left"]:
            refusals["left"] -= 1
            raise StorageError("Could not save the entry: the disk is full. Nothing was changed.")
        return original(self, records, action)

    monkeypatch.setattr(Vault, "save_many", refuse_once)
    pane = JournalPage(ctl.window)
    type_into(qtbot, pane.body, " and the rest")
    refusals["left"] = 1
    type_into(qtbot, pane.search, "z")
    qtbot.keyClick(pane.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not ctl.session.is_unlocked
    assert refusals["left"] == 0  # the background save was refused
    assert _entries(data_paths) == {"kept": "first words and the rest"}
    assert "could not be saved" not in ctl.window.lock_screen.status_label.text()


def test_check_in_answers_survive_esc_and_lock(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.window.timeline_action.trigger()
    seen: list[CheckInDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CheckInDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        radios = {r.accessibleName(): r for r in dialog.findChildren(QRadioButton)}
        click(qtbot, radios["Losing your sense of self: Somewhat"])
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # must not throw the answer away
        assert dialog.isVisible()
        ctl.lock()

    QTimer.singleShot(20, answer)
    click(qtbot, TimelinePage(ctl.window).checkin_button)
    qtbot.waitUntil(lambda: bool(seen) and not ctl.session.is_unlocked, timeout=5000)
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        (checkin,) = vault.load().checkins
    assert checkin.ratings == {"lost-identity": 2}


def test_recovery_key_cannot_be_undone_back_into_the_field(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.lock()
    screen = ctl.window.lock_screen
    click(qtbot, screen.recovery_button)
    type_into(qtbot, screen.secret_edit, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567")
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not open" in screen.status_label.text(), timeout=5000)
    screen.secret_edit.setFocus()
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert screen.secret_edit.text() == ""


def test_quick_exit_while_unlocking_keeps_the_journal_closed(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.lock()
    ctl.prefs.quick_exit_action = "neutral"
    screen = ctl.window.lock_screen
    type_into(qtbot, screen.secret_edit, PASSPHRASE)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)  # the key is being derived...
    click(qtbot, ctl.window.quick_exit_button)               # ...and the person leaves
    qtbot.wait(1500)
    assert not ctl.session.is_unlocked
    assert ctl.window.pages.currentWidget() is ctl.window.neutral_page
    assert not ctl.window.toolbar.isVisible()
    qtbot.keyClick(ctl.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert ctl.window.pages.currentWidget() is screen
    assert ctl.window.toolbar.isVisible()


def test_write_about_this_saves_nothing_until_something_is_written(qtbot: QtBot, make_app,
                                                                   data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.window.show_signs()
    click(qtbot, ctl.window.signs_pane.write_buttons("isolated")[0])
    qtbot.wait(1200)
    click(qtbot, JournalPage(ctl.window).new_button)
    ctl.lock()
    assert _entries(data_paths) == {}


def _when_modal(act: Callable[[object], None]) -> None:
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        act(dialog)
    QTimer.singleShot(20, poll)
