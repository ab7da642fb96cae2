"""`unknot --demo`, and first run's "Look around with sample data first": a temporary journal
filled with a year of sample entries and check-ins, so a therapist or a new user can see the
timeline before writing. It lives in a private temporary folder — never the real data folder —
and is removed when its window or the app closes."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton

from unknot.journal.crypto import FLOOR_PARAMS
from unknot.journal.demo import demo_records
from unknot.journal.localtime import now
from unknot.journal.paths import DataPaths
from unknot.journal.vault import Vault

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from unknot.app.controller import AppController

PREFIX = "unknot-demo-"


def remove_stale() -> None:
    """Sample journals left by a demo that was killed before it could clean up."""
    for folder in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        if folder.is_dir() and folder.stat().st_uid == os.getuid():
            shutil.rmtree(folder, ignore_errors=True)


@dataclass
class DemoJournal:
    root: Path
    paths: DataPaths
    passphrase: str

    @classmethod
    def create(cls, weeks: int = 52) -> DemoJournal:
        remove_stale()
        root = Path(tempfile.mkdtemp(prefix=PREFIX))
        paths = DataPaths.in_folder(root)
        passphrase = f"sample {secrets.token_hex(4)}"
        entries, checkins = demo_records(now().date(), weeks=weeks)
        # Sample data protects nothing real: the key-derivation floor keeps start-up quick.
        vault, _ = Vault.create(paths.vault, passphrase, kdf=FLOOR_PARAMS)
        with vault:
            vault.save_many([*entries, *checkins], action="write the sample journal")
        return cls(root, paths, passphrase)

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class SampleWindow(QObject):
    """First run's "Look around with sample data first": the sample journal in a window of its
    own, built like the real one but over a temporary folder (never the real data folder),
    clearly labelled, its passphrase shown on its lock screen. Closing it, or "Leave the sample
    data", removes the folder and shows first run again.

    `build(paths, app)` builds a window and its controller (app/main.py's build);
    `restore()` puts back what building pointed at the sample folder (Qt's settings path)."""

    def __init__(self, app: QApplication, first: AppController,
                 build: Callable[[DataPaths, QApplication], AppController],
                 restore: Callable[[], None]) -> None:
        super().__init__(first)
        self._first = first
        self._restore = restore
        self.journal = DemoJournal.create()
        self.controller = build(self.journal.paths, app)
        self.controller.quit_requested.connect(app.quit)
        app.aboutToQuit.connect(self.journal.remove)
        window = self.controller.window
        self.leave_button = QPushButton(self.tr("Leave the sample data"), window)
        self.leave_button.setAccessibleName(self.tr("Leave the sample data"))
        self.leave_button.clicked.connect(window.close)
        window.statusBar().addPermanentWidget(self.leave_button)
        window.installEventFilter(self)
        self._closed = False
        if first.prefs.discreet_mode or first.window.setup_flow.discreet_box.isChecked():
            self.controller.settings.update(discreet_mode=True)
        first.window.hide()
        self.controller.start_demo(self.journal.passphrase)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.controller.window and event.type() == QEvent.Type.Close \
                and not self._closed:
            self._closed = True
            QTimer.singleShot(0, self._back_to_first_run)  # after the window saved and locked
        return False

    def _back_to_first_run(self) -> None:
        self.controller.worker.shutdown()
        self.controller.window.deleteLater()
        self.journal.remove()
        self._restore()
        if not self._first.window.is_neutral_shown():
            self._first.window.show_setup()
        self._first.window.show()
        self.closed.emit()
        self.deleteLater()

    closed = Signal()
