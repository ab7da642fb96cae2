"""Printing the recovery key: the person's own printer, after the system print dialog."""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget


def print_recovery_key(key: str, parent: QWidget | None = None) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(parent.tr("Print the recovery key") if parent else "Print")
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    document = QTextDocument()
    document.setHtml(
        "<h2>Recovery key</h2>"
        f"<p style='font-family: monospace; font-size: 18pt'>{escape(key)}</p>"
        "<p>Anyone who has this key can open the journal. Keep it somewhere only you can reach."
        "</p>")
    document.print_(printer)
    return True
