"""A scripted session in the real `unknot` process, for scenarios 6, 7 and 10.

    python gui_session.py first|first-print|again|save REPORT.json

Runs `unknot.app.main.main()` — the real entry point: process hardening, default data folders (from
XDG_DATA_HOME and friends, which the caller points into a sandbox), the real window — and drives
it from inside its event loop with key presses and clicks, as a person would:

    first   create a journal, write an entry (title, body, tags), preview it (a remote image
            link in the body), search, open Help and the timeline, lock with Ctrl+L, unlock,
            then quick exit (Esc twice).
    first-print
            as first, but with a recovery key: "Print…" on the recovery-key page, in Qt's own
            print dialog "Print to File (PDF)" to a file the session names in ~/Documents,
            then "I have written it down" and "Start writing".
    again   unlock, find the entry by searching, open Share (Ctrl+E), tick every entry, show
            the summary on screen and close it with Esc, start saving it as a PDF and cancel
            in the file dialog, start saving it as Markdown and cancel at the warning, lock
            with Ctrl+L in the Share dialog, close the window.
    save    unlock, open Share, tick every entry, "Save protected PDF…" under the name the
            file dialog offers (in ~/Documents), close the one-time passphrase, lock, close.

The canary texts come from the environment (UNKNOT_CANARY_TITLE, _BODY, _TAG, _SEARCH).
REPORT.json receives what the process saw: its core-dump limit, its folders, what it found,
and (first-print, save) each file it wrote for the person ("written") with the secret that opens
the journal or the file (the recovery key, the protected PDF's passphrase), so that the caller can
check the file's mode and search every other file for the secret.
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

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

import unknot.app.main as unknot_main

TESTS = Path(__file__).resolve().parents[1]  # tests/driving.py: the window's pages, by name
if str(TESTS) not in sys.path:
    sys.path.append(str(TESTS))

PASSPHRASE = "meadow lantern copper violet harbor quill"
PRINTED_KEY_NAME = "for-safekeeping.pdf"  # the name the person types in the print dialog
REPORT: dict[str, Any] = {"steps": [], "written": []}


def pause(ms: int) -> None:
    """Let the window run for `ms`, as QTest.qWait does, but sleeping outside Qt: qWait keeps
    Python's interpreter lock while it waits, and the vault worker (importing the core, deriving
    a key) would then starve — a stall that strace, slowing every lock handover, made minutes."""
    deadline = time.monotonic() + ms / 1000
    while True:
        QApplication.processEvents()
        left = deadline - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.01))


def wait_until(condition: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        pause(20)


def click(widget: QWidget) -> None:
    wait_until(lambda: widget.isVisible() and widget.isEnabled())
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(box: QCheckBox) -> None:
    """A click on the box itself (a stretched check box's middle may be past its words)."""
    wait_until(lambda: box.isVisible() and box.isEnabled())
    QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    wait_until(box.isChecked)


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


def documents() -> Path:
    return Path(os.environ["HOME"], "Documents")


def print_key_to_file(flow: Any) -> None:
    """Print… on the recovery-key page, then, in Qt's print dialog (modal: driven from a timer
    inside its own event loop), Print to File (PDF) under a name typed by the person."""
    target = documents() / PRINTED_KEY_NAME

    def fill_in() -> None:
        dialog = next((w for w in QApplication.topLevelWidgets()
                       if isinstance(w, QPrintDialog) and w.isVisible()), None)
        if dialog is None:
            QTimer.singleShot(20, fill_in)
            return
        printers = dialog.findChild(QComboBox, "printers")
        printers.setCurrentIndex(printers.count() - 1)  # Qt puts "Print to File (PDF)" last
        name = dialog.findChild(QLineEdit, "filename")
        # Pasted rather than typed: typed, its completer's list of files would stay open on
        # the offscreen platform after the dialog closed, and take the keys meant for the window.
        name.setText(str(target))
        box = dialog.findChild(QDialogButtonBox)
        click(next(b for b in box.buttons()
                   if box.buttonRole(b) == QDialogButtonBox.ButtonRole.AcceptRole))

    key = flow.recovery_label.text()
    QTimer.singleShot(0, fill_in)
    click(flow.print_button)  # returns when the dialog has closed and the key is printed
    flow.window().activateWindow()  # the window manager gives the window back its focus
    wait_until(lambda: QApplication.activeWindow() is flow.window())
    REPORT["written"].append({"what": "printed recovery key", "path": str(target),
                              "secret": key})
    step("recovery key printed to a file")


def first(ctl: Any, canary: dict[str, str], print_key: bool = False) -> None:
    window, flow = ctl.window, ctl.window.setup_flow
    click(flow.continue_button)
    type_into(flow.passphrase_edit, PASSPHRASE)
    type_into(flow.repeat_edit, PASSPHRASE)
    if print_key:
        flow.recovery_box.setChecked(True)
    click(flow.create_button)
    if print_key:
        wait_until(lambda: flow.print_button.isVisible() and bool(flow.recovery_label.text()))
        print_key_to_file(flow)
        tick(flow.written_box)
        click(flow.start_button)
    wait_until(lambda: window.is_journal_shown())
    step("created")
    from driving import JournalPage  # once the window runs, as a person would meet it

    pane = JournalPage(window)
    editor = pane
    click(pane.new_button)
    type_into(editor.title, f"{canary['title']} title")
    type_into(editor.body, f"{canary['body']} body ![pixel](https://tracker.example.com/"
                                "p.gif) [link](https://example.com)")
    type_into(editor.tags, canary["tag"])
    wait_until(lambda: editor.status.text() == "Saved · encrypted")
    step("saved")
    editor.tabs.setCurrentIndex(1)  # the preview renders the remote image reference
    pause(50)
    editor.tabs.setCurrentIndex(0)
    type_into(pane.search, canary["search"])
    pause(50)
    pane.search.setText("")
    type_into(pane.search, canary["title"][:12])
    step("searched")
    window.help_action.trigger()
    pause(50)
    window.timeline_action.trigger()
    pause(100)
    window.journal_action.trigger()
    QTest.keyClick(pane.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: window.pages.currentWidget() is window.lock_screen)
    step("locked")
    unlock(ctl)
    focus = editor.body
    focus.setFocus()
    QTest.keyClick(focus, Qt.Key.Key_Escape)
    QTest.keyClick(focus, Qt.Key.Key_Escape)  # quick exit: the app quits
    step("quick exit")


def again(ctl: Any, canary: dict[str, str]) -> None:
    window = ctl.window
    wait_until(lambda: window.pages.currentWidget() is window.lock_screen)
    unlock(ctl)
    from driving import JournalPage  # once the window runs, as a person would meet it

    pane = JournalPage(window)
    type_into(pane.search, canary["title"][:12])
    pause(50)
    REPORT["found"] = ctl.journal.proxy.rowCount()
    cancel_a_summary(ctl)
    window.close()
    step("closed")


def save(ctl: Any, canary: dict[str, str]) -> None:
    window = ctl.window
    wait_until(lambda: window.pages.currentWidget() is window.lock_screen)
    unlock(ctl)
    dialog = open_share(ctl)
    click(dialog.protected_button)
    wait_until(lambda: dialog.file_dialog is not None and dialog.file_dialog.isVisible())
    file_dialog = dialog.file_dialog
    offered = file_dialog.selectedFiles()[0]  # the neutral name Unknot offers, in Documents
    QTest.keyClick(file_dialog.findChild(QLineEdit), Qt.Key.Key_Return)
    wait_until(lambda: dialog.passphrase_box is not None and dialog.passphrase_box.isVisible())
    words = dialog.passphrase_box.text().rsplit("\n", 1)[-1].strip()
    REPORT["written"].append({"what": "protected summary", "path": offered, "secret": words})
    REPORT["summary_status"] = dialog.status_label.text()
    click(dialog.passphrase_box.button(QMessageBox.StandardButton.Ok))
    wait_until(lambda: dialog.passphrase_box is None)
    step("protected summary saved")
    dialog.activateWindow()
    wait_until(lambda: QApplication.activeWindow() is dialog)
    QTest.keyClick(dialog.entry_list, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: window.pages.currentWidget() is window.lock_screen)
    step("locked from the summary dialog")
    window.close()
    step("closed")


def open_share(ctl: Any) -> Any:
    """Share (Ctrl+E), active as a window manager makes a new dialog, every entry ticked."""
    from driving import JournalPage

    QTest.keyClick(JournalPage(ctl.window).search, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier)
    wait_until(lambda: _summary_dialog() is not None)
    dialog = _summary_dialog()
    dialog.activateWindow()  # what a window manager does for a new dialog
    wait_until(lambda: QApplication.activeWindow() is dialog)
    click(dialog.tick_all)
    return dialog


def _summary_dialog() -> Any:
    found = [w for w in QApplication.topLevelWidgets()
             if w.objectName() == "summaryDialog" and w.isVisible()]
    return found[0] if found else None


def cancel_a_summary(ctl: Any) -> None:
    """Share: show the summary on screen, then cancel a PDF and a Markdown export."""
    dialog = open_share(ctl)
    click(dialog.show_button)
    wait_until(lambda: dialog.viewer is not None and dialog.viewer.isVisible())
    QTest.keyClick(dialog.viewer.browser, Qt.Key.Key_Escape)
    pause(400)  # not a second Esc within quick exit's interval
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
    pause(100)
    step("PDF export cancelled in the file dialog")
    click(dialog.markdown_button)
    wait_until(lambda: dialog.save_warning is not None and dialog.save_warning.isVisible())
    click(dialog.save_warning.button(QMessageBox.StandardButton.Cancel))
    pause(100)
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

    def build(data_paths: Any, qapp: Any, window: Any = None) -> Any:
        ctl = real_build(data_paths, qapp, window)
        REPORT["paths"] = {k: str(getattr(data_paths, k)) for k in ("data", "config", "cache")}

        def drive() -> None:
            try:
                if phase in ("first", "first-print"):
                    first(ctl, canary, print_key=phase == "first-print")
                else:
                    (save if phase == "save" else again)(ctl, canary)
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
