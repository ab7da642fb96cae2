"""Settings without the main window: SettingsController with its dialogs over a real session —
preferences saved and applied, Cancel keeps them, safety settings read-only while locked, and
changing the passphrase from the dialog, told in a notice either way."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, click, make_vault, open_session, type_into, when_modal
from unknot.app.preferences import Preferences
from unknot.app.session import JournalSession
from unknot.app.settings.controller import SettingsController
from unknot.app.settings.passphrase_dialog import PassphraseDialog
from unknot.app.settings.settings_dialog import SettingsDialog
from unknot.journal.vault import Vault

WAIT = 15000
NEW_PASSPHRASE = "harbor quill meadow copper lantern violet"


class Settings:
    def __init__(self, qtbot: QtBot, session: JournalSession, prefs_path: Path) -> None:
        self.window = QWidget()
        qtbot.addWidget(self.window)
        self.window.resize(600, 400)
        self.window.show()
        qtbot.waitExposed(self.window)
        self.prefs_path = prefs_path
        self.controller = SettingsController(Preferences(), prefs_path, session, self.window,
                                             lambda: session.is_unlocked)
        self.applied: list[Preferences] = []
        self.controller.preferences_changed.connect(self.applied.append)

    def saved(self) -> dict[str, Any]:
        return json.loads(self.prefs_path.read_text(encoding="utf-8"))

    def notices(self) -> list[str]:
        return [f"{b.windowTitle()}: {b.text()}" for b in self.window.findChildren(QMessageBox)
                if b.isVisible()]

    def with_dialog(self, act: Callable[[SettingsDialog], None]) -> None:
        """Open Settings and let `act` work in it like a person (the dialog runs modally)."""
        when_modal(act, SettingsDialog)  # type: ignore[arg-type]
        self.controller.open_dialog()


@pytest.fixture
def settings(qtbot: QtBot, journal_session: JournalSession, data_paths: Any) -> Settings:
    make_vault(data_paths.vault).close()
    return Settings(qtbot, journal_session, data_paths.config / "preferences.json")


def _press(qtbot: QtBot, dialog: Any, which: QDialogButtonBox.StandardButton) -> None:
    click(qtbot, dialog.buttons.button(which))


def test_update_saves_and_applies(settings: Settings) -> None:
    settings.controller.update(discreet_mode=True, onboarding_done=True)
    assert settings.saved()["discreet_mode"] is True
    assert settings.saved()["onboarding_done"] is True
    assert len(settings.applied) == 1 and settings.applied[0].discreet_mode


def test_ok_saves_what_was_chosen(qtbot: QtBot, settings: Settings,
                                  journal_session: JournalSession) -> None:
    open_session(qtbot, journal_session)

    def choose(dialog: SettingsDialog) -> None:
        assert dialog.lock_minutes.isEnabled()
        dialog.lock_minutes.selectAll()
        type_into(qtbot, dialog.lock_minutes, "12")
        click(qtbot, dialog.discreet)
        click(qtbot, dialog.lock_on_minimise)
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    settings.with_dialog(choose)
    saved = settings.saved()
    assert saved["auto_lock_seconds"] == 720
    assert saved["discreet_mode"] is True and saved["lock_on_minimise"] is True
    assert settings.applied[-1].auto_lock_seconds == 720
    assert settings.controller.prefs.discreet_mode


def test_cancel_keeps_the_preferences(qtbot: QtBot, settings: Settings,
                                      journal_session: JournalSession) -> None:
    open_session(qtbot, journal_session)

    def change_then_cancel(dialog: SettingsDialog) -> None:
        click(qtbot, dialog.discreet)
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    settings.with_dialog(change_then_cancel)
    assert not settings.prefs_path.exists()
    assert settings.applied == [] and not settings.controller.prefs.discreet_mode


def test_while_locked_safety_and_the_passphrase_are_shown_not_changed(
        qtbot: QtBot, settings: Settings, data_paths: Any) -> None:
    seen: dict[str, bool] = {}

    def look(dialog: SettingsDialog) -> None:
        seen["minutes"] = dialog.lock_minutes.isEnabled()
        seen["discreet"] = dialog.discreet.isEnabled()
        seen["change"] = dialog.change_button.isEnabled()
        seen["rotate"] = dialog.rotate_button.isEnabled()
        seen["folders"] = str(data_paths.vault.parent) in dialog.folder_label.text()
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)

    settings.with_dialog(look)
    assert seen == {"minutes": False, "discreet": False, "change": False, "rotate": False,
                    "folders": True}
    assert settings.saved()["auto_lock_seconds"] == Preferences().auto_lock_seconds


def _change_passphrase(qtbot: QtBot, settings: Settings, current: str, *,
                       rotate: bool = False,
                       then: Callable[[PassphraseDialog], None] | None = None) -> None:
    """Type into the passphrase dialog from Settings and press OK; `then` looks at the dialog
    afterwards (it stays open until the change worked) and closes it."""
    def fill(dialog: PassphraseDialog) -> None:
        type_into(qtbot, dialog.current_edit, current)
        type_into(qtbot, dialog.new_edit, NEW_PASSPHRASE)
        type_into(qtbot, dialog.repeat_edit, NEW_PASSPHRASE)
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
        if then is not None:
            then(dialog)

    def in_settings(dialog: SettingsDialog) -> None:
        when_modal(fill, PassphraseDialog)  # type: ignore[arg-type]
        click(qtbot, dialog.rotate_button if rotate else dialog.change_button)
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    settings.with_dialog(in_settings)


@pytest.mark.parametrize("rotate", [False, True])
def test_the_passphrase_changes_from_settings(qtbot: QtBot, settings: Settings,
                                              journal_session: JournalSession,
                                              data_paths: Any, rotate: bool) -> None:
    open_session(qtbot, journal_session)
    with qtbot.waitSignal(journal_session.passphrase_changed, timeout=WAIT):
        _change_passphrase(qtbot, settings, PASSPHRASE, rotate=rotate)
    qtbot.waitUntil(lambda: settings.notices() != [])
    (notice,) = settings.notices()
    assert notice.startswith("Passphrase changed:")
    assert "new key" in notice and "older backup(s)" in notice  # both make a new key
    assert "Unknot" not in notice and "vault" not in notice
    journal_session.lock()
    Vault.open(data_paths.vault, NEW_PASSPHRASE).close()


def test_a_wrong_current_passphrase_keeps_the_dialog_open_with_one_line(
        qtbot: QtBot, settings: Settings, journal_session: JournalSession,
        data_paths: Any) -> None:
    open_session(qtbot, journal_session)
    seen: dict[str, Any] = {}

    def look(dialog: PassphraseDialog) -> None:
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=WAIT)  # the answer came
        seen["open"] = dialog.isVisible()
        seen["error"] = dialog.error_label.text()
        seen["fields"] = (dialog.current_edit.text(), dialog.new_edit.text(),
                          dialog.repeat_edit.text())
        _press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)

    _change_passphrase(qtbot, settings, "not my passphrase", then=look)
    assert seen["open"]
    assert seen["fields"] == ("not my passphrase", NEW_PASSPHRASE, NEW_PASSPHRASE)
    error = seen["error"]
    assert error.startswith("That passphrase does not open this journal")
    assert error.count("Nothing was changed") <= 1 and "vault" not in error.lower()
    assert settings.notices() == []
    journal_session.lock()
    Vault.open(data_paths.vault, PASSPHRASE).close()


def test_the_passphrase_dialog_explains_a_mismatch_and_stays_open(qtbot: QtBot) -> None:
    dialog = PassphraseDialog(rotate=False)
    qtbot.addWidget(dialog)
    dialog.show()
    type_into(qtbot, dialog.current_edit, PASSPHRASE)
    type_into(qtbot, dialog.new_edit, NEW_PASSPHRASE)
    type_into(qtbot, dialog.repeat_edit, NEW_PASSPHRASE + "x")
    qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "not the same" in dialog.error_label.text()
