"""What the desktop sees of Unknot, and discreet mode reaching all of it at once.

A taskbar, a window switcher and a dock read more than a window's title: the window class
(WM_CLASS), the application id (_GTK_APPLICATION_ID, _KDE_NET_WM_DESKTOP_FILE), the icon, and the
menu entry those ids lead to. Qt writes the ids only when a window is created and computes
WM_CLASS once per process, so changing them at run time means writing the X properties of every
window that exists (through Qt's own X connection, so they stay in order with Qt's requests) and
telling Qt the new desktop file name for the windows still to come. A per-user desktop entry
(`$XDG_DATA_HOME/applications/org.unknot.Unknot.desktop`, mode 0600) overrides the installed one
while discreet mode is on: the menu says "Notes" with the plain icon.

The neutral screen after quick exit uses the neutral identity whether discreet mode is on or not.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from unknot.app.safety.x11 import X11Windows
from unknot.app.widgets.icons import app_icon

APP_ID = "org.unknot.Unknot"
DESKTOP_FILE = APP_ID + ".desktop"
NEUTRAL_NAME = "Notes"
# Long enough for a window manager to let go of a window before it maps again; nothing waits.
REMAP_DELAY_MS = 150


@dataclass(frozen=True)
class Identity:
    name: str          # the application's display name; Qt appends it to dialog titles
    desktop_id: str    # _GTK_APPLICATION_ID / _KDE_NET_WM_DESKTOP_FILE
    wm_instance: str   # WM_CLASS, first part
    wm_class: str      # WM_CLASS, second part
    icon: str          # "unknot" or "notes" (resources/icons)


UNKNOT = Identity("Unknot", APP_ID, "unknot", "Unknot", "unknot")
NEUTRAL = Identity(NEUTRAL_NAME, "notes", "notes", NEUTRAL_NAME, "notes")


def applications_dir() -> Path:
    """Where a per-user desktop entry goes (the XDG base directory specification)."""
    data_home = os.environ.get("XDG_DATA_HOME") or ""
    base = Path(data_home) if os.path.isabs(data_home) else Path.home() / ".local" / "share"
    return base / "applications"


def neutral_icon_path() -> Path:
    """The installed plain icon, as a file a menu can read."""
    with as_file(files("unknot.resources").joinpath("icons", "notes.svg")) as path:
        return Path(path)


def write_desktop_override(folder: Path | None = None) -> Path:
    """The menu entry, as discreet mode wants it: "Notes", the plain icon, nothing else named.
    Readable by the user only; written beside and renamed, so a menu never reads half of it."""
    folder = folder or applications_dir()
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = folder / DESKTOP_FILE
    exec_line = Path(sys.argv[0]).name if Path(sys.argv[0]).name == "unknot" else "unknot"
    text = ("[Desktop Entry]\nType=Application\n"
            f"Name={NEUTRAL_NAME}\nGenericName={NEUTRAL_NAME}\nComment={NEUTRAL_NAME}\n"
            f"Exec={exec_line}\nIcon={neutral_icon_path()}\nTerminal=false\n"
            f"Categories=Office;\nStartupNotify=true\nStartupWMClass={NEUTRAL.wm_class}\n")
    temp = target.with_name(target.name + ".part")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.chmod(temp, 0o600)
    os.replace(temp, target)
    return target


def own_desktop_override(folder: Path | None = None) -> Path | None:
    """The menu entry Unknot wrote (discreet mode's), if there is one; one the user made by
    hand is not Unknot's ("Remove everything" passes this to the core)."""
    target = (folder or applications_dir()) / DESKTOP_FILE
    try:
        text = target.read_text(encoding="utf-8")
    except OSError:
        return None
    ours = f"Name={NEUTRAL_NAME}\n" in text and f"StartupWMClass={NEUTRAL.wm_class}" in text
    return target if ours else None


def remove_desktop_override(folder: Path | None = None) -> None:
    """Only the entry Unknot wrote: one the user made by hand (without our neutral name and
    class) stays."""
    target = (folder or applications_dir()) / DESKTOP_FILE
    with contextlib.suppress(OSError):
        text = target.read_text(encoding="utf-8")
        if f"Name={NEUTRAL_NAME}\n" in text and f"StartupWMClass={NEUTRAL.wm_class}" in text:
            target.unlink()


class DesktopIdentity(QObject):
    """Applies one identity to every window of Unknot's, now and as windows appear.

    An application-wide event filter: a window shown later (a dialog, a message) gets the same
    identity, and in the neutral identity no title names Unknot.
    """

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._x11 = X11Windows(app)
        self.identity = UNKNOT
        app.installEventFilter(self)

    def apply(self, identity: Identity, main_title: str | None = None) -> None:
        """Titles first, then class and ids, then the re-map that makes a window manager read
        them all again: what it records at the new map is the new identity."""
        changed = identity is not self.identity
        self.identity = identity
        QGuiApplication.setApplicationDisplayName(identity.name)
        QGuiApplication.setDesktopFileName(identity.desktop_id)
        icon = app_icon(identity.icon)
        QGuiApplication.setWindowIcon(icon)
        widgets = QApplication.topLevelWidgets()
        for widget in widgets:
            if main_title is not None and widget.parentWidget() is None \
                    and widget.windowType() == Qt.WindowType.Window:
                widget.setWindowTitle(main_title)
            widget.setWindowIcon(icon)
            self._fit(widget)
        self._rename_helpers()
        if changed and self._x11.available:
            for widget in widgets:
                if widget.isVisible():
                    self._remap(widget)

    def _rename_helpers(self) -> None:
        """Qt's hidden windows (the client leader, the clipboard's owner) carry the
        application's name from the start; they say the identity's name instead."""
        qt_windows = {int(w.winId()) for w in QApplication.topLevelWidgets()
                      if w.testAttribute(Qt.WidgetAttribute.WA_WState_Created)}
        for window_id in self._x11.own_top_level_windows():
            if window_id not in qt_windows:
                self._x11.rename(window_id, self.identity.name)

    def _remap(self, widget: QWidget) -> None:
        """Window managers read the class when a window maps: map it again, at the X level
        only, so Qt keeps every widget, its text and focus as they were."""
        window_id = int(widget.winId())
        self._x11.withdraw(window_id)

        def map_again() -> None:
            # Not a window hidden or gone meanwhile (quick exit, a dialog closed).
            if shiboken6.isValid(widget) and widget.isVisible() \
                    and int(widget.winId()) == window_id:
                self._x11.map(window_id)

        QTimer.singleShot(REMAP_DELAY_MS, map_again)

    def _fit(self, widget: QWidget) -> None:
        if self.identity is NEUTRAL and "unknot" in widget.windowTitle().lower():
            widget.setWindowTitle(NEUTRAL_NAME)
        handle = widget.windowHandle()
        if handle is not None:
            # Qt appends the display name to a title only when it changes: say it again.
            handle.setTitle(handle.title() + " ")
            handle.setTitle(widget.windowTitle())
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Created) and self._x11.available:
            self._x11.stamp(int(widget.winId()), self.identity.wm_instance,
                            self.identity.wm_class, self.identity.desktop_id)

    def detach(self) -> None:
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow():
            self._fit(watched)
        return False
