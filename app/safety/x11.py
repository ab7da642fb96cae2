"""Unknot's own X windows, written through Qt's X connection (libxcb, by ctypes).

Qt writes a window's class and application id only when it creates the window, and names two
hidden windows of its own (the client leader and the clipboard's selection owner) after the
application; discreet mode has to change all of them at run time. Every request goes through
Qt's own connection, so it stays in order with Qt's requests. Without X (Wayland, Windows,
macOS, the offscreen platform) `available` is false and every call does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util

from PySide6.QtGui import QGuiApplication

# xcb_change_property's mode, xcb_atom_t's built-in STRING and WM_NAME.
_REPLACE = 0
_XA_STRING, _XA_WM_NAME = 31, 39


class _Screen(ctypes.Structure):
    _fields_ = [("root", ctypes.c_uint32)]  # xcb_screen_t begins with its root window


class _ScreenIterator(ctypes.Structure):
    _fields_ = [("data", ctypes.POINTER(_Screen)), ("rem", ctypes.c_int),
                ("index", ctypes.c_int)]


class _Setup(ctypes.Structure):
    """The start of xcb_setup_t: enough to know which window ids this connection made."""
    _fields_ = [("status", ctypes.c_uint8), ("pad0", ctypes.c_uint8),
                ("protocol_major_version", ctypes.c_uint16),
                ("protocol_minor_version", ctypes.c_uint16), ("length", ctypes.c_uint16),
                ("release_number", ctypes.c_uint32), ("resource_id_base", ctypes.c_uint32),
                ("resource_id_mask", ctypes.c_uint32)]


def _load_xcb() -> ctypes.CDLL | None:
    """libxcb, which Qt's xcb platform has loaded already. Its usual name first: find_library
    runs `ldconfig -p` (or a compiler), which costs start-up time."""
    for name in ("libxcb.so.1", ctypes.util.find_library("xcb")):
        if name:
            try:
                return ctypes.CDLL(name)
            except OSError:
                continue
    return None


class X11Windows:
    """Writes X properties of Unknot's own windows."""

    def __init__(self, app: QGuiApplication) -> None:
        self._conn: int | None = None
        self._root: int | None = None
        self._atoms: dict[str, int] = {}
        if QGuiApplication.platformName() != "xcb":
            return
        native = getattr(app, "nativeInterface", lambda: None)()
        connection = getattr(native, "connection", None)
        if connection is None:
            return
        lib = _load_xcb()
        if lib is None:
            return
        vp, u8, u16, u32, uint = (ctypes.c_void_p, ctypes.c_uint8, ctypes.c_uint16,
                                  ctypes.c_uint32, ctypes.c_uint)
        for function, restype, argtypes in (
                ("xcb_intern_atom", uint, [vp, u8, u16, ctypes.c_char_p]),
                ("xcb_intern_atom_reply", ctypes.POINTER(u32 * 3), [vp, uint, vp]),
                ("xcb_change_property", uint, [vp, u8, u32, u32, u32, u8, u32, ctypes.c_char_p]),
                ("xcb_flush", ctypes.c_int, [vp]),
                ("xcb_map_window", uint, [vp, u32]),
                ("xcb_unmap_window", uint, [vp, u32]),
                ("xcb_get_setup", ctypes.POINTER(_Setup), [vp]),
                ("xcb_setup_roots_iterator", _ScreenIterator, [ctypes.POINTER(_Setup)]),
                ("xcb_send_event", uint, [vp, u8, u32, u32, ctypes.c_char_p]),
                ("xcb_query_tree", uint, [vp, u32]),
                ("xcb_query_tree_reply", vp, [vp, uint, vp]),
                ("xcb_query_tree_children", ctypes.POINTER(u32), [vp]),
                ("xcb_query_tree_children_length", ctypes.c_int, [vp])):
            call = getattr(lib, function)
            call.restype = restype
            call.argtypes = argtypes
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

    def _set(self, window_id: int, prop: int, kind: int, value: bytes) -> None:
        self._lib.xcb_change_property(self._conn, _REPLACE, window_id, prop, kind, 8,
                                      len(value), value)

    def stamp(self, window_id: int, wm_instance: str, wm_class: str, desktop_id: str) -> None:
        """WM_CLASS and the application id (_GTK_APPLICATION_ID, _KDE_NET_WM_DESKTOP_FILE)."""
        if not self._conn:
            return
        utf8 = self._atom("UTF8_STRING")
        self._set(window_id, self._atom("WM_CLASS"), _XA_STRING,
                  f"{wm_instance}\0{wm_class}\0".encode())
        for prop in ("_GTK_APPLICATION_ID", "_KDE_NET_WM_DESKTOP_FILE"):
            self._set(window_id, self._atom(prop), utf8, desktop_id.encode())
        self._lib.xcb_flush(self._conn)

    def root(self) -> int:
        if self._root is None:
            iterator = self._lib.xcb_setup_roots_iterator(self._lib.xcb_get_setup(self._conn))
            self._root = int(iterator.data.contents.root) if iterator.data else 0
        return self._root

    def own_top_level_windows(self) -> list[int]:
        """Every child of the root window made by this connection, mapped or not."""
        if not self._conn or not self.root():
            return []
        setup = self._lib.xcb_get_setup(self._conn).contents
        base, mask = int(setup.resource_id_base), int(setup.resource_id_mask)
        reply = self._lib.xcb_query_tree_reply(
            self._conn, self._lib.xcb_query_tree(self._conn, self.root()), None)
        if not reply:
            return []
        try:
            count = self._lib.xcb_query_tree_children_length(reply)
            children = self._lib.xcb_query_tree_children(reply)
            return [int(children[i]) for i in range(count) if children[i] & ~mask == base]
        finally:
            self._free(reply)

    def rename(self, window_id: int, title: str) -> None:
        """WM_NAME and _NET_WM_NAME of a window Qt does not title (its hidden helpers)."""
        if not self._conn:
            return
        self._set(window_id, _XA_WM_NAME, _XA_STRING, title.encode("latin-1", "replace"))
        self._set(window_id, self._atom("_NET_WM_NAME"), self._atom("UTF8_STRING"),
                  title.encode())
        self._lib.xcb_flush(self._conn)

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
