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
import ctypes
import ctypes.util
import os
import sys
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

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


def remove_desktop_override(folder: Path | None = None) -> None:
    """Only the entry Unknot wrote: one the user made by hand (without our neutral name and
    class) stays."""
    target = (folder or applications_dir()) / DESKTOP_FILE
    with contextlib.suppress(OSError):
        text = target.read_text(encoding="utf-8")
        if f"Name={NEUTRAL_NAME}\n" in text and f"StartupWMClass={NEUTRAL.wm_class}" in text:
            target.unlink()


class _Screen(ctypes.Structure):
    _fields_ = [("root", ctypes.c_uint32)]  # xcb_screen_t begins with its root window


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.POINTER(_Screen)), ("rem", ctypes.c_int),
                ("index", ctypes.c_int)]


class _X11Properties:
    """Writes X properties of Unknot's own windows through Qt's X connection (libxcb)."""

    def __init__(self, app: QGuiApplication) -> None:
        self._conn: int | None = None
        self._root: int | None = None
        self._atoms: dict[str, int] = {}
        native = getattr(app, "nativeInterface", lambda: None)()
        connection = getattr(native, "connection", None)
        name = ctypes.util.find_library("xcb")
        if connection is None or name is None or QGuiApplication.platformName() != "xcb":
            return
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            return
        lib.xcb_intern_atom.restype = ctypes.c_uint
        lib.xcb_intern_atom.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16,
                                        ctypes.c_char_p]
        lib.xcb_intern_atom_reply.restype = ctypes.POINTER(ctypes.c_uint32 * 3)
        lib.xcb_intern_atom_reply.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_void_p]
        lib.xcb_change_property.restype = ctypes.c_uint
        lib.xcb_change_property.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32,
                                            ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint8,
                                            ctypes.c_uint32, ctypes.c_char_p]
        lib.xcb_flush.argtypes = [ctypes.c_void_p]
        for call in (lib.xcb_map_window, lib.xcb_unmap_window):
            call.restype = ctypes.c_uint
            call.argtypes = [ctypes.c_void_p, ctypes.c_uint32]
        lib.xcb_get_setup.restype = ctypes.c_void_p
        lib.xcb_get_setup.argtypes = [ctypes.c_void_p]
        lib.xcb_setup_roots_iterator.restype = _ScreenIterator
        lib.xcb_setup_roots_iterator.argtypes = [ctypes.c_void_p]
        lib.xcb_send_event.restype = ctypes.c_uint
        lib.xcb_send_event.argtypes = [ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint32,
                                       ctypes.c_uint32, ctypes.c_char_p]
        self._lib = lib
        self._free = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").free
        self._free.argtypes = [ctypes.c_void_p]
        self._conn = int(connection())

    @property
    def available(self) -> bool:
        return bool(self._conn)

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            raw = name.encode()
            cookie = self._lib.xcb_intern_atom(self._conn, 0, len(raw), raw)
            reply = self._lib.xcb_intern_atom_reply(self._conn, cookie, None)
            if not reply:
                return 0
            self._atoms[name] = int(reply.contents[2])  # type, pad, sequence | length | atom
            self._free(ctypes.cast(reply, ctypes.c_void_p))
        return self._atoms[name]

    def stamp(self, window_id: int, identity: Identity) -> None:
        if not self._conn:
            return
        wm_class = f"{identity.wm_instance}\0{identity.wm_class}\0".encode()
        desktop = identity.desktop_id.encode()
        string, utf8 = self._atom("STRING"), self._atom("UTF8_STRING")
        for prop, kind, value in (("WM_CLASS", string, wm_class),
                                  ("_GTK_APPLICATION_ID", utf8, desktop),
                                  ("_KDE_NET_WM_DESKTOP_FILE", utf8, desktop)):
            self._lib.xcb_change_property(self._conn, 0, window_id, self._atom(prop), kind, 8,
                                          len(value), value)  # 0: replace
        self._lib.xcb_flush(self._conn)

    def root(self) -> int:
        if self._root is None:
            iterator = self._lib.xcb_setup_roots_iterator(self._lib.xcb_get_setup(self._conn))
            self._root = int(iterator.data.contents.root) if iterator.data else 0
        return self._root

    def withdraw(self, window_id: int) -> None:
        """Unmap a window the way ICCCM asks (a real and a synthetic UnmapNotify), so that the
        window manager forgets it and reads its class afresh when it maps again."""
        root_id = self.root() if self._conn else 0
        if not root_id:
            return
        self._lib.xcb_unmap_window(self._conn, window_id)
        # xcb_unmap_notify_event_t: type 18, pad, sequence, event, window, from_configure.
        event = bytes([18, 0, 0, 0]) + root_id.to_bytes(4, "little") \
            + window_id.to_bytes(4, "little") + bytes(20)
        mask = (1 << 19) | (1 << 20)  # SubstructureNotify | SubstructureRedirect
        self._lib.xcb_send_event(self._conn, 0, root_id, mask, event)
        self._lib.xcb_flush(self._conn)

    def map(self, window_id: int) -> None:
        if self._conn:
            self._lib.xcb_map_window(self._conn, window_id)
            self._lib.xcb_flush(self._conn)


class DesktopIdentity(QObject):
    """Applies one identity to every window of Unknot's, now and as windows appear.

    An application-wide event filter: a window shown later (a dialog, a message) gets the same
    identity, and in the neutral identity no title names Unknot.
    """

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._x11 = _X11Properties(app)
        self.identity = UNKNOT
        app.installEventFilter(self)

    def apply(self, identity: Identity, main_title: str | None = None) -> None:
        changed = identity is not self.identity
        self.identity = identity
        QGuiApplication.setApplicationDisplayName(identity.name)
        QGuiApplication.setDesktopFileName(identity.desktop_id)
        icon = app_icon(identity.icon)
        QGuiApplication.setWindowIcon(icon)
        for widget in QApplication.topLevelWidgets():
            if main_title is not None and widget.parentWidget() is None \
                    and widget.windowType() == Qt.WindowType.Window:
                widget.setWindowTitle(main_title)
            widget.setWindowIcon(icon)
            self._fit(widget)
            if changed and widget.isVisible() and self._x11.available:
                self._remap(widget)

    def _remap(self, widget: QWidget) -> None:
        """Window managers read the class when a window maps: map it again, at the X level
        only, so Qt keeps every widget, its text and focus as they were."""
        window_id = int(widget.winId())
        self._x11.withdraw(window_id)
        QTimer.singleShot(REMAP_DELAY_MS, lambda: self._x11.map(window_id))

    def _fit(self, widget: QWidget) -> None:
        if self.identity is NEUTRAL and "unknot" in widget.windowTitle().lower():
            widget.setWindowTitle(NEUTRAL_NAME)
        handle = widget.windowHandle()
        if handle is not None:
            # Qt appends the display name to a title only when it changes: say it again.
            handle.setTitle(handle.title() + " ")
            handle.setTitle(widget.windowTitle())
        if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Created) and self._x11.available:
            self._x11.stamp(int(widget.winId()), self.identity)

    def detach(self) -> None:
        self._app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) \
                and watched.isWindow():
            self._fit(watched)
        return False

