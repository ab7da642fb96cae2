"""Settings: the preferences dialog, and changing the passphrase (with or without a new key)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from unknot.app.preferences import Preferences
from unknot.app.session import JournalSession
from unknot.app.settings.passphrase_dialog import PassphraseDialog
from unknot.app.settings.settings_dialog import SettingsDialog
from unknot.app.widgets.notify import notify
from unknot.journal.results import KeyChange


class SettingsController(QObject):
    """Signals:
        preferences_changed(Preferences): saved; the window applies them at once.
    """

    preferences_changed = Signal(Preferences)

    def __init__(self, prefs: Preferences, prefs_path: Path, session: JournalSession,
                 window: QWidget, can_change_passphrase: Callable[[], bool],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.prefs = prefs
        self._prefs_path = prefs_path
        self._session = session
        self._window = window
        self._can_change_passphrase = can_change_passphrase
        session.passphrase_changed.connect(self._on_session_passphrase_changed)
        session.passphrase_change_failed.connect(self._on_session_passphrase_change_failed)

    def update(self, **changes: object) -> None:
        """Change some preferences (first run does), save them and apply them."""
        for name, value in changes.items():
            setattr(self.prefs, name, value)
        self._save_and_apply()

    def _save_and_apply(self) -> None:
        self.prefs.save(self._prefs_path)
        self.preferences_changed.emit(self.prefs)

    def open_dialog(self) -> None:
        dialog = SettingsDialog(self.prefs, self._window)
        dialog.set_passphrase_enabled(self._can_change_passphrase())
        dialog.set_safety_locked(not self._session.is_unlocked)
        dialog.set_data_folder(self.tr(
            "The locked journal and its backups: %s\nSettings: %s\nAll of it is in folders "
            "named “Unknot”. Files you saved yourself (summaries, exports, a printed key) are "
            "wherever you put them.") % (self._session.vault_path.parent, self._prefs_path.parent))
        dialog.passphrase_requested.connect(self._on_dialog_passphrase_requested)
        if dialog.exec():
            self.prefs = dialog.preferences()
            self._save_and_apply()
        dialog.deleteLater()

    def _on_dialog_passphrase_requested(self, rotate: bool) -> None:
        dialog = PassphraseDialog(rotate, self._window)
        if dialog.exec():
            self._session.change_passphrase(dialog.new_passphrase(),
                                            dialog.current_passphrase(), rotate)
        dialog.clear()
        dialog.deleteLater()

    def _on_session_passphrase_changed(self, how: KeyChange) -> None:
        text = (self.tr("Done. Every entry is now locked with a new key, and Unknot's older "
                        "backups were removed.") if how is KeyChange.ROTATED
                else self.tr("Your passphrase was changed."))
        notify(self._window, self.tr("Passphrase"), text)

    def _on_session_passphrase_change_failed(self, message: str) -> None:
        notify(self._window, self.tr("Passphrase not changed"),
               self.tr("Nothing was changed.\n\n%s") % message, warning=True)
