"""The few Qt flags the first screen sets, without building PySide's `Qt` namespace.

The first time any member of `Qt` (`Qt.AlignmentFlag`, `Qt.FocusPolicy`…) is touched — even
returned by a method such as `QLabel.alignment()` — PySide builds the Python enums of the whole
namespace at once, about ninety of them: 20 to 30 ms, a tenth of a bare PySide window's start. The
window that shows first (the lock screen and the toolbar) sets its flags through Qt's property
system by number instead, and nothing on it reads one back; everything built later uses `Qt.…`
as usual. tests/app/test_first_screen.py checks each number against its enum, and that the first
screen leaves the namespace unbuilt.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QToolBar, QWidget

TAB_FOCUS = 0x1            # Qt.FocusPolicy.TabFocus
TEXT_ONLY = 1              # Qt.ToolButtonStyle.ToolButtonTextOnly
SELECTABLE_BY_MOUSE = 0x1  # Qt.TextInteractionFlag.TextSelectableByMouse


def tab_focus(widget: QWidget) -> None:
    """Reached with Tab, not by a click (a toolbar button keeps the focus where it was)."""
    widget.setProperty("focusPolicy", TAB_FOCUS)


def text_only(toolbar: QToolBar) -> None:
    toolbar.setProperty("toolButtonStyle", TEXT_ONLY)


def selectable_by_mouse(label: QLabel) -> None:
    label.setProperty("textInteractionFlags", SELECTABLE_BY_MOUSE)


def set_shortcut(action: QAction, keys: QKeySequence) -> None:
    """As QAction.setShortcut(), whose overloads (Qt.Key among them) build the namespace."""
    action.setProperty("shortcut", keys)
