"""The window's own behaviour: unlock messages, the recovery key, settings, deleting, the entry
model, and that every control can be reached and named."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, JournalPage, click, create_journal, type_into, unlock, wait_saved
from unknot.app.journal_pane.entry_model import EntryListModel
from unknot.app.state import JournalState
from unknot.journal import crypto
from unknot.journal.vault import FORMAT_VERSION, Vault
from vaults import sample_entries


def _when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> None:
    """Act on the next modal dialog as soon as it is shown."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, poll)
            return
        act(dialog)
    QTimer.singleShot(20, poll)


def _lock_and_edit_header(ctl, data_paths, change: str) -> None:  # type: ignore[no-untyped-def]
    ctl.lock()
    conn = sqlite3.connect(data_paths.vault)
    raw = conn.execute("SELECT header FROM vault_header").fetchone()[0]
    if change == "damage":
        conn.execute("UPDATE vault_header SET header = ?", (raw[:-3] + b"xyz",))
    else:
        fmt = FORMAT_VERSION + 1
        conn.execute("UPDATE vault_header SET format = ?, checksum = ?",
                     (fmt, crypto.header_checksum(fmt.to_bytes(8, "big", signed=True) + raw)))
    conn.commit()
    conn.close()


@pytest.mark.parametrize("change, words", [("damage", "damaged"), ("newer", "newer version")])
def test_unlock_tells_damage_and_newer_versions_apart(qtbot: QtBot, make_app, data_paths,
                                                      change: str, words: str) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    _lock_and_edit_header(ctl, data_paths, change)
    screen = ctl.window.lock_screen
    type_into(qtbot, screen.secret_edit, PASSPHRASE)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: words in screen.status_label.text(), timeout=10000)
    assert "passphrase does not open" not in screen.status_label.text()


def test_recovery_key_is_shown_once_and_opens_the_journal(qtbot: QtBot, make_app, data_paths,
                                                          monkeypatch) -> None:
    ctl = make_app()
    flow = ctl.window.setup_flow
    click(qtbot, flow.continue_button)
    click(qtbot, flow.suggest_button)
    suggestion = flow.passphrase_edit.text()
    assert len(suggestion.split()) == 6
    type_into(qtbot, flow.repeat_edit, suggestion)
    click(qtbot, flow.recovery_box)
    click(qtbot, flow.create_button)
    qtbot.waitUntil(lambda: flow.recovery_label.text() != "", timeout=10000)
    key = flow.recovery_label.text()
    assert len(key.split("-")) == 8
    assert not flow.start_button.isEnabled()
    click(qtbot, flow.copy_button)
    assert QApplication.clipboard().text() == key
    assert QApplication.clipboard().mimeData().data("x-kde-passwordManagerHint") == b"secret"
    click(qtbot, flow.written_box)
    click(qtbot, flow.start_button)
    assert ctl.window.is_journal_shown()
    assert flow.recovery_label.text() == ""
    assert QApplication.clipboard().text() == ""  # the copied key does not linger

    ctl.lock()
    screen = ctl.window.lock_screen
    click(qtbot, screen.recovery_button)
    new = "harbor quill meadow copper lantern violet"

    def choose(dialog: QWidget) -> None:
        from unknot.app.widgets.passphrase_choice import NewPassphraseDialog

        assert isinstance(dialog, NewPassphraseDialog)  # typed twice, under the policy
        type_into(qtbot, dialog.new_edit, new)
        type_into(qtbot, dialog.repeat_edit, new)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    _when_modal(qtbot, choose)
    type_into(qtbot, screen.secret_edit, key.lower())
    with qtbot.waitSignal(ctl.session.passphrase_changed, timeout=15000):
        qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    assert ctl.window.is_journal_shown()
    ctl.lock()
    with Vault.open(data_paths.vault, new) as vault:
        assert vault.has_recovery_key  # a new one, shown once


def test_weak_or_mismatched_passphrases_are_explained(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    flow = ctl.window.setup_flow
    click(qtbot, flow.continue_button)
    type_into(qtbot, flow.passphrase_edit, "sunshine1")
    type_into(qtbot, flow.repeat_edit, "sunshine1")
    click(qtbot, flow.create_button)
    assert "quick to guess" in flow.error_label.text()
    flow.passphrase_edit.clear()
    type_into(qtbot, flow.passphrase_edit, "meadow lantern copper violet harbor quill")
    click(qtbot, flow.create_button)
    assert "not the same" in flow.error_label.text()
    assert not ctl.session.vault_exists()


def test_settings_turn_on_discreet_mode(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    assert ctl.window.windowTitle() == "Unknot"

    def act(dialog: QWidget) -> None:
        box = next(b for b in dialog.findChildren(QCheckBox) if "Discreet" in b.text())
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    _when_modal(qtbot, act)
    ctl.window.settings_action.trigger()
    assert ctl.window.windowTitle() == "Notes"
    assert '"discreet_mode": true' in (data_paths.config / "preferences.json").read_text()


def test_delete_asks_first_then_removes(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "to be deleted")
    wait_saved(qtbot, ctl)

    def answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
        def act(dialog: QWidget) -> None:
            assert isinstance(dialog, QMessageBox)
            qtbot.mouseClick(dialog.button(button), Qt.MouseButton.LeftButton)
        return act

    _when_modal(qtbot, answer(QMessageBox.StandardButton.Cancel))
    click(qtbot, pane.delete_button)
    assert ctl.journal.model.rowCount() == 1
    _when_modal(qtbot, answer(QMessageBox.StandardButton.Yes))
    click(qtbot, pane.delete_button)
    assert ctl.journal.model.rowCount() == 0
    ctl.lock()
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        assert vault.load().entries == []


def test_entry_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    state = JournalState()
    model = EntryListModel(state)
    entries = sample_entries(20)
    state.open(entries[:10], [])
    qtmodeltester.check(model, force_py=True)
    for entry in entries[10:]:
        state.put_entry(entry)
    state.remove_entry(entries[3].id)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 19


def test_every_control_is_named_and_reachable_by_keyboard(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    kinds = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit)
    unnamed = []
    for widget in ctl.window.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisibleTo(ctl.window):
            continue
        if type(widget).__name__ in {"QTabBar", "QToolBarExtension"}:
            continue
        if not (widget.accessibleName() or getattr(widget, "text", lambda: "")()):
            unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
        assert widget.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(widget, QDialog)
    assert unnamed == []


def test_unlock_reopens_what_was_written(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "kept")
    wait_saved(qtbot, ctl)
    ctl.lock()
    unlock(qtbot, ctl)
    assert pane.body.toPlainText() == "kept"


def test_help_with_crisis_lines_opens_while_locked(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.lock()
    qtbot.keyClick(ctl.window.lock_screen.secret_edit, Qt.Key.Key_F1)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None and dialog.windowTitle() == "Help"
    from unknot.app.widgets.markdown_view import MarkdownView

    view = dialog.findChild(MarkdownView)
    assert "988" in view.toPlainText() and "0808 2000 247" in view.toPlainText()
    dialog.close()


def test_wide_window_shows_read_signs_and_journal_side_by_side(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    window = ctl.window
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: window.wide)
    assert window.splitter.count() == 3
    assert window.signs_pane.isVisible() and window.read_pane.isVisible()
    window.resize(800, 600)
    qtbot.waitUntil(lambda: not window.wide)
    assert window.splitter.count() == 2
    assert window.left_tabs.indexOf(window.signs_pane) >= 0
    window.read_pane.signs_requested.emit()
    assert window.left_tabs.currentWidget() is window.signs_pane


def test_lock_clears_text_copied_from_the_journal(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "a private sentence")
    qtbot.keyClick(pane.body, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pane.body, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "a private sentence"
    qtbot.keyClick(pane.body, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == ""


def test_text_copied_from_the_preview_is_cleared_on_lock(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    editor = JournalPage(ctl.window)
    click(qtbot, JournalPage(ctl.window).new_button)
    type_into(qtbot, editor.body, "**nobody** knows")
    editor.tabs.setCurrentIndex(1)
    editor.preview.selectAll()
    editor.preview.copy()
    assert "nobody" in QApplication.clipboard().text()
    ctl.lock()
    assert QApplication.clipboard().text() == ""


def test_lock_on_minimise_when_chosen(qtbot: QtBot, make_app) -> None:
    ctl = make_app(lock_on_minimise=True)
    create_journal(qtbot, ctl)
    ctl.window.showMinimized()
    qtbot.waitUntil(lambda: not ctl.session.is_unlocked, timeout=5000)
    assert ctl.window.pages.currentWidget() is ctl.window.lock_screen


def test_window_size_is_remembered_but_no_content(qtbot: QtBot, make_app, data_paths) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    ctl.window.resize(700, 520)
    ctl.window.close()
    state = (data_paths.cache / "window.ini").read_bytes()
    assert b"geometry" in state
    again = make_app()
    assert (again.window.width(), again.window.height()) == (700, 520)


@pytest.mark.parametrize("rotate", [False, True])
def test_passphrase_change_from_settings(qtbot: QtBot, make_app, data_paths,
                                         rotate: bool) -> None:
    from unknot.app.settings.passphrase_dialog import PassphraseDialog
    from unknot.app.settings.settings_dialog import SettingsDialog

    ctl = make_app()
    create_journal(qtbot, ctl)
    new = "quiet harbor violet lantern meadow copper"

    def in_passphrase_dialog(dialog: QWidget) -> None:
        assert isinstance(dialog, PassphraseDialog)
        words = dialog.explain_label.text()
        assert "new key" in words  # every change makes one
        assert ("stops working" in words) is rotate  # and rotation drops the recovery key
        type_into(qtbot, dialog.current_edit, PASSPHRASE)
        type_into(qtbot, dialog.new_edit, new)
        type_into(qtbot, dialog.repeat_edit, new)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    def in_settings(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        _when_modal_of(PassphraseDialog, in_passphrase_dialog)
        click(qtbot, dialog.rotate_button if rotate else dialog.change_button)
        click(qtbot, dialog.findChild(QDialogButtonBox).button(
            QDialogButtonBox.StandardButton.Cancel))

    def _when_modal_of(kind: type, act: Callable[[QWidget], None]) -> None:
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, kind):
                QTimer.singleShot(20, poll)
                return
            act(dialog)
        QTimer.singleShot(20, poll)

    _when_modal_of(SettingsDialog, in_settings)
    ctl.window.settings_action.trigger()
    qtbot.waitUntil(lambda: any(isinstance(w, QMessageBox) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=15000)
    ctl.lock()
    with Vault.open(data_paths.vault, new) as vault:
        assert vault.load().damaged == []
    with pytest.raises(Exception, match="Wrong passphrase"):
        Vault.open(data_paths.vault, PASSPHRASE)


def test_search_follows_edits_while_a_query_is_active(qtbot: QtBot, make_app) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "apples")
    wait_saved(qtbot, ctl)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "pears")
    wait_saved(qtbot, ctl)
    type_into(qtbot, pane.search, "plums")
    assert ctl.journal.proxy.rowCount() == 0
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body, "plums at last")
    wait_saved(qtbot, ctl)
    assert ctl.journal.proxy.rowCount() == 1
