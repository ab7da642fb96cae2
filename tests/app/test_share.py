"""Share a session summary (DESIGN §7), driven through the window: nothing is ticked until the
person ticks it, saving warns first and writes a private file whole or not at all, "Show on
screen" saves nothing, and locking closes every part of it."""

from __future__ import annotations

import errno
import os
import stat
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from driving import JournalPage, click, create_journal, type_into, write_entry
from unknot.app.share.summary_dialog import SummaryDialog

SHARED = "the evening I finally said no"
PRIVATE = "something I am not ready to share"


def _journal(qtbot: QtBot, make_app: Any) -> Any:
    ctl = make_app()
    create_journal(qtbot, ctl)
    write_entry(qtbot, ctl, "Kept here", PRIVATE, "isolated")
    write_entry(qtbot, ctl, "For the session", SHARED, "see-it-through")
    return ctl


def _activate(qtbot: QtBot, window: QWidget) -> None:
    """What a window manager does for a new window (the offscreen platform does not)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def _open_share(qtbot: QtBot, ctl: Any) -> SummaryDialog:
    qtbot.keyClick(JournalPage(ctl.window).search, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier)
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, SummaryDialog) and w.isVisible())
    _activate(qtbot, dialog)
    return dialog


def _tick(qtbot: QtBot, dialog: SummaryDialog, text: str) -> None:
    rows = [r for r in range(dialog.entry_list.count())
            if dialog.entry_list.item(r).text().startswith(text)]
    assert len(rows) == 1, text
    dialog.entry_list.setFocus()
    dialog.entry_list.setCurrentRow(rows[0])
    qtbot.keyClick(dialog.entry_list, Qt.Key.Key_Space)


def _answer_replace(qtbot: QtBot) -> None:
    """Answer Yes when the file dialog asks whether to replace a file (in a nested loop)."""
    box = QApplication.activeModalWidget()
    if isinstance(box, QMessageBox) and "replace" in box.text():
        click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    else:
        QTimer.singleShot(50, lambda: _answer_replace(qtbot))


def _save_as(qtbot: QtBot, dialog: SummaryDialog, button: QPushButton, path: Path) -> None:
    click(qtbot, button)
    warning = dialog.save_warning
    assert warning is not None and warning.isVisible()
    assert "not encrypted" in warning.text() and "Show on screen" in warning.text()
    click(qtbot, next(b for b in warning.buttons() if b.text().startswith("Choose where")))
    file_dialog = dialog.file_dialog
    assert file_dialog is not None
    qtbot.waitUntil(file_dialog.isVisible)
    file_dialog.setDirectory(str(path.parent))  # as if the person went to that folder
    name_box = file_dialog.findChild(QLineEdit, "fileNameEdit")
    name_box.setText("")
    type_into(qtbot, name_box, path.name)
    if path.exists():
        QTimer.singleShot(50, lambda: _answer_replace(qtbot))
    box = file_dialog.findChild(QDialogButtonBox)
    click(qtbot, next(b for b in box.buttons()
                      if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole))
    qtbot.waitUntil(lambda: dialog.file_dialog is None)
    qtbot.waitUntil(lambda: not dialog.saving, timeout=10000)  # written on the worker


def test_only_ticked_entries_are_saved_and_the_files_are_private(
        qtbot: QtBot, make_app: Any, tmp_path: Path, data_paths: Any) -> None:
    ctl = _journal(qtbot, make_app)
    dialog = _open_share(qtbot, ctl)
    assert dialog.entry_list.count() == 2
    assert dialog.chosen_ids() == set()  # nothing is included unless ticked
    assert dialog.count_label.text() == "0 of 2 entries ticked."
    _tick(qtbot, dialog, "For the session")
    assert dialog.count_label.text() == "1 of 2 entries ticked."

    out = tmp_path / "for-my-therapist"
    out.mkdir()
    _save_as(qtbot, dialog, dialog.markdown_button, out / "summary.md")
    text = (out / "summary.md").read_text(encoding="utf-8")
    assert SHARED in text and PRIVATE not in text and "Kept here" not in text
    assert "not encrypted" in text
    assert stat.S_IMODE((out / "summary.md").stat().st_mode) == 0o600
    assert "Saved to" in dialog.status_label.text()

    _save_as(qtbot, dialog, dialog.pdf_button, out / "summary.pdf")
    pdf = (out / "summary.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and pdf.rstrip().endswith(b"%%EOF")
    assert stat.S_IMODE((out / "summary.pdf").stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["summary.md", "summary.pdf"]

    # The file dialog's memory of folders stays in Unknot's cache and is then dropped.
    settings = Path(QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                              "QtProject").fileName())
    assert settings.is_relative_to(data_paths.cache)
    qtbot.waitUntil(lambda: not settings.exists())


def test_cancelling_saves_nothing(qtbot: QtBot, make_app: Any, tmp_path: Path) -> None:
    ctl = _journal(qtbot, make_app)
    out = tmp_path / "out"
    out.mkdir()
    dialog = _open_share(qtbot, ctl)
    _tick(qtbot, dialog, "For the session")
    click(qtbot, dialog.pdf_button)
    assert dialog.save_warning is not None
    qtbot.keyClick(dialog.save_warning, Qt.Key.Key_Escape)
    assert dialog.status_label.text() == "Nothing was saved."
    assert dialog.file_dialog is None

    dialog.status_label.setText("")
    click(qtbot, dialog.markdown_button)
    click(qtbot, next(b for b in dialog.save_warning.buttons()
                      if b.text().startswith("Choose where")))
    file_dialog = dialog.file_dialog
    assert file_dialog is not None
    file_dialog.setDirectory(str(out))
    type_into(qtbot, file_dialog.findChild(QLineEdit, "fileNameEdit"), "not-wanted.md")
    click(qtbot, next(b for b in file_dialog.findChildren(QPushButton) if b.text() == "Cancel"))
    qtbot.waitUntil(lambda: dialog.file_dialog is None)
    assert dialog.status_label.text() == "Nothing was saved."
    assert list(out.iterdir()) == []


def test_a_refused_save_says_why_and_leaves_no_part_behind(
        qtbot: QtBot, make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ctl = _journal(qtbot, make_app)
    dialog = _open_share(qtbot, ctl)
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "summary.md"
    earlier.write_text("an earlier summary the person kept\n")

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("unknot.journal.storage.os.fsync", disk_full)
    _save_as(qtbot, dialog, dialog.markdown_button, earlier)
    assert "was not saved" in dialog.status_label.text()
    assert "disk is full" in dialog.status_label.text()
    assert earlier.read_text() == "an earlier summary the person kept\n"
    assert [p.name for p in out.iterdir()] == ["summary.md"]


def test_show_on_screen_saves_nothing_and_locking_closes_it(
        qtbot: QtBot, make_app: Any, data_paths: Any) -> None:
    ctl = _journal(qtbot, make_app)
    before = sorted(p.relative_to(data_paths.data) for p in data_paths.data.rglob("*"))
    dialog = _open_share(qtbot, ctl)
    _tick(qtbot, dialog, "For the session")
    click(qtbot, dialog.show_button)
    viewer = dialog.viewer
    assert viewer is not None and viewer.isVisible() and viewer.isFullScreen()
    shown = viewer.browser.toPlainText()
    assert SHARED in shown and PRIVATE not in shown
    assert "Shown on screen only" in shown and "not encrypted" not in shown
    _activate(qtbot, viewer)
    qtbot.keyClick(viewer.browser, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible())

    click(qtbot, dialog.show_button)
    viewer = dialog.viewer
    _activate(qtbot, viewer)
    qtbot.keyClick(viewer.browser, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not ctl.session.is_unlocked
    assert not any(w.isVisible() for w in QApplication.topLevelWidgets()
                   if w.objectName() in ("summaryDialog", "summaryViewer"))
    qtbot.waitUntil(lambda: not any(w.objectName() in ("summaryDialog", "summaryViewer")
                                    for w in QApplication.topLevelWidgets()))
    assert sorted(p.relative_to(data_paths.data) for p in data_paths.data.rglob("*")) == before


def test_ctrl_l_locks_from_the_share_dialog(qtbot: QtBot, make_app: Any) -> None:
    ctl = _journal(qtbot, make_app)
    dialog = _open_share(qtbot, ctl)
    qtbot.keyClick(dialog.entry_list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not ctl.session.is_unlocked
    assert not dialog.isVisible()


def test_share_is_offered_only_while_unlocked(qtbot: QtBot, make_app: Any) -> None:
    ctl = _journal(qtbot, make_app)
    assert ctl.window.share_action.isEnabled()
    ctl.lock()
    assert not ctl.window.share_action.isEnabled()
    qtbot.keyClick(ctl.window.lock_screen.secret_edit, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier)
    assert not any(isinstance(w, SummaryDialog) and w.isVisible()
                   for w in QApplication.topLevelWidgets())


def test_ticks_survive_a_change_of_dates(qtbot: QtBot, make_app: Any) -> None:
    """Typing a date changes it one part at a time; an entry that briefly falls outside the
    dates keeps its tick when it comes back."""
    ctl = _journal(qtbot, make_app)
    dialog = _open_share(qtbot, ctl)
    _tick(qtbot, dialog, "For the session")
    today = dialog.until_edit.date()
    dialog.until_edit.setFocus()
    dialog.until_edit.setDate(today.addDays(-30))  # no entry in these dates for a moment
    assert dialog.entry_list.count() == 0 and dialog.chosen_ids() == set()
    dialog.until_edit.setDate(today)
    assert dialog.count_label.text() == "1 of 2 entries ticked."
    assert len(dialog.summary().entries) == 1


def test_showing_again_replaces_the_summary_on_screen(qtbot: QtBot, make_app: Any) -> None:
    ctl = _journal(qtbot, make_app)
    dialog = _open_share(qtbot, ctl)
    click(qtbot, dialog.show_button)
    first = dialog.viewer
    _activate(qtbot, dialog)
    _tick(qtbot, dialog, "For the session")
    click(qtbot, dialog.show_button)
    second = dialog.viewer
    assert second is not first and second is not None and second.isVisible()
    assert SHARED in second.browser.toPlainText()
    qtbot.waitUntil(lambda: not any(w is first for w in QApplication.topLevelWidgets()))
    assert dialog.viewer is second  # the first one's late deletion did not forget the second


def test_a_protected_pdf_is_offered_first_and_its_passphrase_shown_once(
        qtbot: QtBot, make_app: Any, tmp_path: Path) -> None:
    from pypdf import PdfReader

    ctl = _journal(qtbot, make_app)
    dialog = _open_share(qtbot, ctl)
    assert dialog.windowTitle() == "Summary to share"
    _tick(qtbot, dialog, "For the session")
    click(qtbot, dialog.pdf_button)  # a plain PDF: the warning offers the protected one first
    warning = dialog.save_warning
    assert warning is not None and "not encrypted" in warning.text()
    protect = warning.defaultButton()
    assert protect is not None and protect.text() == "Save protected PDF instead…"
    click(qtbot, protect)
    file_dialog = dialog.file_dialog
    assert file_dialog is not None
    qtbot.waitUntil(file_dialog.isVisible)
    name_box = file_dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_box.text().startswith("notes-") and name_box.text().endswith(".pdf")
    assert "session" not in file_dialog.windowTitle().lower()
    file_dialog.setDirectory(str(tmp_path))
    name_box.setText("")
    type_into(qtbot, name_box, "notes.pdf")
    box = file_dialog.findChild(QDialogButtonBox)
    click(qtbot, next(b for b in box.buttons()
                      if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole))
    qtbot.waitUntil(lambda: dialog.passphrase_box is not None, timeout=10000)
    shown = dialog.passphrase_box
    passphrase = shown.text().splitlines()[-1]
    assert "Read it out" in shown.informativeText()
    out = tmp_path / "notes.pdf"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    reader = PdfReader(out)
    assert reader.is_encrypted and not reader.decrypt("wrong words")
    reader = PdfReader(out)
    assert reader.decrypt(passphrase)
    text = "".join(unicodedata.normalize("NFKC", " ".join(
        p.extract_text() or "" for p in reader.pages)).split())  # "fi" may be one glyph
    assert "".join(SHARED.split()) in text and "".join(PRIVATE.split()) not in text
    assert passphrase not in dialog.status_label.text()
    click(qtbot, shown.button(QMessageBox.StandardButton.Ok))
    assert dialog.passphrase_box is None  # shown once, not kept
