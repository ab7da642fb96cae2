"""Settings: the preferences dialog, the passphrase, the recovery key, backups and restore, and
"Remove everything"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from unknot.app.preferences import Preferences
from unknot.app.session import JournalSession
from unknot.app.settings.keys import KeysFlows
from unknot.app.settings.passphrase_dialog import PassphraseDialog
from unknot.app.settings.settings_dialog import SettingsDialog
from unknot.app.widgets.notify import notify
from unknot.app.widgets.recovery_key_dialog import RecoveryKeyDialog
from unknot.journal.paths import DataPaths
from unknot.journal.results import PassphraseChanged


class SettingsController(QObject):
    """Signals:
        preferences_changed(Preferences): saved; the window applies them at once.
        everything_removed(): "Remove everything" is done; lock and quit now.
    """

    preferences_changed = Signal(Preferences)
    everything_removed = Signal()

    def __init__(self, prefs: Preferences, prefs_path: Path, session: JournalSession,
                 window: QWidget, can_change_passphrase: Callable[[], bool],
                 parent: QObject | None = None, *,
                 copy_sensitive: Callable[[str], None] = lambda _text: None,
                 lock: Callable[[], None] | None = None, cache: Path | None = None,
                 desktop_override: Callable[[], Path | None] = lambda: None) -> None:
        """`copy_sensitive` copies a new recovery key (marked sensitive); `lock` locks the
        journal (before a restore); `cache` is the cache folder and `desktop_override` the menu
        entry Unknot wrote, if any, for "Remove everything"."""
        super().__init__(parent)
        self.prefs = prefs
        self._prefs_path = prefs_path
        self._session = session
        self._window = window
        self._can_change_passphrase = can_change_passphrase
        self._copy = copy_sensitive
        self._passphrase_dialog: PassphraseDialog | None = None
        paths = DataPaths(session.vault_path.parent, prefs_path.parent,
                          cache or prefs_path.parent.parent / "cache")
        self.keys = KeysFlows(session, window, copy_sensitive, lock or session.lock, paths,
                              desktop_override, self)
        self.keys.everything_removed.connect(self.everything_removed)
        session.passphrase_change_reported.connect(self._on_session_passphrase_changed)
        session.passphrase_change_failed.connect(self._on_session_passphrase_change_failed)
        session.rekey_progress.connect(self._on_session_rekey_progress)

    @property
    def removed(self) -> bool:
        """"Remove everything" is done: nothing (settings, window state) is written again."""
        return self.keys.removed

    def update(self, **changes: object) -> None:
        """Change some preferences (first run does), save them and apply them."""
        for name, value in changes.items():
            setattr(self.prefs, name, value)
        self._save_and_apply()

    def _save_and_apply(self) -> None:
        if self.removed:
            return
        self.prefs.save(self._prefs_path)
        self.preferences_changed.emit(self.prefs)

    def open_dialog(self) -> None:
        dialog = SettingsDialog(self.prefs, self._window)
        dialog.set_passphrase_enabled(self._can_change_passphrase())
        dialog.set_safety_locked(not self._session.is_unlocked)
        dialog.set_data_folder(self.tr(
            "The locked journal and its backups: %s\nSettings: %s\nFiles you saved yourself "
            "(summaries, exports, a printed key) are wherever you put them."
            ) % (self._session.vault_path.parent, self._prefs_path.parent))
        for group in self.keys.sections(dialog):
            group.setEnabled(self._can_change_passphrase())
            dialog.add_section(group)
        dialog.passphrase_requested.connect(self._on_dialog_passphrase_requested)
        dialog.remove_requested.connect(self.keys.ask_remove_everything)
        dialog.fit_to_screen()
        if dialog.exec():
            self.prefs = dialog.preferences()
            self._save_and_apply()
        self.keys.forget_sections()
        dialog.deleteLater()

    def _on_dialog_passphrase_requested(self, rotate: bool) -> None:
        dialog = PassphraseDialog(rotate, self._window)
        dialog.submitted.connect(lambda current, new, repeat: self._session.change_passphrase(
            new, current, rotate, repeat=repeat))
        self._passphrase_dialog = dialog
        dialog.exec()
        self._passphrase_dialog = None
        dialog.clear()
        dialog.deleteLater()

    def _on_session_rekey_progress(self, done: int, total: int) -> None:
        if self._passphrase_dialog is not None:
            self._passphrase_dialog.set_progress(done, total)

    def _on_session_passphrase_changed(self, change: PassphraseChanged) -> None:
        dialog = self._passphrase_dialog
        if dialog is None:
            return  # chosen after a recovery-key unlock: the lock screen's side says so
        dialog.accept()
        title = self.tr("Passphrase changed")
        words = self.tr(
            "Passphrase changed. Every entry was locked again with a new key (%d in all), and "
            "%d older backup(s) that the old passphrase opened were removed.") % (
            change.reencrypted, change.backups_removed)
        words += " " + (self.tr("A fresh backup was taken under the new key.")
                        if change.fresh_backup else self.tr(
                            "A fresh backup could not be taken; the next start will try again."))
        words += " " + self.tr("Copies made elsewhere (sync folders, USB sticks) still open with "
                               "the old passphrase, but hold nothing written from now on: "
                               "delete them.")
        if change.recovery_key:
            key = RecoveryKeyDialog(change.recovery_key, words + " " + self.tr(
                "The old recovery key no longer opens the journal: this new one does."),
                self._copy, self._window)
            key.exec()
            key.deleteLater()
            return
        if change.recovery_removed:
            words += " " + self.tr("The old recovery key no longer opens the journal.")
        notify(self._window, title, words)

    def _on_session_passphrase_change_failed(self, message: str) -> None:
        if self._passphrase_dialog is not None:
            self._passphrase_dialog.show_error(message)  # the dialog stays, fields kept

