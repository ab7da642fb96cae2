"""One window per journal: the first start on a data folder holds its writer lock
(journal/instance_lock.py) and listens on a private local socket; a second start asks the first
to come forward and ends, or, if no answer comes, says plainly that the journal is open in
another window.

The socket's name is a hash of the data folder's path — never the path itself, never a word that
says what it is — and on Linux and macOS it lives in the user's own runtime folder, readable by
the user only. Qt's network module is never loaded (tests/e2e/test_privacy.py).
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, Signal

from unknot.journal.instance_lock import InstanceLock

if TYPE_CHECKING:
    import socket

    from PySide6.QtWidgets import QMessageBox, QWidget

COME_FORWARD = b"forward\n"
CAME_FORWARD = b"ok\n"
ANSWER_WAIT_S = 3.0
# A first window holds the lock from its first instant but listens only once it has painted:
# a second start that finds no socket yet tries again for this long.
LISTEN_WAIT_S = 2.0
RETRY_EVERY_S = 0.05


def server_name(data_folder: Path) -> str:
    """The local socket's name for `data_folder`: a hash, in the user's runtime folder."""
    import hashlib  # here, not at start-up: only listening and asking need the name

    digest = hashlib.sha256(os.fsencode(Path(data_folder).resolve())).hexdigest()[:32]
    name = f"n{digest}"
    if os.name != "posix":
        return name  # no local socket there: only the lock (see SingleInstance)
    runtime = _runtime_folder()
    return str(runtime / name) if runtime is not None else name


def _runtime_folder() -> Path | None:
    """$XDG_RUNTIME_DIR, or (where there is none, as on macOS) a folder of the user's own in
    the temporary folder, 0700 and owned by the user; None if neither can be had."""
    given = os.environ.get("XDG_RUNTIME_DIR")
    if given and Path(given).is_dir():
        return Path(given)
    import tempfile  # only where there is no runtime folder: it costs start-up time

    folder = Path(tempfile.gettempdir()) / f"runtime-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        return None  # not ours, or open to others: Qt's own place, with user-only access
    return folder


def _local_family() -> int | None:
    """AF_UNIX where the system has it (None on Windows)."""
    import socket

    family = getattr(socket, "AF_UNIX", None)
    return int(family) if family is not None else None


class SingleInstance(QObject):
    """Signals:
        come_forward_requested(): a second start on this data folder asked for this window.

    The socket is a plain local (AF_UNIX) socket watched by Qt's event loop, so that nothing of
    Qt's network module is ever loaded. Where there is none (Windows), the lock alone keeps one
    writer, and a second start says that the journal is open in another window.

    claim() takes the lock, which is all a start needs before its first window shows;
    listen() opens the socket, once the window has painted (main() calls it then).
    """

    come_forward_requested = Signal()

    def __init__(self, data_folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder = Path(data_folder)
        self._lock = InstanceLock(data_folder)
        self._name: str | None = None
        self._server: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None

    @property
    def name(self) -> str:
        if self._name is None:
            self._name = server_name(self._folder)
        return self._name

    def claim(self) -> bool:
        """True if this process is the journal's one writer. A folder where the lock file
        cannot be made (read-only) is let through: nothing can be written there by anyone, and
        unlocking says so. Call listen() next, so that a second start can find this one."""
        try:
            return self._lock.acquire()
        except OSError:
            return True

    def listen(self) -> None:
        """Open the socket a second start asks through (only while holding the lock)."""
        family = _local_family()
        if not self._lock.held or self._server is not None or family is None \
                or not os.path.isabs(self.name):
            return
        import socket

        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.name)  # left by a process that crashed: we hold the lock now
        server = socket.socket(family, socket.SOCK_STREAM)
        mask = os.umask(0o177)  # the socket is the user's only (0600) from its first instant
        try:
            server.bind(self.name)
            server.listen(4)
        except OSError:
            server.close()
            return  # no socket: a second start will say it is open elsewhere
        finally:
            os.umask(mask)
        server.setblocking(False)
        self._server = server
        self._notifier = QSocketNotifier(server.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)

    def ask_first_to_come_forward(self) -> bool:
        """From a second start: ask the first window to come forward; True if it answered.
        A first window that is still starting (no socket yet) is given LISTEN_WAIT_S."""
        family = _local_family()
        if family is None or not os.path.isabs(self.name):
            return False
        import socket

        deadline = time.monotonic() + LISTEN_WAIT_S
        while True:
            try:
                with socket.socket(family, socket.SOCK_STREAM) as client:
                    client.settimeout(ANSWER_WAIT_S)
                    client.connect(self.name)
                    client.sendall(COME_FORWARD)
                    return client.recv(len(CAME_FORWARD)) == CAME_FORWARD
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() >= deadline:
                    return False
                time.sleep(RETRY_EVERY_S)  # not listening yet: it is still painting
            except OSError:
                return False

    def release(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._server is not None:
            self._server.close()
            self._server = None
            with contextlib.suppress(OSError):
                os.unlink(self.name)
        self._lock.release()

    def _on_notifier_activated(self, *_args: object) -> None:
        if self._server is None:
            return
        try:
            peer, _address = self._server.accept()
        except OSError:
            return
        with peer:
            peer.settimeout(ANSWER_WAIT_S)
            try:
                asked = peer.recv(len(COME_FORWARD)) == COME_FORWARD
                if asked:
                    peer.sendall(CAME_FORWARD)
            except OSError:
                return
        if asked:
            self.come_forward_requested.emit()


def bring_forward(window: QWidget) -> None:
    """Show `window` above the others, as it is (locked, unlocked or the blank screen)."""
    from PySide6.QtCore import Qt

    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


def open_elsewhere_box(title: str) -> QMessageBox:
    """What a second start says when the first window did not answer."""
    from PySide6.QtWidgets import QMessageBox

    translate = QCoreApplication.translate  # lupdate reads translate("SingleInstance", "…")
    box = QMessageBox(QMessageBox.Icon.Information, title,
                      translate("SingleInstance", "This is already open in another window."),
                      QMessageBox.StandardButton.Ok)
    box.setInformativeText(translate("SingleInstance",
        "Only one window can write at a time, so that nothing written in one is lost in the "
        "other. Please use the window that is open (look for it on the taskbar); this one "
        "closes now."))
    return box


def one_window(data_folder: Path, discreet: bool) -> SingleInstance | None:
    """At start-up: the SingleInstance this process holds, or None if the data folder is open
    in another window (which was asked to come forward, or the person was told)."""
    from unknot.journal.errors import UnknotError
    from unknot.journal.storage import ensure_private_dir

    with contextlib.suppress(UnknotError):  # the window says what is wrong with the folder
        ensure_private_dir(data_folder)
    instance = SingleInstance(data_folder)
    if instance.claim():
        return instance
    if not instance.ask_first_to_come_forward():
        open_elsewhere_box("Notes" if discreet else "Unknot").exec()
    return None
