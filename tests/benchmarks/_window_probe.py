"""Child process for bench_window.py: start Unknot as `unknot --data-dir DIR` would, and print
the wall-clock moment the window was first painted, then quit."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer


class _FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            print(f"shown {time.time():.6f}", flush=True)
            QTimer.singleShot(0, sys.exit)
            watched.removeEventFilter(self)
        return False


def main() -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from unknot.app.main import APP_ID, build, harden_process
    from unknot.journal.paths import DataPaths

    harden_process()
    QGuiApplication.setDesktopFileName(APP_ID)
    app = QApplication(sys.argv[:1])
    controller = build(DataPaths.in_folder(Path(sys.argv[1])), app)
    probe = _FirstPaint()
    controller.window.installEventFilter(probe)  # type: ignore[attr-defined]
    controller.start()  # type: ignore[attr-defined]
    QTimer.singleShot(10_000, app.quit)
    app.exec()


if __name__ == "__main__":
    main()
