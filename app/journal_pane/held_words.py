"""What the lock screen and the blank screen say when the disk refused the last words written
before a lock or a quick exit. The blank screen names neither Unknot nor a journal, and no
screen shows a word of what was written."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel


def held_words(reason: str) -> tuple[str, str]:
    """(for the lock screen, for the blank screen); both empty when nothing is held back."""
    if not reason:
        return "", ""
    translate = QCoreApplication.translate  # lupdate reads translate("HeldWords", "…")
    lock = translate("HeldWords", "Locked. Your last changes could not be saved: %s They are "
                     "kept until you unlock again, when Unknot saves them; closing Unknot "
                     "lets them go.") % reason
    blank = translate("HeldWords", "Your last changes could not be saved: %s They are kept "
                      "for now. Press Ctrl+L and unlock to save them, or close this window to "
                      "let them go.") % reason
    return lock, blank


def show_held(set_lock_words: Callable[[str], None], blank_page: QLabel, reason: str) -> None:
    """Put the words on both screens (empty when nothing is held back)."""
    lock, blank = held_words(reason)
    set_lock_words(lock)
    blank_page.setWordWrap(True)
    blank_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
    blank_page.setMargin(24)
    blank_page.setText(blank)
