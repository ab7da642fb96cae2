"""The window that shows first: built and shown before the rest of Unknot is imported or wired
(app/main.py's first_window), in the person's words from its first frame, and without building
PySide's `Qt` namespace (app/widgets/early_qt.py) — the start-up figures of
tests/benchmarks/bench_start.py depend on it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from unknot.app.main import first_window, prepare
from unknot.app.preferences import Preferences
from unknot.app.widgets import early_qt
from unknot.journal.paths import DataPaths
from vaults import make_vault

FIRST_SCREEN_ALONE = textwrap.dedent("""
    import enum, gc, sys
    from PySide6.QtWidgets import QApplication
    app = QApplication(sys.argv[:1])
    from unknot.app.main import first_window, prepare
    from unknot.app.preferences import Preferences
    from unknot.journal.paths import DataPaths

    paths = DataPaths.in_folder(sys.argv[1])
    prepare(paths, app)
    window = first_window(paths, Preferences())
    window.show()
    for _ in range(5):
        app.processEvents()
    page = window.pages.currentWidget().metaObject().className()
    built = sorted(t.__qualname__ for t in gc.get_objects()
                   if isinstance(t, enum.EnumMeta) and t.__qualname__.startswith("Qt."))
    print(page, len(built), ",".join(built[:5]))
    import unknot.app.controller  # noqa: F401 - what wire() brings in after the first frame
    print("controller", "unknot.app.journal_pane.controller" in sys.modules)
""")


def _first_screen_alone(folder: Path) -> list[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("PYTHONPATH", None)
    result = subprocess.run([sys.executable, "-c", FIRST_SCREEN_ALONE, str(folder)],
                            capture_output=True, text=True, env=env, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")


def test_the_lock_screen_shows_without_building_the_qt_namespace(tmp_path: Path) -> None:
    make_vault(DataPaths.in_folder(tmp_path).vault).close()
    page, controller = _first_screen_alone(tmp_path)[:2]
    assert page.startswith("LockScreen 0 "), page
    # The unlocked panes are still not imported when the root controller is.
    assert controller == "controller False"


def test_first_run_shows_without_building_the_qt_namespace(tmp_path: Path) -> None:
    page = _first_screen_alone(tmp_path)[0]
    assert page.startswith("SetupFlow "), page
    # First run is built on demand (app/widgets/lazy_page.py), with Qt's enums as usual.


def test_the_first_screen_flags_are_the_enums_they_stand_for(qtbot: QtBot, qapp: QApplication,
                                                             data_paths: DataPaths) -> None:
    make_vault(data_paths.vault).close()
    prepare(data_paths, qapp)
    window = first_window(data_paths, Preferences(discreet_mode=True))
    qtbot.addWidget(window)
    assert window.toolbar.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextOnly
    assert window.quick_exit_button.focusPolicy() == Qt.FocusPolicy.TabFocus
    for action in window.toolbar.actions():
        button = window.toolbar.widgetForAction(action)
        if button is not None and action.text():
            assert button.focusPolicy() == Qt.FocusPolicy.TabFocus, action.text()
    status = window.lock_screen.status_label
    assert status.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    assert Qt.FocusPolicy.TabFocus.value == early_qt.TAB_FOCUS
    assert window.lock_action.shortcut() == QKeySequence("Ctrl+L")
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert window.lock_action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    # In the person's words from the first frame: discreet mode names no journal.
    assert window.windowTitle() == "Notes"
    assert "journal" not in window.lock_screen.title_label.text().lower()
    assert window.pages.currentWidget() is window.lock_screen
    assert not window.setup.built  # first run's pages wait until a first run needs them


def test_the_journal_panes_are_ready_before_unlock_and_hold_nothing(qtbot: QtBot, make_app: Any,
                                                                    data_paths: DataPaths) -> None:
    """While the passphrase is typed, the journal's panes are built a pane per turn of the
    event loop (app/controller.py's PREPARE_AFTER_MS): empty, hidden, the lock screen still in
    front and answering; Unlock then shows the journal with them, built once."""
    from driving import JournalPage, unlock
    from unknot.app.controller import PREPARE_AFTER_MS
    from vaults import sample_entries

    with make_vault(data_paths.vault) as vault:
        vault.save_many(sample_entries(3))
    ctl = make_app()
    assert ctl.journal is None
    typed: list[str] = []
    ctl.window.lock_screen.secret_edit.textEdited.connect(typed.append)
    qtbot.keyClicks(ctl.window.lock_screen.secret_edit, "par")  # typing as it is built
    qtbot.waitUntil(lambda: ctl.journal is not None, timeout=PREPARE_AFTER_MS + 10_000)
    assert ctl.window.built and ctl.window.pages.currentWidget() is ctl.window.lock_screen
    assert not ctl.session.is_unlocked and ctl.state.entries() == []
    assert JournalPage(ctl.window).rows.rowCount() == 0
    journal_pane = ctl.window.journal_pane
    ctl.window.lock_screen.secret_edit.clear()
    unlock(qtbot, ctl)
    assert typed[:3] == ["p", "pa", "par"]  # nothing typed meanwhile was lost
    assert ctl.window.journal_pane is journal_pane  # the same panes, not built again
    qtbot.waitUntil(lambda: JournalPage(ctl.window).rows.rowCount() == 3, timeout=5000)
