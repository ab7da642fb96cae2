"""Settings' keys and files in the whole window, on real vaults: a recovery key made (or
replaced) after the passphrase, shown once and copied as sensitive, that opens the journal from
the lock screen while the old one no longer does — and the new passphrase chosen there follows
the policy; the backups listed with their dates and counts, "back up now to…" (0600) and restore
(the journal locks and opens again from the backup, the current file kept aside); "Remove
everything" (a wrong passphrase removes nothing; the right one removes the files and quits);
Settings' own words never name the app.

With UNKNOT_SHOTS=<folder>, the dialogs are saved there as PNGs (looked at by a person)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from test_lock_screen_messages import assert_fits, shoot

from driving import PASSPHRASE, click, make_vault, type_into, unlock, when_modal
from unknot.app.controller import AppController
from unknot.app.settings.passphrase_dialog import PassphraseDialog
from unknot.app.settings.prompt import PassphrasePrompt
from unknot.app.settings.sections import BackupsGroup, RecoveryGroup
from unknot.app.settings.settings_dialog import SettingsDialog
from unknot.app.widgets.passphrase_choice import NewPassphraseDialog
from unknot.app.widgets.recovery_key_dialog import RecoveryKeyDialog
from unknot.journal import journal as ops
from unknot.journal.backups import RollingBackups
from unknot.journal.errors import WrongPassphraseError
from unknot.journal.vault import Vault
from vaults import sample_entries

WAIT = 20000
NEW_PASSPHRASE = "harbor quill meadow copper lantern violet"
SENSITIVE = "x-kde-passwordManagerHint"


def _in_settings(ctl: AppController, act: Callable[[SettingsDialog], None]) -> None:
    """Open Settings from the toolbar and let `act` work in it (it runs modally)."""
    when_modal(act, SettingsDialog)  # type: ignore[arg-type]
    ctl.window.settings_action.trigger()


def _close(qtbot: QtBot, dialog: SettingsDialog) -> None:
    if dialog.isVisible():
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))


def _answer(qtbot: QtBot, prompt: PassphrasePrompt, passphrase: str) -> None:
    type_into(qtbot, prompt.passphrase_edit, passphrase)
    click(qtbot, prompt.action_button)


def _notices(ctl: AppController) -> list[str]:
    return [f"{b.windowTitle()}: {b.text()}" for b in ctl.window.findChildren(QMessageBox)
            if b.isVisible()]


def _all_text(widget: QWidget) -> str:
    parts = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, (QLabel, QAbstractButton)):
            parts.append(child.text())
        title = getattr(child, "title", None)
        if callable(title):
            parts.append(str(title()))
        if hasattr(child, "count") and hasattr(child, "itemText"):
            parts += [child.itemText(i) for i in range(child.count())]
    return "\n".join(parts)


@pytest.fixture
def old_key(data_paths: Any) -> str:
    created = ops.create_journal(data_paths.vault, PASSPHRASE, with_recovery=True)
    for entry in sample_entries(2):
        ops.save(created.journal, entry)
    created.journal.close()
    assert created.recovery_key
    return created.recovery_key


def test_settings_words_never_name_the_app(qtbot: QtBot, make_app: Callable[..., AppController],
                                           old_key: str) -> None:
    ctl = make_app(discreet_mode=True, onboarding_done=True)
    unlock(qtbot, ctl)
    seen: dict[str, str] = {}

    def look(dialog: SettingsDialog) -> None:
        seen["text"] = _all_text(dialog)
        _close(qtbot, dialog)

    _in_settings(ctl, look)
    # The folders' own paths are what they are (Help says so); every other word is neutral.
    words = seen["text"].replace(str(ctl.session.vault_path.parent), "")
    assert "unknot" not in words.lower(), words
    assert "Close the app" in words and "What is kept on this computer" in words


def test_a_new_recovery_key_opens_the_journal_and_the_old_one_no_longer_does(
        qtbot: QtBot, make_app: Callable[..., AppController], data_paths: Any,
        old_key: str) -> None:
    ctl = make_app(onboarding_done=True)
    unlock(qtbot, ctl)
    got: dict[str, Any] = {}

    def in_key(dialog: RecoveryKeyDialog) -> None:
        got["key"] = dialog.key_label.text()
        got["words"] = dialog.words_label.text()
        shoot(dialog, "settings-new-recovery-key")
        click(qtbot, dialog.copy_button)
        close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert not close.isEnabled()  # not before it is written down
        click(qtbot, dialog.written_box)
        click(qtbot, close)

    def in_prompt(prompt: PassphrasePrompt) -> None:
        _answer(qtbot, prompt, "not my passphrase")
        qtbot.waitUntil(lambda: prompt.buttons.isEnabled(), timeout=WAIT)
        got["wrong"] = prompt.error_label.text()
        assert prompt.isVisible()
        when_modal(in_key, RecoveryKeyDialog)  # type: ignore[arg-type]
        prompt.passphrase_edit.selectAll()
        _answer(qtbot, prompt, PASSPHRASE)

    def in_settings(dialog: SettingsDialog) -> None:
        group = dialog.findChild(RecoveryGroup)
        assert group is not None
        qtbot.waitUntil(lambda: group.make_button.isEnabled(), timeout=WAIT)
        got["button"] = group.make_button.text()
        when_modal(in_prompt, PassphrasePrompt)  # type: ignore[arg-type]
        click(qtbot, group.make_button)
        _close(qtbot, dialog)

    _in_settings(ctl, in_settings)
    assert got["button"] == "Replace the recovery key…"
    assert got["wrong"].startswith("That passphrase does not open this journal")
    key = got["key"]
    assert key and key != old_key
    assert "older recovery key no longer opens" in got["words"]
    assert "older backup(s)" in got["words"]
    clip = QApplication.clipboard().mimeData()
    assert clip.text() == key and SENSITIVE in clip.formats()

    ctl.lock()
    screen = ctl.window.lock_screen
    qtbot.waitUntil(lambda: screen.recovery_button.isVisible(), timeout=WAIT)
    click(qtbot, screen.recovery_button)
    type_into(qtbot, screen.secret_edit, old_key)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.secret_edit.isEnabled(), timeout=WAIT)
    assert not ctl.window.is_journal_shown()  # the old key opens nothing now
    assert screen.status_label.text() != ""

    chosen: dict[str, Any] = {}

    def choose(dialog: NewPassphraseDialog) -> None:
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        for weak in ("abc", "Summer2024!", "Password1!"):  # the core's policy refuses them
            dialog.choice.clear()
            type_into(qtbot, dialog.new_edit, weak)
            type_into(qtbot, dialog.repeat_edit, weak)
            click(qtbot, ok)
            assert dialog.isVisible() and dialog.error_label.text(), weak
        chosen["strength"] = dialog.choice.strength_label.text()
        dialog.choice.clear()
        type_into(qtbot, dialog.new_edit, NEW_PASSPHRASE)
        type_into(qtbot, dialog.repeat_edit, NEW_PASSPHRASE + "x")
        click(qtbot, ok)
        chosen["mismatch"] = dialog.error_label.text()
        dialog.repeat_edit.setText(NEW_PASSPHRASE)
        shoot(dialog, "passphrase-dialog-after-recovery")
        chosen["level"] = dialog.choice.strength_label.text()
        when_modal(lambda d: chosen.setdefault("newer", d.key_label.text()),  # type: ignore
                   RecoveryKeyDialog)
        click(qtbot, ok)

    when_modal(choose, NewPassphraseDialog)  # type: ignore[arg-type]
    type_into(qtbot, screen.secret_edit, key)
    with qtbot.waitSignal(ctl.session.passphrase_changed, timeout=WAIT):
        qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    assert ctl.window.is_journal_shown()
    assert "not the same" in chosen["mismatch"]
    assert chosen["level"] in ("Good", "Strong") and chosen["strength"]
    qtbot.waitUntil(lambda: "newer" in chosen, timeout=WAIT)
    ctl.lock()
    Vault.open(data_paths.vault, NEW_PASSPHRASE).close()
    Vault.open(data_paths.vault, recovery_key=chosen["newer"]).close()
    for stale in (old_key, key):
        with pytest.raises(WrongPassphraseError):
            Vault.open(data_paths.vault, recovery_key=stale).close()


def test_removing_the_recovery_key_hides_it_on_the_lock_screen(
        qtbot: QtBot, make_app: Callable[..., AppController], data_paths: Any,
        old_key: str) -> None:
    ctl = make_app(onboarding_done=True)
    unlock(qtbot, ctl)

    def in_settings(dialog: SettingsDialog) -> None:
        group = dialog.findChild(RecoveryGroup)
        assert group is not None
        qtbot.waitUntil(lambda: group.remove_button.isEnabled(), timeout=WAIT)
        when_modal(lambda p: _answer(qtbot, p, PASSPHRASE), PassphrasePrompt)  # type: ignore
        click(qtbot, group.remove_button)
        assert not group.remove_button.isEnabled()
        assert group.make_button.text() == "Make a recovery key…"
        _close(qtbot, dialog)

    _in_settings(ctl, in_settings)
    qtbot.waitUntil(lambda: _notices(ctl) != [], timeout=WAIT)
    assert "no longer opens" in _notices(ctl)[0]
    ctl.lock()
    qtbot.waitUntil(lambda: not ctl.window.lock_screen.recovery_button.isVisible(),
                    timeout=WAIT)
    with pytest.raises(WrongPassphraseError):
        Vault.open(data_paths.vault, recovery_key=old_key).close()


def test_the_change_passphrase_dialog_is_wide_enough_and_says_its_level(
        qtbot: QtBot, make_app: Callable[..., AppController], old_key: str) -> None:
    ctl = make_app(onboarding_done=True)
    unlock(qtbot, ctl)
    seen: dict[str, Any] = {}

    def in_dialog(dialog: PassphraseDialog) -> None:
        seen["empty level"] = dialog.choice.strength_label.text()
        type_into(qtbot, dialog.current_edit, PASSPHRASE)
        type_into(qtbot, dialog.new_edit, "Tr0ub4dor&3")
        type_into(qtbot, dialog.repeat_edit, "Tr0ub4dor&3")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))
        seen["weak"] = dialog.error_label.text()
        title_width = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
        seen["wide"] = dialog.width() > title_width + 100 and dialog.width() >= 400
        assert_fits(dialog, [dialog.explain_label, dialog.error_label])
        shoot(dialog, "passphrase-dialog-settings")
        click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel))

    def in_settings(dialog: SettingsDialog) -> None:
        when_modal(in_dialog, PassphraseDialog)  # type: ignore[arg-type]
        click(qtbot, dialog.change_button)
        _close(qtbot, dialog)

    _in_settings(ctl, in_settings)
    assert seen["empty level"] == "Very weak"  # a level in words, never an empty box
    assert "quick to guess" in seen["weak"] and "vault" not in seen["weak"].lower()
    assert seen["wide"]


def test_the_backups_are_listed_backed_up_and_restored_from_settings(
        qtbot: QtBot, make_app: Callable[..., AppController], data_paths: Any,
        tmp_path: Path) -> None:
    make_vault(data_paths.vault, records=sample_entries(2)).close()
    RollingBackups(data_paths.vault).take()  # a backup with the two entries
    with Vault.open(data_paths.vault, PASSPHRASE) as vault:
        vault.save_many(sample_entries(1))  # the live journal has one more
    ctl = make_app(onboarding_done=True)
    unlock(qtbot, ctl)
    assert len(ctl.state.entries()) == 3
    out = tmp_path / "elsewhere" / "copy.db"
    out.parent.mkdir()
    seen: dict[str, Any] = {}

    def details(prompt: PassphrasePrompt) -> None:
        _answer(qtbot, prompt, PASSPHRASE)

    def restore(prompt: PassphrasePrompt) -> None:
        seen["restore words"] = prompt.explain_label.text()
        shoot(prompt, "settings-restore-confirmation")
        _answer(qtbot, prompt, PASSPHRASE)

    def in_settings(dialog: SettingsDialog) -> None:
        group = dialog.findChild(BackupsGroup)
        assert group is not None
        qtbot.waitUntil(lambda: group.backups_list.count() == 1, timeout=WAIT)
        when_modal(details, PassphrasePrompt)  # type: ignore[arg-type]
        click(qtbot, group.details_button)
        qtbot.waitUntil(lambda: "2 entries" in group.backups_list.item(0).text(),
                        timeout=WAIT)
        seen["row"] = group.backups_list.item(0).text()
        # "Back up now to…": the file chooser, then a 0600 copy.
        click(qtbot, group.back_up_button)
        chooser = ctl.settings.keys.file_dialog
        assert isinstance(chooser, QFileDialog)
        chooser.selectFile(str(out))
        chooser.accept()
        qtbot.waitUntil(lambda: out.exists(), timeout=WAIT)
        qtbot.waitUntil(lambda: _notices(ctl) != [], timeout=WAIT)
        seen["backed up"] = _notices(ctl)
        for box in ctl.window.findChildren(QMessageBox):
            box.accept()
        group.backups_list.setCurrentRow(0)
        dialog.resize(dialog.width(), min(dialog.height(), 600))
        dialog.scroll_to(group)
        QApplication.processEvents()
        shoot(dialog, "settings-backups")
        when_modal(restore, PassphrasePrompt)  # type: ignore[arg-type]
        click(qtbot, group.restore_button)  # the journal locks: Settings closes with it

    _in_settings(ctl, in_settings)
    assert seen["row"].endswith("2 entries, 0 check-ins")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert seen["backed up"][0].startswith("Backed up:") and str(out) in seen["backed up"][0]
    assert "holds 2 entries" in seen["restore words"] and "kept aside" in seen["restore words"]
    qtbot.waitUntil(lambda: ctl.window.is_journal_shown(), timeout=WAIT)
    qtbot.waitUntil(lambda: len(ctl.state.entries()) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: any(n.startswith("Restored:") for n in _notices(ctl)),
                    timeout=WAIT)
    assert list((data_paths.data / "backups").glob("*before-restore*"))
    ctl.lock()  # (the worker idle: its key derivation and the test's never overlap)
    with Vault.open(out, PASSPHRASE, readonly=True) as copy:  # the copy made before restoring
        assert len(copy.load().entries) == 3


def test_remove_everything_needs_the_passphrase_then_removes_the_files_and_quits(
        qtbot: QtBot, make_app: Callable[..., AppController], data_paths: Any) -> None:
    make_vault(data_paths.vault, records=sample_entries(1)).close()
    RollingBackups(data_paths.vault).take()
    ctl = make_app(onboarding_done=True)
    unlock(qtbot, ctl)
    quit_asked: list[None] = []
    ctl.quit_requested.connect(lambda: quit_asked.append(None))
    seen: dict[str, Any] = {}

    def wrong_then_right(prompt: PassphrasePrompt) -> None:
        seen["warning"] = prompt.explain_label.text()
        shoot(prompt, "settings-remove-everything")
        _answer(qtbot, prompt, "not my passphrase")
        qtbot.waitUntil(lambda: prompt.buttons.isEnabled(), timeout=WAIT)
        seen["wrong"] = prompt.error_label.text()
        seen["still there"] = data_paths.vault.exists() and data_paths.config.exists()
        prompt.passphrase_edit.selectAll()
        _answer(qtbot, prompt, PASSPHRASE)

    def in_settings(dialog: SettingsDialog) -> None:
        when_modal(wrong_then_right, PassphrasePrompt)  # type: ignore[arg-type]
        click(qtbot, dialog.remove_button)

    _in_settings(ctl, in_settings)
    qtbot.waitUntil(lambda: quit_asked != [], timeout=WAIT)
    assert "cannot be undone" in seen["warning"]
    assert seen["wrong"].startswith("That passphrase does not open this journal")
    assert seen["still there"]
    assert not ctl.session.is_unlocked
    ctl.shutdown()  # what closing the window does: nothing is written again
    for gone in (data_paths.vault, data_paths.data / "backups", data_paths.config,
                 data_paths.cache):
        assert not gone.exists(), gone
