"""Child process for bench_start.py: one whole start, reported as the wall-clock moment the
first window began to paint, then the process ends at once.

    python _start_probe.py unknot            # Unknot's own main(), as `unknot`
    python _start_probe.py unknot DATA_DIR   # the same, as `unknot --data-dir DIR`
    python _start_probe.py bare ARTICLE_MD   # the floor: a bare PySide6 window showing the article

For Unknot the probe changes nothing in the app: it puts a QApplication subclass where main()
will look for QApplication, and that subclass only watches for the first paint. Importing
QtWidgets early costs nothing extra: main() imports it first thing anyway.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget


class _FirstPaint(QObject):
    """Application-wide: the first paint of a visible window's widget ends the process."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Paint and isinstance(watched, QWidget)
                and watched.window().isVisible()):
            moment = time.time()
            print(f"shown {moment:.6f} {watched.window().metaObject().className()}", flush=True)
            os._exit(0)  # the same abrupt end for both: only the start is measured
        return False


class _WatchedApplication(QApplication):
    def __init__(self, *args: object) -> None:
        super().__init__(*args)
        self._first_paint = _FirstPaint()
        self.installEventFilter(self._first_paint)


def unknot(data_dir: str | None = None) -> None:
    import PySide6.QtWidgets

    PySide6.QtWidgets.QApplication = _WatchedApplication  # type: ignore[misc]
    from unknot.app.main import main

    main(["--data-dir", data_dir] if data_dir else [])


def bare(article: str) -> None:
    from pathlib import Path

    from PySide6.QtWidgets import QTextBrowser

    app = _WatchedApplication(sys.argv[:1])
    browser = QTextBrowser()
    browser.setMarkdown(Path(article).read_text(encoding="utf-8"))
    browser.resize(900, 700)
    browser.show()
    app.exec()


if __name__ == "__main__":
    {"unknot": unknot, "bare": bare}[sys.argv[1]](*sys.argv[2:3])
    sys.exit("the window never painted")
