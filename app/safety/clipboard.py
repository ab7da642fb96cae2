"""Text copied from the journal is marked sensitive, and cleared when the journal locks if the
clipboard still holds it; the X11 PRIMARY selection (what a middle click pastes) is cleared too.

Every copy made from one of Unknot's windows — Ctrl+C in the editor, the preview, a check-in
note, a context menu — carries `x-kde-passwordManagerHint: secret`: the clipboard's change is
caught here and the same data is put back with the mark added, so no widget needs to know.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

SENSITIVE = "x-kde-passwordManagerHint"


def _marked(source: QMimeData) -> QMimeData:
    data = QMimeData()
    for name in source.formats():
        data.setData(name, source.data(name))
    if source.hasText():
        data.setText(source.text())
    # Asks clipboard managers (KDE Klipper, Windows history) not to keep it.
    data.setData(SENSITIVE, b"secret")
    data.setData("ExcludeClipboardContentFromMonitorProcessing", b"1")
    return data


class ClipboardGuard:
    def __init__(self) -> None:
        self._digest: bytes | None = None
        self._marking = False
        # A copy made while one of Unknot's windows has focus came from Unknot: an editor, the
        # preview, a check-in note. Mark it, and remember it so locking can clear it.
        QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard_data_changed)

    def _on_clipboard_data_changed(self) -> None:
        if self._marking or QGuiApplication.focusWindow() is None:
            return
        clipboard = QGuiApplication.clipboard()
        source = clipboard.mimeData()
        if source is None:
            return
        text = clipboard.text()
        if not source.hasFormat(SENSITIVE) and (text or source.formats()):
            self._marking = True
            try:
                clipboard.setMimeData(_marked(source))
            finally:
                self._marking = False
        self.note_copied(text)

    def copy_sensitive(self, text: str) -> None:
        data = QMimeData()
        data.setText(text)
        self._marking = True
        try:
            QGuiApplication.clipboard().setMimeData(_marked(data))
        finally:
            self._marking = False
        self._digest = hashlib.sha256(text.encode()).digest()

    def note_copied(self, text: str) -> None:
        """Remember that the journal put `text` on the clipboard (a copy from an editor)."""
        self._digest = hashlib.sha256(text.encode()).digest() if text else None

    def clear_selection(self) -> None:
        """PRIMARY holds whatever was last selected in any of Unknot's fields: let it go."""
        clipboard = QGuiApplication.clipboard()
        if clipboard.supportsSelection() and clipboard.ownsSelection():
            clipboard.clear(QClipboard.Mode.Selection)

    def clear_if_ours(self, journal_texts: list[str] | None = None) -> bool:
        self.clear_selection()
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
