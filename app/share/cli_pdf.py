"""The summary's PDF for `unknot-cli export --format pdf`: painted by the same Qt code as the
window's (summary_document), on an offscreen QGuiApplication when none is running, and written
private (0600), whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from unknot.journal.storage import write_private_file
from unknot.journal.summary import SessionSummary


def write_summary_pdf(summary: SessionSummary, path: Path, protect: bool) -> str | None:
    """Write the summary as a PDF to `path`; with `protect`, AES-256 encrypted, and return its
    one-time passphrase (otherwise None)."""
    from PySide6.QtGui import QFont, QGuiApplication

    from unknot.app.share.summary_document import pdf_bytes, protected_pdf_bytes

    app = QGuiApplication.instance()
    if app is None:
        # No window is shown: the offscreen platform needs no display (a script, a server).
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["unknot-cli"])
    font = QFont(QGuiApplication.font())
    if protect:
        data, passphrase = protected_pdf_bytes(summary, font)
        write_private_file(path, data)
        return passphrase
    write_private_file(path, pdf_bytes(summary, font))
    return None
