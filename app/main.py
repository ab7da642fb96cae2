"""`unknot`: parse arguments, build every object explicitly, and run the window."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from unknot.journal.paths import DataPaths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from unknot.app.controller import AppController
    from unknot.app.main_window import MainWindow
    from unknot.app.preferences import Preferences
    from unknot.app.unlock.setup_flow import SetupFlow

APP_ID = "org.unknot.Unknot"
# The core is imported on the worker once the first screen has painted: imported at once, it
# competed with the first paint for the interpreter (Python runs one thread at a time), and
# nobody can type a passphrase in the first half second anyway.
WARM_UP_AFTER_MS = 500
# The first screen shows before the features behind it are imported and wired (they come right
# after its first frame); at the latest this long after it was shown, painted or not.
WIRE_LATEST_MS = 1000


def version() -> str:
    """The installed version (one source: pyproject.toml, through the package's metadata)."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed_version

    try:
        return installed_version("unknot")
    except PackageNotFoundError:  # run from a folder that was never installed
        return "unknown"


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for: reading the package's metadata costs start-up
    time that the first screen should not wait for."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"unknot {version()}")  # noqa: T201 (the command's answer)
        parser.exit()


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="unknot", description="Unknot, a private journal.")
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show Unknot's version and exit")
    parser.add_argument("--data-dir", type=Path, metavar="DIR",
                        help="keep the journal, settings and cache in DIR (portable use)")
    parser.add_argument("--demo", action="store_true",
                        help="open a temporary journal of sample data; nothing is kept")
    # For the checks of a wheel or a bundle: show the first window, then end with exit code 0.
    parser.add_argument("--quit-when-shown", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def harden_process() -> None:
    """Cheap things that keep decrypted text off the disk and out of other programs' reach, first
    thing (so a later change of the start cannot leave a window open): no core dumps, no Qt
    disk caches, a process that cannot be read."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass
    os.environ.setdefault("QT_DISABLE_SHADER_DISK_CACHE", "1")
    make_undumpable()


def make_undumpable() -> bool:
    """Linux: another program of the same user cannot read this process's memory
    (/proc/PID/mem, ptrace) and no core dump is written. True if it took effect."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_dumpable = 4
        return int(libc.prctl(pr_set_dumpable, 0, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def install_exception_hook() -> None:
    """An unexpected error is logged by type and place only (never journal text) and shown."""
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        where = traceback.extract_tb(tb)[-1] if tb else None
        place = f"{Path(where.filename).name}:{where.lineno}" if where else "?"
        import logging  # only when something went wrong

        logging.getLogger("unknot").error("unexpected %s at %s", kind.__name__, place)
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(None, "Unknot", QCoreApplication.translate(
                "ExceptionHook", "Something unexpected went wrong (%1). What you saved is "
                "safe.").replace("%1", kind.__name__))

    sys.excepthook = hook


def point_qt_settings(data_paths: DataPaths) -> None:
    """Qt keeps its own settings (the file dialog's recent folders) in the user's config
    folder; they go to Unknot's cache instead, so nothing is written outside Unknot's folders."""
    from PySide6.QtCore import QSettings

    from unknot.journal.storage import ensure_private_dir

    ensure_private_dir(data_paths.cache / "qt")
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(data_paths.cache / "qt"))


def offer_sample_data(app: QApplication, controller: AppController,
                      data_paths: DataPaths) -> None:
    """First run's "Look around with sample data first" opens the sample journal in a window
    of its own (app/demo.py); closing it comes back to first run."""
    def open_sample() -> None:
        from unknot.app.demo import SampleWindow

        SampleWindow(app, controller, build, lambda: point_qt_settings(data_paths))

    def wire(flow: SetupFlow) -> None:
        flow.sample_requested.connect(open_sample)

    controller.window.setup.when_built(wire)


def prepare(data_paths: DataPaths, app: QApplication) -> None:
    """Before any window: the visual language, Unknot's private folders, Qt's settings there."""
    from unknot.app.widgets import style
    from unknot.journal.storage import ensure_private_dir

    style.install(app)  # the one visual language: accent, placeholders, the small style sheet
    for folder in (data_paths.data, data_paths.config, data_paths.cache):
        ensure_private_dir(folder)
    point_qt_settings(data_paths)


def first_window(data_paths: DataPaths, prefs: Preferences) -> MainWindow:
    """The window as it first shows — the lock screen, or first run where there is no
    journal — in the person's words (title, discreet mode, quick exit), before the rest of
    Unknot is imported or wired. Not shown yet."""
    from unknot.app.main_window import MainWindow, window_title
    from unknot.app.preferences import WindowState

    window = MainWindow()
    window.present(prefs, window_title(prefs))
    window.restore_geometry(WindowState(data_paths.cache))
    window.set_journal_actions_enabled(False)
    if data_paths.vault.exists():
        window.show_lock()
    else:
        window.show_setup()
    return window


def build(data_paths: DataPaths, app: QApplication,
          window: MainWindow | None = None) -> AppController:
    """Build everything behind the window (the window too, unless `first_window()` made it
    already); returns the AppController, its window not yet shown by it. Only what the first
    screen needs is imported here: the panes of an unlocked journal come at the first unlock."""

    from PySide6.QtCore import Qt, QTimer

    from unknot.app.controller import AppController
    from unknot.app.main_window import MainWindow
    from unknot.app.preferences import Preferences, WindowState
    from unknot.app.session import JournalSession
    from unknot.app.vault_worker import VaultWorker

    if window is None:
        prepare(data_paths, app)
        window = MainWindow()
    prefs_path = data_paths.config / "preferences.json"
    prefs = Preferences.load(prefs_path)
    worker = VaultWorker()
    worker.setParent(window)
    session = JournalSession(worker, data_paths.vault, window)
    # Once the event loop runs (the first screen is up), the worker imports the core.
    QTimer.singleShot(WARM_UP_AFTER_MS, session.warm_up)
    controller = AppController(app, window, session, worker, prefs, prefs_path,
                               WindowState(data_paths.cache))
    # After the root built the panes at the first unlock: "Before you read" once, not every run.
    session.unlocked.connect(lambda _loaded: _before_you_read_once(controller),
                             Qt.ConnectionType.SingleShotConnection)
    return controller


def _before_you_read_once(controller: AppController) -> None:
    pane, settings = controller.window.read_pane, controller.settings
    if controller.prefs.before_you_read_seen:
        pane.skip_before_you_read()
    else:
        pane.before_you_read_dismissed.connect(
            lambda: settings.update(before_you_read_seen=True))


def after_first_paint(window: QWidget, then: Callable[[], None]) -> None:
    """Run `then` once `window` has painted its first frame (or after WIRE_LATEST_MS, should no
    paint come, as for a window that starts minimised)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__(window)
            self.done = False
            window.installEventFilter(self)
            QTimer.singleShot(WIRE_LATEST_MS, self.fire)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if watched is window and event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, self.fire)  # once the whole frame is on the screen
            return False

        def fire(self) -> None:
            if not self.done:
                self.done = True
                window.removeEventFilter(self)
                then()

    FirstPaint()


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    harden_process()
    install_exception_hook()
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    QGuiApplication.setDesktopFileName(APP_ID)
    QGuiApplication.setApplicationName("Unknot")
    app = QApplication(sys.argv[:1])
    # Before any window: the system's language (or UNKNOT_LANG), English where Unknot has none.
    from unknot.app.i18n import install_translation

    install_translation(app)
    wake = QTimer(app)  # lets Python see a signal (SIGTERM) while Qt's loop runs
    wake.start(250)
    wake.timeout.connect(lambda: None)
    if args.demo:
        return _run_demo(app, args)

    from unknot.app.preferences import Preferences
    from unknot.app.unlock import instance as single

    data_paths = DataPaths.in_folder(args.data_dir) if args.data_dir else DataPaths.default()
    prefs = Preferences.load(data_paths.config / "preferences.json")
    # One window per journal (DESIGN §4): a second start hands over and ends.
    instance = single.one_window(data_paths.data, prefs.discreet_mode)
    if instance is None:
        return 0
    prepare(data_paths, app)
    window = first_window(data_paths, prefs)
    # A polite "terminate" (logout, kill) saves, locks and cleans up like closing the window.
    signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, window.close))
    started: list[AppController] = []

    def wire() -> None:
        """Everything behind the first screen: the features, the worker, the socket a second
        start asks through."""
        if started or (window.isHidden() and not prefs.discreet_mode):
            return  # closed already, in its first instant
        controller = build(data_paths, app, window)
        started.append(controller)
        controller.quit_requested.connect(app.quit)
        instance.come_forward_requested.connect(lambda: single.bring_forward(window))
        offer_sample_data(app, controller, data_paths)
        controller.start()
        instance.listen()
        if args.quit_when_shown:
            QTimer.singleShot(0, window.close)

    if prefs.discreet_mode:
        wire()  # the desktop never sees Unknot's own names: all of it before the window maps
    else:
        window.show()  # nobody types a passphrase in the few hundredths of a second it takes
        after_first_paint(window, wire)
    status = app.exec()
    for controller in started:
        controller.worker.shutdown()
    instance.release()
    return status


def _run_demo(app: QApplication, args: argparse.Namespace) -> int:
    """`unknot --demo`: a temporary journal of sample data, removed at the end."""
    from PySide6.QtCore import QTimer

    from unknot.app.demo import DemoJournal

    demo = DemoJournal.create()
    try:
        controller = build(demo.paths, app)
        controller.quit_requested.connect(app.quit)
        signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, controller.window.close))
        controller.start_demo(demo.passphrase)
        if args.quit_when_shown:
            QTimer.singleShot(0, controller.window.close)
        status = app.exec()
        controller.worker.shutdown()
    finally:
        demo.remove()
    return status


if __name__ == "__main__":
    sys.exit(main())
