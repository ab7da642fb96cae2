"""Unknot's window icons, drawn from the SVGs shipped in resources/icons."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtGui import QIcon, QPixmap


def app_icon(name: str) -> QIcon:
    """"unknot" or "notes" (the neutral icon of discreet mode and the blank screen)."""
    data = files("unknot.resources").joinpath("icons", f"{name}.svg").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)
