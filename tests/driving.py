"""Driving the real window the way a person does: clicks and keys through qtbot."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QWidget
from pytestqt.qtbot import QtBot

from unknot.app.controller import AppController
from unknot.app.session import JournalSession
from vaults import PASSPHRASE as PASSPHRASE  # the one test passphrase (tests/vaults.py)
from vaults import make_vault as make_vault  # the one vault builder


def click(qtbot: QtBot, widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName() or widget
    if isinstance(widget, QCheckBox):  # a check box only answers on its box and its label
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(8, widget.height() // 2))
        return
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def create_journal(qtbot: QtBot, ctl: AppController, passphrase: str = PASSPHRASE) -> None:
    flow = ctl.window.setup_flow
    click(qtbot, flow.continue_button)
    type_into(qtbot, flow.passphrase_edit, passphrase)
    type_into(qtbot, flow.repeat_edit, passphrase)
    click(qtbot, flow.create_button)
    qtbot.waitUntil(lambda: ctl.window.is_journal_shown(), timeout=15000)


def unlock(qtbot: QtBot, ctl: AppController, passphrase: str = PASSPHRASE) -> None:
    screen = ctl.window.lock_screen
    type_into(qtbot, screen.secret_edit, passphrase)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ctl.window.is_journal_shown(), timeout=15000)


def wait_saved(qtbot: QtBot, ctl: AppController) -> None:
    status = ctl.window.journal_pane.editor.status_label
    qtbot.waitUntil(lambda: status.text() == "Saved · encrypted", timeout=10000)


def write_entry(qtbot: QtBot, ctl: AppController, title: str, body: str,
                sign: str | None = None) -> None:
    """A new entry with a title, a body and optionally one sign, saved."""
    pane = ctl.window.journal_pane
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.editor.title_edit, title)
    type_into(qtbot, pane.editor.body_edit, body)
    if sign:
        click(qtbot, pane.editor.sign_boxes[sign])
    wait_saved(qtbot, ctl)


def open_session(qtbot: QtBot, session: JournalSession, passphrase: str = PASSPHRASE) -> None:
    """Unlock a JournalSession built without the window (see the journal_session fixture)."""
    with qtbot.waitSignal(session.unlocked, timeout=15000):
        session.unlock(passphrase=passphrase)


def when_modal(act: Callable[[QWidget], None], kind: type[QWidget] = QWidget) -> None:
    """Act on the next modal dialog of type `kind` as soon as it shows (for dialogs run with
    exec(), which return only when closed)."""
    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, poll)
            return
        act(dialog)
    QTimer.singleShot(20, poll)
