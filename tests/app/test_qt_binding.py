"""The Qt binding must not leak or over-release references on the calls the app makes thousands
of times (painting, setting text): PySide6 6.12.0 released a reference to None on every call
that returns nothing, which crashes Python 3.11 after a few thousand calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qapp) -> None:
    image = QImage(20, 20, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    label = QLabel()
    colour = QColor(10, 20, 30)
    before = sys.getrefcount(None)
    for n in range(2000):
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(1, 1, 5, 5))
        label.setText(str(n % 3))
    after = sys.getrefcount(None)
    painter.end()
    # Immortal None (Python 3.12+) reports a constant; a leak of one per call would show 8000.
    assert after - before > -100
