"""Text copied from the journal is marked sensitive, and cleared when the journal locks if the
clipboard still holds it."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication


class ClipboardGuard:
    def __init__(self) -> None:
        self._digest: bytes | None = None
        # A copy made while one of Unknot's windows has focus came from Unknot: an editor, the
        # preview, a check-in note. Remember it, so locking can clear it.
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard_data_changed)

    def _on_clipboard_data_changed(self) -> None:
        if QGuiApplication.focusWindow() is not None:
            self.note_copied(QGuiApplication.clipboard().text())

    def copy_sensitive(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        # Asks clipboard managers (KDE Klipper, Windows history) not to keep it.
        data.setData("x-kde-passwordManagerHint", b"secret")
        data.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")
        QGuiApplication.clipboard().setMimeData(data)
        self._digest = hashlib.sha256(text.encode()).digest()

    def note_copied(self, text: str) -> None:
        """Remember that the journal put `text` on the clipboard (a copy from an editor)."""
        self._digest = hashlib.sha256(text.encode()).digest() if text else None

    def clear_if_ours(self, journal_texts: list[str] | None = None) -> bool:
        clipboard: QClipboard = QGuiApplication.clipboard()
        current = clipboard.text()
        if not current:
            return False
        ours = clipboard.ownsClipboard() or (
            self._digest is not None and hashlib.sha256(current.encode()).digest() == self._digest)
        if not ours and journal_texts:
            ours = any(current in text for text in journal_texts if text)
        if ours:
            clipboard.clear()
            self._digest = None
        return ours
