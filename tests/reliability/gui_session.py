"""A scripted session in the real `unknot` process, for scenarios 6, 7 and 10.

    python gui_session.py first|again REPORT.json

Runs `unknot.app.main.main()` — the real entry point: process hardening, default data folders (from
XDG_DATA_HOME and friends, which the caller points into a sandbox), the real window — and drives
it from inside its event loop with key presses and clicks, as a person would:

    first   create a journal, write an entry (title, body, tags), preview it (a remote image
            link in the body), search, open Help and the timeline, lock with Ctrl+L, unlock,
            then quick exit (Esc twice).
    again   unlock, find the entry by searching, open Share (Ctrl+E), tick every entry, show
            the summary on screen and close it with Esc, start saving it as a PDF and cancel
            in the file dialog, start saving it as Markdown and cancel at the warning, lock
            with Ctrl+L in the Share dialog, close the window.

The canary texts come from the environment (UNKNOT_CANARY_TITLE, _BODY, _TAG, _SEARCH).
REPORT.json receives what the process saw: its core-dump limit, its folders, what it found.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton, QWidget

import unknot.app.main as unknot_main

PASSPHRASE = "meadow lantern copper violet harbor quill"
REPORT: dict[str, Any] = {"steps": []}


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QTest.qWait(20)


def click(widget: QWidget) -> None:
    wait_until(lambda: widget.isVisible() and widget.isEnabled())
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(widget: QWidget, text: str) -> None:
    widget.setFocus()
    QTest.keyClicks(widget, text)


def step(name: str) -> None:
    REPORT["steps"].append(name)


def unlock(ctl: Any) -> None:
    screen = ctl.window.lock_screen
    type_into(screen.secret_edit, PASSPHRASE)
    QTest.keyClick(screen.secret_edit, Qt.Key.Key_Return)
    wait_until(lambda: ctl.window.is_journal_shown())
    step("unlocked")


def first(ctl: Any, canary: dict[str, str]) -> None:
    window, flow = ctl.window, ctl.window.setup_flow
    click(flow.continue_button)
    type_into(flow.passphrase_edit, PASSPHRASE)
    type_into(flow.repeat_edit, PASSPHRASE)
    click(flow.create_button)
    wait_until(lambda: window.is_journal_shown())
    step("created")
    pane = window.journal_pane
    editor = pane.editor
    click(pane.new_button)
    type_into(editor.title_edit, f"{canary['title']} title")
    type_into(editor.body_edit, f"{canary['body']} body ![pixel](https://tracker.example.com/"
                                "p.gif) [link](https://example.com)")
    type_into(editor.tags_edit, canary["tag"])
    wait_until(lambda: editor.status_label.text() == "Saved · encrypted")
    step("saved")
    editor.tabs.setCurrentIndex(1)  # the preview renders the remote image reference
    QTest.qWait(50)
    editor.tabs.setCurrentIndex(0)
    type_into(pane.search_edit, canary["search"])
    QTest.qWait(50)
    pane.search_edit.setText("")
    type_into(pane.search_edit, canary["title"][:12])
    step("searched")
    window.help_action.trigger()
    QTest.qWait(50)
    window.timeline_action.trigger()
    QTest.qWait(100)
    window.journal_action.trigger()
    QTest.keyClick(pane.search_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: window.pages.currentWidget() is window.lock_screen)
    step("locked")
    unlock(ctl)
    focus = editor.body_edit
    focus.setFocus()
    QTest.keyClick(focus, Qt.Key.Key_Escape)
    QTest.keyClick(focus, Qt.Key.Key_Escape)  # quick exit: the app quits
    step("quick exit")


def again(ctl: Any, canary: dict[str, str]) -> None:
    window = ctl.window
    wait_until(lambda: window.pages.currentWidget() is window.lock_screen)
    unlock(ctl)
    pane = window.journal_pane
    type_into(pane.search_edit, canary["title"][:12])
    QTest.qWait(50)
    REPORT["found"] = ctl.journal.proxy.rowCount()
    cancel_a_summary(ctl)
    window.close()
    step("closed")


def _summary_dialog() -> Any:
    found = [w for w in QApplication.topLevelWidgets()
             if w.objectName() == "summaryDialog" and w.isVisible()]
    return found[0] if found else None


def cancel_a_summary(ctl: Any) -> None:
    """Share: show the summary on screen, then cancel a PDF and a Markdown export."""
    QTest.keyClick(ctl.window.journal_pane.search_edit, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: _summary_dialog() is not None)
    dialog = _summary_dialog()
    dialog.activateWindow()  # what a window manager does for a new dialog
    wait_until(lambda: QApplication.activeWindow() is dialog)
    click(dialog.tick_all)
    click(dialog.show_button)
    wait_until(lambda: dialog.viewer is not None and dialog.viewer.isVisible())
    QTest.keyClick(dialog.viewer.browser, Qt.Key.Key_Escape)
    QTest.qWait(400)  # not a second Esc within quick exit's interval
    step("summary shown on screen")
    click(dialog.pdf_button)
    wait_until(lambda: dialog.save_warning is not None and dialog.save_warning.isVisible())
    accept = next(b for b in dialog.save_warning.buttons()
                  if b.text().startswith("Choose where"))
    click(accept)
    wait_until(lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible())
    file_dialog = dialog.file_dialog
    type_into(file_dialog.findChild(QLineEdit), "summary-not-saved.pdf")
    click(next(b for b in file_dialog.findChildren(QPushButton) if b.text() == "Cancel"))
    wait_until(lambda: dialog.file_dialog is None)
    QTest.qWait(100)
    step("PDF export cancelled in the file dialog")
    click(dialog.markdown_button)
    wait_until(lambda: dialog.save_warning is not None and dialog.save_warning.isVisible())
    click(dialog.save_warning.button(QMessageBox.StandardButton.Cancel))
    QTest.qWait(100)
    REPORT["summary_status"] = dialog.status_label.text()
    step("Markdown export cancelled at the warning")
    dialog.activateWindow()  # the window manager gives the dialog back its focus
    wait_until(lambda: QApplication.activeWindow() is dialog)
    QTest.keyClick(dialog.entry_list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: ctl.window.pages.currentWidget() is ctl.window.lock_screen)
    step("locked from the summary dialog")


def main() -> int:
    phase, report_path = sys.argv[1], Path(sys.argv[2])
    canary = {k: os.environ[f"UNKNOT_CANARY_{k.upper()}"] for k in ("title", "body", "tag",
                                                                    "search")}
    real_build = unknot_main.build

    def build(data_paths: Any, qapp: Any) -> Any:
        ctl = real_build(data_paths, qapp)
        REPORT["paths"] = {k: str(getattr(data_paths, k)) for k in ("data", "config", "cache")}

        def drive() -> None:
            try:
                (first if phase == "first" else again)(ctl, canary)
            except Exception as exc:  # noqa: BLE001 - reported to the test, then quit
                REPORT["error"] = f"{type(exc).__name__}: {exc}"
                QApplication.instance().quit()  # type: ignore[union-attr]
            finally:
                REPORT["rlimit_core"] = list(resource.getrlimit(resource.RLIMIT_CORE))
                report_path.write_text(json.dumps(REPORT), encoding="utf-8")

        QTimer.singleShot(0, drive)
        return ctl

    unknot_main.build = build  # type: ignore[assignment]
    status = unknot_main.main([])
    REPORT["status"] = status
    report_path.write_text(json.dumps(REPORT), encoding="utf-8")
    return status


if __name__ == "__main__":
    sys.exit(main())
