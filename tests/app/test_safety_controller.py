"""Safety on a shared computer without the main window: SafetyController over a real session and
a bare window — locking saves first and always finishes, closes every other window, clears the
journal's text from the clipboard; quick exit (Esc twice), idle, minimise and Ctrl+L from a
dialog all lock."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, make_vault, open_session
from unknot.app.preferences import Preferences
from unknot.app.safety.controller import SafetyController
from unknot.app.session import JournalSession
from unknot.app.widgets.quick_exit_button import QuickExitButton
from unknot.journal.vault import Vault
from vaults import sample_entries

SECRET = "the words only this journal holds"


class Safety:
    def __init__(self, qtbot: QtBot, qapp: QApplication, session: JournalSession,
                 prefs: Preferences) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.editor = QLineEdit(self.window)
        QVBoxLayout(self.window).addWidget(self.editor)
        self.lock_action = QAction("Lock", self.window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.window.addAction(self.lock_action)
        self.texts = [SECRET]
        self.controller = SafetyController(qapp, self.window, self.lock_action, session,
                                           prefs, lambda: list(self.texts))
        self.lock_action.triggered.connect(self.controller.lock)
        self.heard: list[str] = []
        self.problems: list[list[str]] = []
        self.controller.locked.connect(self.problems.append)
        self.controller.locked.connect(lambda _p: self.heard.append("locked"))
        self.controller.blanking.connect(lambda: self.heard.append("blanking"))
        self.controller.quit_requested.connect(lambda: self.heard.append("quit"))
        self.window.resize(500, 300)
        self.window.show()
        qtbot.waitExposed(self.window)


@pytest.fixture
def make_safety(qtbot: QtBot, qapp: QApplication, journal_session: JournalSession,
                data_paths: Any) -> Iterator[Any]:
    made: list[Safety] = []

    def build(**prefs: Any) -> Safety:
        make_vault(data_paths.vault).close()
        safety = Safety(qtbot, qapp, journal_session, Preferences(**prefs))
        open_session(qtbot, journal_session)
        made.append(safety)
        return safety

    yield build
    for safety in made:
        safety.controller.detach_from_app()


def _stored(data_paths: Any) -> list[Any]:
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        return vault.load().entries


def test_lock_saves_first_then_clears_then_drops_the_key(make_safety: Any,
                                                         journal_session: JournalSession,
                                                         data_paths: Any) -> None:
    safety = make_safety()
    (entry,) = sample_entries(1)
    order: list[str] = []

    def save() -> list[str]:
        order.append(f"save, unlocked={journal_session.is_unlocked}")
        journal_session.save_now(entry)
        return []

    safety.controller.add_saver(save)
    safety.controller.add_clearer(
        lambda: order.append(f"clear, unlocked={journal_session.is_unlocked}"))
    safety.controller.lock()
    assert order == ["save, unlocked=True", "clear, unlocked=True"]
    assert safety.problems == [[]]
    assert not journal_session.is_unlocked
    assert _stored(data_paths) == [entry]


def test_a_refused_last_save_still_locks_and_says_why(make_safety: Any,
                                                      journal_session: JournalSession) -> None:
    safety = make_safety()
    safety.controller.add_saver(lambda: ["The disk is full; nothing was saved."])
    cleared: list[None] = []
    safety.controller.add_clearer(lambda: cleared.append(None))
    safety.controller.lock()
    assert safety.problems == [["The disk is full; nothing was saved."]]
    assert cleared == [None] and not journal_session.is_unlocked


def test_locking_a_locked_journal_does_nothing_more(make_safety: Any,
                                                    journal_session: JournalSession) -> None:
    safety = make_safety()
    safety.controller.lock()
    saved: list[None] = []
    safety.controller.add_saver(lambda: saved.append(None) or [])
    safety.controller.lock()
    assert safety.heard == ["locked"] and saved == []


def test_lock_closes_every_other_window(qtbot: QtBot, make_safety: Any) -> None:
    safety = make_safety()
    shown = QWidget()
    qtbot.addWidget(shown)
    shown.show()
    dialog = QDialog(safety.window)
    dialog.show()
    hidden = QDialog(safety.window)
    hidden.show()
    hidden.hide()  # quick exit hides dialogs first; a hidden dialog still holds its text
    rejected: list[None] = []
    hidden.rejected.connect(lambda: rejected.append(None))
    safety.controller.lock()
    assert not shown.isVisible() and not dialog.isVisible()
    assert rejected == [None]
    assert safety.window.isVisible()


def test_lock_clears_the_journals_text_from_the_clipboard(make_safety: Any) -> None:
    safety = make_safety()
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("only this journal holds")  # a part of an entry, copied
    safety.controller.lock()
    assert clipboard.text() == ""


def test_esc_twice_blanks_locks_and_asks_to_quit(qtbot: QtBot, make_safety: Any,
                                                 journal_session: JournalSession) -> None:
    safety = make_safety()
    safety.editor.setFocus()
    qtbot.keyClick(safety.editor, Qt.Key.Key_Escape)
    assert safety.heard == []
    qtbot.keyClick(safety.editor, Qt.Key.Key_Escape)
    assert safety.heard == ["blanking", "locked", "quit"]
    assert not safety.window.isVisible()
    assert not journal_session.is_unlocked


def test_quick_exit_to_a_blank_screen_keeps_the_window(qtbot: QtBot, make_safety: Any,
                                                       journal_session: JournalSession) -> None:
    safety = make_safety(quick_exit_action="neutral", quick_exit_keys="shift-thrice")
    safety.editor.setFocus()
    qtbot.keyClick(safety.editor, Qt.Key.Key_Escape)
    qtbot.keyClick(safety.editor, Qt.Key.Key_Escape)
    assert safety.heard == []  # not this person's keys
    for _ in range(3):
        qtbot.keyClick(safety.editor, Qt.Key.Key_Shift)
    assert safety.heard == ["blanking", "locked", "blanking"]
    assert safety.window.isVisible() and not journal_session.is_unlocked


def test_idle_locks(qtbot: QtBot, make_safety: Any, journal_session: JournalSession) -> None:
    safety = make_safety(auto_lock_seconds=1)
    safety.controller.journal_opened()
    with qtbot.waitSignal(safety.controller.locked, timeout=10000):
        pass
    assert not journal_session.is_unlocked


def test_minimising_locks_when_chosen(qtbot: QtBot, make_safety: Any,
                                      journal_session: JournalSession) -> None:
    safety = make_safety(lock_on_minimise=True)
    with qtbot.waitSignal(safety.controller.locked, timeout=10000):
        safety.window.showMinimized()
    assert not journal_session.is_unlocked


def test_ctrl_l_locks_from_a_dialog_of_the_window(qtbot: QtBot, make_safety: Any,
                                                  journal_session: JournalSession) -> None:
    safety = make_safety()
    dialog = QDialog(safety.window)
    field = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(field)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: safety.lock_action in dialog.actions())
    qtbot.keyClick(field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert safety.heard == ["locked"]
    assert not journal_session.is_unlocked and not dialog.isVisible()


def test_every_dialog_gets_a_quick_exit_button(qtbot: QtBot, make_safety: Any) -> None:
    safety = make_safety()
    dialog = QDialog(safety.window)
    QVBoxLayout(dialog).addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog))
    dialog.show()
    qtbot.waitExposed(dialog)
    (button,) = dialog.findChildren(QuickExitButton)
    assert button.isVisible()
