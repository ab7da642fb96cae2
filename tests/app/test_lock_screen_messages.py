"""The lock screen and first run in the whole window, on real vaults: every message fits at
800×600 and 1280×800 (the wrong passphrase, the recovery instructions, an altered file with the
backup advice); an altered file offers its newest backup and restores it; "use my recovery key"
only when there is one; a failed recovery attempt followed by the passphrase is an ordinary
unlock; a missing journal file with backups offers them at first run instead of a new journal.

With UNKNOT_SHOTS=<folder>, the screens are saved there as PNGs (looked at by a person)."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, click, make_vault, type_into, unlock
from unknot.app.controller import AppController
from unknot.app.widgets.passphrase_choice import NewPassphraseDialog
from unknot.journal import crypto
from unknot.journal import journal as ops
from unknot.journal.backups import RollingBackups
from unknot.journal.header import Header
from vaults import sample_entries

WAIT = 15000
SIZES = [(800, 600), (1280, 800)]


def shoot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("UNKNOT_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert widget.grab().save(str(Path(folder) / f"{name}.png"))


def assert_fits(window: QWidget, labels: list[QLabel]) -> None:
    """Each label shows all of its words: as tall as its wrapped text needs at its width, and
    wholly inside the window."""
    QApplication.processEvents()
    for label in labels:
        if not label.isVisible() or not label.text():
            continue
        assert label.wordWrap(), label.accessibleName() or label.text()
        needed = label.heightForWidth(label.width())
        assert label.height() >= needed, (label.text()[:60], label.height(), needed)
        assert label.width() >= min(label.minimumSizeHint().width(), label.sizeHint().width())
        top_left = label.mapTo(window, QPoint(0, 0))
        inside = window.rect().contains(top_left) and window.rect().contains(
            top_left + QPoint(label.width() - 1, label.height() - 1))
        assert inside, (label.text()[:60], top_left, label.size(), window.size())


def _messages(ctl: AppController) -> list[QLabel]:
    screen = ctl.window.lock_screen
    return [screen.title_label, screen.hint_label, screen.status_label]


def alter_header(vault: Path) -> None:
    """Change the header on purpose and recompute its checksum, as someone hiding it would."""
    conn = sqlite3.connect(vault)
    fmt, raw = conn.execute("SELECT format, header FROM vault_header").fetchone()
    data = json.loads(raw)
    data["slots"][0]["salt"] = "00" * crypto.SALT_BYTES
    raw = Header.from_bytes(fmt, json.dumps(data).encode()).to_bytes()
    checksum = crypto.header_checksum(fmt.to_bytes(8, "big", signed=True) + raw)
    conn.execute("UPDATE vault_header SET header = ?, checksum = ?", (raw, checksum))
    conn.commit()
    conn.close()


def _try(qtbot: QtBot, ctl: AppController, secret: str) -> None:
    screen = ctl.window.lock_screen
    type_into(qtbot, screen.secret_edit, secret)
    qtbot.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.secret_edit.isEnabled(), timeout=WAIT)


@pytest.fixture
def with_recovery(data_paths: Any) -> str:
    created = ops.create_journal(data_paths.vault, PASSPHRASE, with_recovery=True)
    for entry in sample_entries(2):
        ops.save(created.journal, entry)
    created.journal.close()
    assert created.recovery_key
    return created.recovery_key


@pytest.mark.parametrize("size", SIZES)
def test_the_wrong_passphrase_and_the_recovery_instructions_fit(
        qtbot: QtBot, make_app: Callable[..., AppController], with_recovery: str,
        size: tuple[int, int]) -> None:
    ctl = make_app()
    ctl.window.resize(*size)
    screen = ctl.window.lock_screen
    qtbot.waitUntil(lambda: screen.recovery_button.isVisible(), timeout=WAIT)
    _try(qtbot, ctl, "not my passphrase")
    assert screen.status_label.text().startswith("That passphrase does not open this journal")
    assert_fits(ctl.window, _messages(ctl))
    shoot(ctl.window, f"lock-wrong-passphrase-{size[0]}x{size[1]}")
    click(qtbot, screen.recovery_button)
    assert "recovery key" in screen.hint_label.text()
    _try(qtbot, ctl, "AAAA-BBBB-CCCC")
    assert_fits(ctl.window, _messages(ctl))
    shoot(ctl.window, f"lock-recovery-{size[0]}x{size[1]}")


@pytest.mark.parametrize("size", SIZES)
def test_an_altered_file_says_so_offers_the_newest_backup_and_restores_it(
        qtbot: QtBot, make_app: Callable[..., AppController], data_paths: Any,
        size: tuple[int, int]) -> None:
    make_vault(data_paths.vault, records=sample_entries(3)).close()
    RollingBackups(data_paths.vault).take()
    alter_header(data_paths.vault)
    ctl = make_app()
    ctl.window.resize(*size)
    screen = ctl.window.lock_screen
    _try(qtbot, ctl, PASSPHRASE)
    words = screen.status_label.text()
    assert "passphrase is right" in words.replace("\u200b", "") or "opens the newest backup" \
        in words.replace("\u200b", "")
    assert "Check Caps Lock" not in words
    assert screen.restore_button.isVisible()
    assert_fits(ctl.window, _messages(ctl))
    shoot(ctl.window, f"lock-altered-{size[0]}x{size[1]}")
    click(qtbot, screen.restore_button)  # without the passphrase: it says what to do
    assert "Type your passphrase" in screen.status_label.text()
    type_into(qtbot, screen.secret_edit, PASSPHRASE)
    click(qtbot, screen.restore_button)
    qtbot.waitUntil(lambda: ctl.window.is_journal_shown(), timeout=WAIT)
    assert len(ctl.state.entries()) == 3
    kept = list((data_paths.data / "backups").glob("*before-restore*"))
    assert len(kept) == 1  # the altered file kept aside, not deleted


def test_the_recovery_key_is_offered_only_when_there_is_one(
        qtbot: QtBot, make_app: Callable[..., AppController], data_paths: Any) -> None:
    make_vault(data_paths.vault).close()  # no recovery key
    ctl = make_app()
    screen = ctl.window.lock_screen
    qtbot.waitUntil(lambda: not screen.recovery_button.isVisible(), timeout=WAIT)
    unlock(qtbot, ctl)


def test_a_failed_recovery_attempt_then_the_passphrase_is_an_ordinary_unlock(
        qtbot: QtBot, make_app: Callable[..., AppController], with_recovery: str) -> None:
    ctl = make_app()
    screen = ctl.window.lock_screen
    qtbot.waitUntil(lambda: screen.recovery_button.isVisible(), timeout=WAIT)
    click(qtbot, screen.recovery_button)
    _try(qtbot, ctl, "WRONG-WRONG-WRONG")
    assert screen.status_label.text() != ""
    click(qtbot, screen.recovery_button)  # back to the passphrase
    unlock(qtbot, ctl)
    QApplication.processEvents()
    asked = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, NewPassphraseDialog) and w.isVisible()]
    assert asked == []  # never "You opened the journal with the recovery key"


def test_a_missing_journal_file_with_backups_offers_them_at_first_run(
        qtbot: QtBot, make_app: Callable[..., AppController], data_paths: Any) -> None:
    make_vault(data_paths.vault, records=sample_entries(2)).close()
    RollingBackups(data_paths.vault).take()
    data_paths.vault.unlink()
    ctl = make_app()
    flow = ctl.window.setup_flow
    qtbot.waitUntil(lambda: flow.pages.currentIndex() == 3, timeout=WAIT)
    assert "backup(s) of it are here" in flow.restore_text.text()
    assert_fits(ctl.window, [flow.restore_text])
    shoot(ctl.window, "first-run-missing-file")
    type_into(qtbot, flow.restore_edit, "not my passphrase")
    click(qtbot, flow.restore_button)
    qtbot.waitUntil(lambda: flow.restore_button.isEnabled(), timeout=WAIT)
    assert "passphrase" in flow.restore_error.text().lower()
    assert not data_paths.vault.exists()  # nothing made, nothing replaced
    type_into(qtbot, flow.restore_edit, PASSPHRASE)
    click(qtbot, flow.restore_button)
    qtbot.waitUntil(lambda: ctl.window.is_journal_shown(), timeout=WAIT)
    assert len(ctl.state.entries()) == 2
