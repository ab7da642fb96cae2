"""Printing the recovery key: the person's own printer, after the system print dialog.

"Print to file" (or no printer at all, where Qt offers only a PDF file) writes the key where the
person chose, readable by them only (0600) from the first byte, with neutral document metadata.
Without a file name it refuses in plain words rather than guess one (Qt's guess is
`~/print.pdf`, readable by everyone on the computer).
"""

from __future__ import annotations

import contextlib
import os
from html import escape

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QMessageBox, QWidget

translate = QCoreApplication.translate  # lupdate reads translate("RecoveryKeyPrint", "…")


def no_file() -> str:
    return translate("RecoveryKeyPrint", "The key was not printed: to print to a file, choose "
                     "where the file goes. The file is not locked — anyone who can open it can "
                     "open your journal.")


def print_recovery_key(key: str, parent: QWidget | None = None) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFileName("")  # never a default file name
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(translate("RecoveryKeyPrint", "Print the recovery key"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    problem = write_key(printer, key)
    if problem:
        QMessageBox.warning(parent, translate("RecoveryKeyPrint", "Not printed"), problem)
        return False
    return True


def write_key(printer: QPrinter, key: str) -> str:
    """Print `key` on `printer`; returns "" or, if nothing was printed, why in words."""
    printer.setCreator("")
    printer.setDocName("Notes")
    to_file = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    path = printer.outputFileName()
    if to_file:
        if not path:
            return no_file()
        try:  # exists, 0600, before Qt writes a byte into it
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
            os.chmod(path, 0o600)
        except OSError as error:
            reason = error.strerror or translate("RecoveryKeyPrint", "the file could not be made")
            return translate("RecoveryKeyPrint", "The key was not printed: %1.").replace(
                "%1", reason)
    document = QTextDocument()
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, "Notes")
    document.setHtml(
        "<h2>" + escape(translate("RecoveryKeyPrint", "Recovery key")) + "</h2>"
        f"<p style='font-family: monospace; font-size: 18pt'>{escape(key)}</p>"
        "<p>" + escape(translate("RecoveryKeyPrint", "Anyone who has this key can open the "
                                 "journal. Keep it somewhere only you can reach.")) + "</p>")
    document.print_(printer)
    if to_file:
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    return ""
