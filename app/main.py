"""`unknot`: parse arguments, build every object explicitly, and run the window."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from unknot.journal.paths import DataPaths

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from unknot.app.controller import AppController

APP_ID = "org.unknot.Unknot"
# The core is imported on the worker once the first screen has painted: imported at once, it
# competed with the first paint for the interpreter (Python runs one thread at a time), and
# nobody can type a passphrase in the first half second anyway.
WARM_UP_AFTER_MS = 500


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
    """Cheap things that keep decrypted text off the disk: no core dumps, no Qt disk caches."""
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

    controller.window.setup_flow.sample_requested.connect(open_sample)


def build(data_paths: DataPaths, app: QApplication) -> AppController:
    """Build the window and everything behind it; returns the AppController (not yet shown).
    Only what the first screen needs is imported here: the panes of an unlocked journal come
    at the first unlock."""

    from PySide6.QtCore import Qt, QTimer

    from unknot.app.controller import AppController
    from unknot.app.main_window import MainWindow
    from unknot.app.preferences import Preferences, WindowState
    from unknot.app.session import JournalSession
    from unknot.app.vault_worker import VaultWorker
    from unknot.app.widgets import style
    from unknot.journal.storage import ensure_private_dir

    style.install(app)  # the one visual language: accent, placeholders, the small style sheet

    for folder in (data_paths.data, data_paths.config, data_paths.cache):
        ensure_private_dir(folder)
    point_qt_settings(data_paths)
    prefs_path = data_paths.config / "preferences.json"
    prefs = Preferences.load(prefs_path)
    worker = VaultWorker()
    window = MainWindow()
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
    demo = None
    if args.demo:
        from unknot.app.demo import DemoJournal

        demo = DemoJournal.create()
        data_paths = demo.paths
    else:
        data_paths = DataPaths.in_folder(args.data_dir) if args.data_dir else DataPaths.default()
    instance = None
    if demo is None:  # one window per journal (DESIGN §4): a second start hands over and ends
        from unknot.app.preferences import Preferences
        from unknot.app.unlock import instance as single

        discreet = Preferences.load(data_paths.config / "preferences.json").discreet_mode
        instance = single.one_window(data_paths.data, discreet)
        if instance is None:
            return 0
    try:
        controller = build(data_paths, app)
        if instance is not None:
            window = controller.window
            instance.come_forward_requested.connect(lambda: single.bring_forward(window))
        controller.quit_requested.connect(app.quit)
        # A polite "terminate" (logout, kill) saves, locks and cleans up like closing the window.
        signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, controller.window.close))
        wake = QTimer(app)  # lets Python see the signal while Qt's loop runs
        wake.start(250)
        wake.timeout.connect(lambda: None)
        if demo is not None:
            controller.start_demo(demo.passphrase)
        else:
            offer_sample_data(app, controller, data_paths)
            controller.start()
        if args.quit_when_shown:
            QTimer.singleShot(0, controller.window.close)
        status = app.exec()
        controller.worker.shutdown()
    finally:
        if demo is not None:
            demo.remove()
    return status


if __name__ == "__main__":
    sys.exit(main())
