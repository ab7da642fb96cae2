"""Getting in, without the main window: the first-run flow and the lock screen with
UnlockController over a real session, typed into and clicked like a person."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, click, make_vault, type_into, when_modal
from unknot.app.session import JournalSession
from unknot.app.unlock.controller import UnlockController
from unknot.app.unlock.lock_screen import LockScreen
from unknot.app.unlock.setup_flow import SetupFlow
from unknot.app.widgets.lazy_page import LazyPage
from unknot.app.widgets.passphrase_choice import NewPassphraseDialog
from unknot.app.widgets.recovery_key_dialog import RecoveryKeyDialog
from unknot.journal.errors import WrongPassphraseError
from unknot.journal.vault import Vault

WAIT = 15000
NEW_PASSPHRASE = "harbor quill meadow copper lantern violet"


class Screens:
    """The lock screen and the first-run flow in a bare window, with their controller."""

    def __init__(self, qtbot: QtBot, session: JournalSession) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.pages = QStackedWidget(self.window)
        self.lock_screen = LockScreen(self.window)
        self.setup: LazyPage[SetupFlow] = LazyPage(lambda: SetupFlow(self.window))
        self.pages.addWidget(self.lock_screen)
        QVBoxLayout(self.window).addWidget(self.pages)
        self.copied: list[str] = []
        self.controller = UnlockController(self.lock_screen, self.setup, session,
                                           self.window, self.copied.append)
        self.setup_flow = self.setup.get()  # first run's pages, wired when they are built
        self.pages.addWidget(self.setup_flow)
        self.pages.setCurrentWidget(self.setup_flow)  # first run shows first
        self.ready: list[None] = []
        self.controller.journal_ready.connect(lambda: self.ready.append(None))
        self.discreet: list[bool] = []
        self.controller.discreet_chosen.connect(self.discreet.append)
        self.window.resize(800, 700)
        self.window.show()
        qtbot.waitExposed(self.window)


@pytest.fixture
def screens(qtbot: QtBot, journal_session: JournalSession) -> Screens:
    return Screens(qtbot, journal_session)


def _choose(qtbot: QtBot, flow: SetupFlow, passphrase: str, *, recovery: bool,
            discreet: bool = False) -> None:
    if discreet:
        click(qtbot, flow.discreet_box)
    click(qtbot, flow.continue_button)
    type_into(qtbot, flow.passphrase_edit, passphrase)
    type_into(qtbot, flow.repeat_edit, passphrase)
    if recovery:
        click(qtbot, flow.recovery_box)
    click(qtbot, flow.create_button)


def test_first_run_with_a_recovery_key_shows_it_before_the_journal(
        qtbot: QtBot, screens: Screens, journal_session: JournalSession,
        data_paths: Any) -> None:
    screens.pages.setCurrentWidget(screens.setup_flow)
    flow = screens.setup_flow
    _choose(qtbot, flow, PASSPHRASE, recovery=True, discreet=True)
    qtbot.waitUntil(lambda: flow.recovery_label.text() != "", timeout=WAIT)
    assert screens.discreet == [True]
    assert journal_session.is_unlocked
    assert screens.ready == []  # not before the key was confirmed
    key = flow.recovery_label.text()
    assert flow.passphrase_edit.text() == "" and flow.repeat_edit.text() == ""
    click(qtbot, flow.copy_button)
    assert screens.copied == [key]  # copied through the clipboard guard, marked sensitive
    assert not flow.start_button.isEnabled()
    click(qtbot, flow.written_box)
    click(qtbot, flow.start_button)
    assert screens.ready == [None]
    assert flow.recovery_label.text() == ""
    journal_session.lock()
    Vault.open(data_paths.vault, recovery_key=key).close()


def test_first_run_without_a_recovery_key_goes_straight_in(qtbot: QtBot, screens: Screens,
                                                           journal_session: JournalSession
                                                           ) -> None:
    _choose(qtbot, screens.setup_flow, PASSPHRASE, recovery=False)
    qtbot.waitUntil(lambda: screens.ready != [], timeout=WAIT)
    assert screens.discreet == [False]
    assert journal_session.is_unlocked
    assert screens.setup_flow.recovery_label.text() == ""


def test_first_run_without_a_recovery_key_says_ready_once(qtbot: QtBot, screens: Screens,
                                                          journal_session: JournalSession
                                                          ) -> None:
    _choose(qtbot, screens.setup_flow, PASSPHRASE, recovery=False)
    qtbot.waitUntil(lambda: journal_session.is_unlocked, timeout=WAIT)
    assert screens.ready == [None]


def test_first_run_says_why_it_could_not_create(qtbot: QtBot, screens: Screens,
                                                data_paths: Any) -> None:
    make_vault(data_paths.vault).close()  # a journal is there already: never replaced
    flow = screens.setup_flow
    _choose(qtbot, flow, PASSPHRASE, recovery=False)
    qtbot.waitUntil(lambda: flow.create_button.isEnabled(), timeout=WAIT)
    assert flow.error_label.text() not in ("", "Creating your journal…")
    assert screens.ready == []


def test_a_wrong_passphrase_is_said_in_words_and_can_be_retyped(
        qtbot: QtBot, screens: Screens, journal_session: JournalSession,
        data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    screens.pages.setCurrentWidget(screens.lock_screen)
    screen = screens.lock_screen
    screens.controller.reset_lock_screen()
    type_into(qtbot, screen.secret_edit, "not my passphrase")
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    assert screen.secret_edit.text() == ""  # the secret leaves the field at once
    assert screen.status_label.text() == "Unlocking…"
    qtbot.waitUntil(lambda: screen.secret_edit.isEnabled(), timeout=WAIT)
    assert "passphrase" in screen.status_label.text().lower()
    assert screens.ready == [] and not journal_session.is_unlocked
    type_into(qtbot, screen.secret_edit, PASSPHRASE)
    click(qtbot, screen.unlock_button)
    qtbot.waitUntil(lambda: screens.ready == [None], timeout=WAIT)
    assert journal_session.is_unlocked


def test_the_recovery_key_opens_and_a_new_passphrase_is_chosen(
        qtbot: QtBot, screens: Screens, journal_session: JournalSession,
        data_paths: Any) -> None:
    with qtbot.waitSignal(journal_session.created, timeout=WAIT) as created:
        journal_session.create(PASSPHRASE, with_recovery=True)
    key = created.args[0]
    journal_session.lock()
    screens.ready.clear()
    screens.pages.setCurrentWidget(screens.lock_screen)
    screen = screens.lock_screen
    click(qtbot, screen.recovery_button)
    assert screen.secret_edit.accessibleName() == "Recovery key"

    def choose_new(dialog: QWidget) -> None:
        assert isinstance(dialog, NewPassphraseDialog)
        assert not dialog.current_edit.isVisible()  # the recovery key was the proof
        type_into(qtbot, dialog.new_edit, NEW_PASSPHRASE)
        type_into(qtbot, dialog.repeat_edit, NEW_PASSPHRASE)
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))

    when_modal(choose_new, NewPassphraseDialog)
    type_into(qtbot, screen.secret_edit, key)
    with qtbot.waitSignal(journal_session.passphrase_changed, timeout=WAIT):
        qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    assert screens.ready == [None]
    qtbot.waitUntil(lambda: any(isinstance(w, RecoveryKeyDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=WAIT)
    (shown,) = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, RecoveryKeyDialog) and w.isVisible()]
    new_key = shown.key_label.text()
    assert new_key and new_key != key
    shown.done(0)
    journal_session.lock()
    Vault.open(data_paths.vault, NEW_PASSPHRASE).close()
    Vault.open(data_paths.vault, recovery_key=new_key).close()
    with pytest.raises(WrongPassphraseError):
        Vault.open(data_paths.vault, recovery_key=key).close()


def test_a_problem_from_the_last_lock_is_shown_on_the_lock_screen(screens: Screens) -> None:
    screens.controller.reset_lock_screen("Locked. Your last change could not be saved: disk")
    assert screens.lock_screen.status_label.text().endswith("could not be saved: disk")
    screens.controller.reset_lock_screen()
    assert screens.lock_screen.status_label.text() == ""


def test_the_sample_journal_opens_at_once_and_its_passphrase_stays_shown(
        qtbot: QtBot, screens: Screens, journal_session: JournalSession,
        data_paths: Any) -> None:
    make_vault(data_paths.vault).close()
    screens.controller.start_demo(PASSPHRASE)
    qtbot.waitUntil(lambda: screens.ready == [None], timeout=WAIT)
    journal_session.lock()
    screens.controller.reset_lock_screen()
    assert PASSPHRASE in screens.lock_screen.hint_label.text()
