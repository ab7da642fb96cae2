"""A person's whole session: create, write, find, edit, lock, unlock, and see it again."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, JournalPage, click, create_journal, type_into, unlock, wait_saved
from unknot.journal.vault import Vault


def test_write_find_edit_lock_unlock(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    window = ctl.window
    assert window.pages.currentWidget() is window.setup_flow
    create_journal(qtbot, ctl)
    pane = JournalPage(window)
    editor = pane

    click(qtbot, pane.new_button)
    type_into(qtbot, editor.title, "After the call")
    type_into(qtbot, editor.body, "I felt small again when he laughed at my plan.")
    click(qtbot, editor.sign_box("never-good-enough"))
    click(qtbot, editor.sign_box("isolated"))
    editor.mood.setFocus()
    qtbot.keyClick(editor.mood, Qt.Key.Key_Down)  # "Very low (-2)"
    qtbot.keyClick(editor.mood, Qt.Key.Key_Down)  # "Low (-1)"
    wait_saved(qtbot, ctl)

    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        (saved,) = vault.load().entries
    assert saved.title == "After the call"
    assert saved.signs == ("never-good-enough", "isolated")
    assert saved.mood == -1

    # Find it by search.
    type_into(qtbot, pane.search, "LAUGHED")
    assert ctl.journal.proxy.rowCount() == 1
    pane.search.clear()
    type_into(qtbot, pane.search, "nothing like this")
    assert ctl.journal.proxy.rowCount() == 0
    pane.search.clear()

    # Edit it.
    index = ctl.journal.proxy.index(0, 0)
    pane.list_view.setCurrentIndex(index)
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    type_into(qtbot, editor.body, " Then I called Maya.")
    wait_saved(qtbot, ctl)

    # Lock with Ctrl+L: nothing of the entry is left in the window.
    qtbot.keyClick(editor.body, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.lock_screen
    assert editor.body.toPlainText() == ""
    assert not editor.body.document().isUndoAvailable()
    assert editor.title.text() == ""
    assert ctl.journal.model.rowCount() == 0
    assert pane.search.text() == ""

    # Unlock and see it again, edited.
    unlock(qtbot, ctl)
    assert ctl.journal.model.rowCount() == 1
    assert editor.body.toPlainText() == (
        "I felt small again when he laughed at my plan. Then I called Maya.")
    assert editor.sign_box("isolated").isChecked()


def test_wrong_passphrase_says_so(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.lock()
    screen = ctl.window.lock_screen
    type_into(qtbot, screen.secret_edit, "not it")
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "does not open" in screen.status_label.text(), timeout=10000)
    assert ctl.window.pages.currentWidget() is screen


def test_write_about_this_tags_the_sign(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    window = ctl.window
    window.left_tabs.setCurrentWidget(window.signs_pane)
    card_button = window.signs_pane.write_buttons("lost-identity")[0]
    click(qtbot, card_button)
    editor = JournalPage(window)
    assert editor.sign_box("lost-identity").isChecked()
    assert editor.prompt.text()
    type_into(qtbot, editor.body, "I used to paint on Sundays.")
    wait_saved(qtbot, ctl)
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        (saved,) = vault.load().entries
    assert saved.signs == ("lost-identity",)
    assert saved.body == "I used to paint on Sundays."
    assert saved.prompt and saved.prompt == editor.prompt.text()  # kept with the entry
    prompt = saved.prompt
    ctl.lock()
    unlock(qtbot, ctl)
    assert editor.prompt.text() == prompt and editor.prompt.isVisibleTo(editor.editor)


def test_quick_exit_while_typing_loses_nothing(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    editor = JournalPage(ctl.window)
    click(qtbot, JournalPage(ctl.window).new_button)
    text = "Every character counts, even the last one!"
    with qtbot.waitSignal(ctl.quit_requested, timeout=5000):
        type_into(qtbot, editor.body, text)
        qtbot.keyClick(editor.body, Qt.Key.Key_Escape)
        qtbot.keyClick(editor.body, Qt.Key.Key_Escape)
    assert not ctl.window.isVisible()
    assert not ctl.session.is_unlocked
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        (saved,) = vault.load().entries
    assert saved.body == text


def test_quick_exit_button(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    with qtbot.waitSignal(ctl.quit_requested, timeout=5000):
        click(qtbot, ctl.window.quick_exit_button)
    assert not ctl.window.isVisible()


def test_auto_lock_after_idle_leaves_no_entry_text(qtbot: QtBot, make_app) -> None:
    ctl = make_app(auto_lock_seconds=1)
    create_journal(qtbot, ctl)
    editor = JournalPage(ctl.window)
    click(qtbot, JournalPage(ctl.window).new_button)
    secret = "Idle-canary-text 42"
    type_into(qtbot, editor.body, secret)
    qtbot.waitUntil(lambda: ctl.window.pages.currentWidget() is ctl.window.lock_screen,
                    timeout=5000)
    for widget in QApplication.allWidgets():
        for getter in ("toPlainText", "text", "toHtml", "placeholderText"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    shown = value()
                except TypeError:
                    continue
                assert secret not in str(shown), type(widget).__name__
    assert secret not in ctl.window.windowTitle()


def test_conflict_copy_beside_the_vault_is_offered_and_merged(qtbot: QtBot, make_app,
                                                              data_paths, monkeypatch) -> None:
    import shutil
    from datetime import timedelta

    from PySide6.QtWidgets import QMessageBox

    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "written on this computer")
    wait_saved(qtbot, ctl)
    ctl.lock()
    copy = data_paths.vault.with_name("notes.sync-conflict-20260301-101112-ABCDEFG.db")
    shutil.copyfile(data_paths.vault, copy)
    with Vault.open(copy, PASSPHRASE) as other:
        (entry,) = other.load().entries
        other.save(entry.edited(entry.updated + timedelta(minutes=5),
                                body="written on this computer, and more on the laptop"))
    unlock(qtbot, ctl)
    qtbot.waitUntil(lambda: ctl.sync.conflict_box is not None and ctl.sync.conflict_box.isVisible())
    monkeypatch.setattr("PySide6.QtWidgets.QInputDialog.getText",
                        lambda *a, **k: (PASSPHRASE, True))
    bring = next(b for b in ctl.sync.conflict_box.buttons()
                 if ctl.sync.conflict_box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    click(qtbot, bring)
    qtbot.waitUntil(lambda: pane.body.toPlainText().endswith("on the laptop"),
                    timeout=10000)
    assert not copy.exists()
    assert (data_paths.vault.parent / "backups" / f"merged-{copy.name}").exists()


def test_a_file_that_is_not_a_journal_is_not_called_damaged(qtbot: QtBot, make_app,
                                                             data_paths) -> None:
    import os

    data_paths.data.mkdir(parents=True)
    stranger = os.urandom(64 * 1024)
    data_paths.vault.write_bytes(stranger)
    ctl = make_app()
    screen = ctl.window.lock_screen
    assert ctl.window.pages.currentWidget() is screen
    type_into(qtbot, screen.secret_edit, PASSPHRASE)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "not an Unknot journal" in screen.status_label.text(),
                    timeout=10000)
    assert "damaged" not in screen.status_label.text()
    assert data_paths.vault.read_bytes() == stranger  # left as it was


FULL = "Could not save the entry: the disk is full. Nothing was changed."


def _fill_the_disk(monkeypatch) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """Every save is refused while refuse["on"], as a full disk refuses it."""
    from unknot.journal.errors import StorageError

    original = Vault.save_many
    refuse = {"on": True}

    def full(self, records, action="save"):  # type: ignore[no-untyped-def]
        if refuse["on"]:
            raise StorageError(FULL)
        return original(self, records, action)

    monkeypatch.setattr(Vault, "save_many", full)
    return refuse


def test_a_full_disk_shows_one_calm_notice(qtbot: QtBot, make_app, data_paths, monkeypatch,
                                           tmp_path) -> None:
    import os
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    boxes: list[object] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or 0)
    monkeypatch.setattr(QMessageBox, "open", lambda self, *a: boxes.append(self))
    refuse = _fill_the_disk(monkeypatch)
    width = pane.editor.width()
    click(qtbot, pane.new_button)
    sizes: list[list[int]] = []
    for word in ("One ", "word ", "at ", "a ", "time."):
        type_into(qtbot, pane.body, word)
        qtbot.waitUntil(lambda: pane.save_notice.isVisible(), timeout=5000)
        ctl.journal.flush()
        ctl.session.settle()
        sizes.append(pane.splitter.sizes())
        assert pane.editor.width() == width  # the status line never widens the editor
    assert FULL in pane.save_notice.text()
    assert pane.status.text().startswith("Not saved yet")
    assert not boxes  # no box per keystroke, nor one at all
    assert all(s == sizes[0] for s in sizes)  # the notice came once and stays put
    shot = Path(os.environ.get("UNKNOT_SCREENSHOTS", tmp_path)) / "full-disk-notice.png"
    ctl.window.grab().save(str(shot))
    refuse["on"] = False
    type_into(qtbot, pane.body, "!")
    wait_saved(qtbot, ctl)
    assert not pane.save_notice.isVisible()  # gone once saving works again
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        (saved,) = vault.load().entries
    assert saved.body == "One word at a time.!"


def test_quick_exit_on_a_full_disk_says_so_and_keeps_the_words(qtbot: QtBot, make_app,
                                                               data_paths, monkeypatch,
                                                               tmp_path) -> None:
    import os
    from pathlib import Path

    ctl = make_app()  # quick exit quits (the default): with words held back it stays, blank
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    refuse = _fill_the_disk(monkeypatch)
    click(qtbot, pane.new_button)
    secret = "words the disk refused"
    type_into(qtbot, pane.body, secret)
    quits: list[bool] = []
    ctl.quit_requested.connect(lambda: quits.append(True))
    click(qtbot, ctl.window.quick_exit_button)
    assert not ctl.session.is_unlocked
    assert not quits  # quitting would drop them in silence
    assert ctl.window.isVisible() and ctl.window.is_neutral_shown()
    blank = ctl.window.neutral_page.text()
    assert "could not be saved" in blank and "the disk is full" in blank
    assert secret not in blank and "Unknot" not in blank and "journal" not in blank.lower()
    shot = Path(os.environ.get("UNKNOT_SCREENSHOTS", tmp_path)) / "quick-exit-full-disk.png"
    ctl.window.grab().save(str(shot))
    qtbot.keyClick(ctl.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    screen = ctl.window.lock_screen
    assert ctl.window.pages.currentWidget() is screen
    assert "kept until you unlock" in screen.status_label.text()
    refuse["on"] = False  # space was made
    unlock(qtbot, ctl)
    ctl.session.settle()
    qtbot.waitUntil(lambda: not ctl.journal.held_back(), timeout=5000)
    ctl.lock()
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        (saved,) = vault.load().entries
    assert saved.body == secret


def test_a_read_only_folder_is_noticed_at_unlock(qtbot: QtBot, make_app, data_paths) -> None:
    import os
    import subprocess

    import pytest

    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.lock()
    folder = data_paths.data
    if os.geteuid() != 0:
        folder.chmod(0o500)
    # Root ignores permission bits: chattr +i makes the folder read-only for root too.
    elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        unlock(qtbot, ctl)
        notice = JournalPage(ctl.window).save_notice
        assert notice.isVisible()
        assert "read-only" in notice.text()
    finally:
        if os.geteuid() != 0:
            folder.chmod(0o700)
        else:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
