"""A scripted session in the real `unknot` process, for scenarios 6, 7 and 10.

    python gui_session.py first|again REPORT.json

Runs `app.main.main()` — the real entry point: process hardening, default data folders (from
XDG_DATA_HOME and friends, which the caller points into a sandbox), the real window — and drives
it from inside its event loop with key presses and clicks, as a person would:

    first   create a journal, write an entry (title, body, tags), preview it (a remote image
            link in the body), search, open Help and the timeline, lock with Ctrl+L, unlock,
            then quick exit (Esc twice).
    again   unlock, find the entry by searching, lock with Ctrl+L, close the window.

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
from PySide6.QtWidgets import QApplication, QWidget

import app.main as unknot_main

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
    wait_until(lambda: ctl.window.pages.currentWidget() is ctl.window.splitter)
    step("unlocked")


def first(ctl: Any, canary: dict[str, str]) -> None:
    window, flow = ctl.window, ctl.window.setup_flow
    click(flow.continue_button)
    type_into(flow.passphrase_edit, PASSPHRASE)
    type_into(flow.repeat_edit, PASSPHRASE)
    click(flow.create_button)
    wait_until(lambda: window.pages.currentWidget() is window.splitter)
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
    QTest.keyClick(pane.search_edit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: window.pages.currentWidget() is window.lock_screen)
    step("locked")
    window.close()
    step("closed")


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
