"""Settings' flows that touch the keys and the files: a recovery key made, replaced or removed;
the backups listed, "back up now to…" and restore; and "Remove everything".

Each asks for the passphrase first, in a dialog that stays open on a wrong one; the session does
the work on the worker (a new key re-encrypts with progress) and this says what happened.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from unknot.app.session import JournalSession
from unknot.app.settings.prompt import PassphrasePrompt
from unknot.app.settings.sections import BackupsGroup, RecoveryGroup
from unknot.app.widgets.notify import notify
from unknot.app.widgets.recovery_key_dialog import RecoveryKeyDialog
from unknot.journal.paths import DataPaths
from unknot.journal.results import BackupInfo, RecoveryKeyChanged, Restored

IN_FLATPAK = Path("/.flatpak-info").exists()


def file_dialog(parent: QWidget, title: str, save: bool) -> QFileDialog:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not folder or not Path(folder).is_dir():
        folder = str(Path.home())
    start = Path(folder, f"notes-{date.today().isoformat()}.db") if save else Path(folder)
    dialog = QFileDialog(parent, title, str(start))
    if not IN_FLATPAK:  # in a Flatpak only the desktop's chooser (a portal) reaches the files
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save
                         else QFileDialog.AcceptMode.AcceptOpen)
    if not save:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


class KeysFlows(QObject):
    """Signals:
        everything_removed(): the files are gone and the journal locked; the app quits now.
    """

    everything_removed = Signal()

    def __init__(self, session: JournalSession, window: QWidget,
                 copy_sensitive: Callable[[str], None], lock: Callable[[], None],
                 paths: DataPaths, desktop_override: Callable[[], Path | None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._window = window
        self._copy = copy_sensitive
        self._lock = lock
        self._paths = paths
        self._override = desktop_override
        self.prompt: PassphrasePrompt | None = None
        self.recovery: RecoveryGroup | None = None
        self.backups: BackupsGroup | None = None
        self.file_dialog: QFileDialog | None = None
        self._listing_with: str | None = None  # the passphrase a listing was asked with
        self._restore_source: Path | None = None
        self._restore_passphrase: str | None = None  # only between locking and reopening
        self.removed = False  # "Remove everything" is done: nothing of Unknot's is written again
        session.recovery_key_known.connect(self._on_recovery_key_known)
        session.recovery_key_changed.connect(self._on_recovery_key_changed)
        session.recovery_key_failed.connect(self._on_failed)
        session.rekey_progress.connect(self._on_progress)
        session.backups_listed.connect(self._on_backups_listed)
        session.backups_list_failed.connect(self._on_failed)
        session.backed_up.connect(self._on_backed_up)
        session.back_up_failed.connect(self._on_back_up_failed)
        session.restored.connect(self._on_restored)
        session.restore_failed.connect(self._on_restore_failed)
        session.everything_removed.connect(self._on_everything_removed)
        session.remove_failed.connect(self._on_failed)

    def sections(self, parent: QWidget) -> tuple[RecoveryGroup, BackupsGroup]:
        """The two group boxes for a Settings dialog being opened, filled on the worker."""
        unlocked = self._session.is_unlocked
        self.recovery = RecoveryGroup(parent)
        self.recovery.set_unlocked(unlocked)
        self.recovery.make_requested.connect(lambda: self._ask_recovery(True))
        self.recovery.remove_requested.connect(lambda: self._ask_recovery(False))
        self.backups = BackupsGroup(parent)
        self.backups.set_unlocked(unlocked)
        self.backups.details_requested.connect(self._ask_details)
        self.backups.back_up_requested.connect(self._choose_back_up_file)
        self.backups.restore_requested.connect(self._ask_restore)
        self.backups.restore_file_requested.connect(self._choose_restore_file)
        if self._session.vault_exists():
            self._session.ask_recovery_key()
        self._session.list_backups()
        return self.recovery, self.backups

    def forget_sections(self) -> None:
        self.recovery = self.backups = None

    def _ask(self, title: str, explanation: str, action: str,
             submitted: Callable[[str], None]) -> None:
        prompt = PassphrasePrompt(title, explanation, action, self._window)
        prompt.submitted.connect(submitted)
        self.prompt = prompt
        prompt.exec()
        self.prompt = None
        prompt.deleteLater()

    def _on_failed(self, message: str) -> None:
        if self.prompt is not None:
            self.prompt.show_error(message)
        else:
            notify(self._window, self.tr("That did not work"), message, warning=True)

    def _on_progress(self, done: int, total: int) -> None:
        if self.prompt is not None:
            self.prompt.set_progress(done, total)

    # --- the recovery key --------------------------------------------------------------------

    def _on_recovery_key_known(self, has_key: bool) -> None:
        if self.recovery is not None:
            self.recovery.set_has_key(has_key)

    def _ask_recovery(self, make: bool) -> None:
        if make:
            title = self.tr("Make a recovery key")
            text = self.tr(
                "A recovery key opens the journal without the passphrase, and lets you choose "
                "a new passphrase. Whoever finds it can open your journal. Making one also makes "
                "a new key for every entry: an old recovery key stops working, and the older "
                "backups are replaced by a fresh one. Type your passphrase to go on.")
            action = self.tr("Make the key")
        else:
            title = self.tr("Remove the recovery key")
            text = self.tr(
                "The recovery key stops opening the journal: every entry is locked again with a "
                "new key, and the older backups, which the old key opens, are replaced by a "
                "fresh one. If you then forget the passphrase, nothing can open the journal. "
                "Type your passphrase to go on.")
            action = self.tr("Remove the key")
        self._ask(title, text, action, lambda passphrase: (
            self._session.make_recovery_key(passphrase) if make
            else self._session.remove_recovery_key(passphrase)))

    def _on_recovery_key_changed(self, change: RecoveryKeyChanged) -> None:
        if self.prompt is None:
            return  # not asked from here (a passphrase change reports on its own)
        self.prompt.accept()
        if self.recovery is not None:
            self.recovery.set_has_key(change.recovery_key is not None)
        backups = self.tr("Every entry was locked again with a new key (%d in all), and %d older "
                          "backup(s) that the old key opened were removed.") % (
            change.reencrypted, change.backups_removed)
        backups += " " + (self.tr("A fresh backup was taken.") if change.fresh_backup else
                          self.tr("A fresh backup could not be taken; the next start will try "
                                  "again."))
        if change.recovery_key is None:
            notify(self._window, self.tr("Recovery key removed"),
                   self.tr("The recovery key no longer opens the journal.") + " " + backups)
            return
        dialog = RecoveryKeyDialog(change.recovery_key, self.tr(
            "An older recovery key no longer opens the journal.") + " " + backups,
            self._copy, self._window)
        dialog.exec()
        dialog.deleteLater()

    # --- backups -------------------------------------------------------------------------------

    def _ask_details(self) -> None:
        def listed(passphrase: str) -> None:
            self._listing_with = passphrase
            self._session.list_backups(passphrase)

        self._ask(self.tr("What the backups hold"), self.tr(
            "Type your passphrase to open each backup (read only) and count what it holds."),
            self.tr("Show"), listed)

    def _on_backups_listed(self, backups: list[BackupInfo]) -> None:
        if self.backups is not None:
            self.backups.set_backups(backups)
        asked, self._listing_with = self._listing_with, None
        if self.prompt is None or asked is None:
            return
        source = self._restore_source
        if source is not None:  # checked first: it must open with this passphrase
            info = next((b for b in backups if b.path == source), None)
            if info is not None and not info.opens:
                self.prompt.show_error(self.tr("That passphrase does not open this backup."))
                return
            self.prompt.accept()
            QTimer.singleShot(0, lambda: self._restore(source, asked))
            return
        if backups and not any(b.opens for b in backups):
            self.prompt.show_error(self.tr("That passphrase opens none of the backups."))
            return
        self.prompt.accept()

    def _choose_back_up_file(self) -> None:
        dialog = file_dialog(self._window, self.tr("Back up now to…"), save=True)
        dialog.setNameFilter(self.tr("Encrypted copy (*.db)"))
        dialog.setDefaultSuffix("db")
        dialog.fileSelected.connect(lambda chosen: self._session.back_up_to(Path(chosen)))
        self._open_file_dialog(dialog)

    def _open_file_dialog(self, dialog: QFileDialog) -> None:
        dialog.finished.connect(lambda _result: setattr(self, "file_dialog", None))
        self.file_dialog = dialog
        dialog.open()

    def _on_backed_up(self, out: Path) -> None:
        notify(self._window, self.tr("Backed up"), self.tr(
            "An encrypted copy of the journal is at %s. It opens with your passphrase of today; "
            "only you can read it, and anyone can see that the file is there.") % out)

    def _on_back_up_failed(self, message: str) -> None:
        notify(self._window, self.tr("Not backed up"), message, warning=True)

    def _choose_restore_file(self) -> None:
        dialog = file_dialog(self._window, self.tr("Restore from a file"), save=False)
        dialog.fileSelected.connect(lambda chosen: self._ask_restore(Path(chosen)))
        self._open_file_dialog(dialog)

    def _ask_restore(self, source: Path) -> None:
        info = self.backups.info(source) if self.backups is not None else None
        what = (self.tr("The backup holds %d entries and %d check-ins.") % (
            info.entries or 0, info.checkins or 0) if info is not None and info.opens else "")
        text = self.tr(
            "Restore %s? It is checked first. The journal as it is now is kept aside as a "
            "backup, so nothing is lost; entries you deleted stay deleted. The journal locks "
            "and opens again from the restored copy.") % source.name
        self._restore_source = source

        def check(passphrase: str) -> None:
            self._listing_with = passphrase
            self._session.list_backups(passphrase)

        try:
            self._ask(self.tr("Restore a backup"), (what + " " if what else "") + text,
                      self.tr("Restore"), check)
        finally:
            self._restore_source = None

    def _restore(self, source: Path, passphrase: str) -> None:
        """Lock (every window closes, Settings too), put the backup in place, open again."""
        self._lock()
        self._restore_passphrase = passphrase
        self._session.restore_backup(source, passphrase)

    def _on_restored(self, restored: Restored) -> None:
        passphrase, self._restore_passphrase = self._restore_passphrase, None
        if passphrase is None:
            return  # a restore asked elsewhere (the lock screen, first run)
        self._session.unlock(passphrase=passphrase)
        text = self.tr("The backup is in place: %d item(s).") % restored.records
        if restored.kept_aside is not None:
            text += " " + self.tr("The journal as it was is kept as %s.") % (
                restored.kept_aside.name)
        if restored.kept_deleted:
            text += " " + self.tr("%d item(s) you had deleted stay deleted.") % (
                restored.kept_deleted)
        notify(self._window, self.tr("Restored"), text)

    def _on_restore_failed(self, message: str) -> None:
        passphrase, self._restore_passphrase = self._restore_passphrase, None
        if passphrase is None:
            return  # a restore asked elsewhere says so itself
        self._session.unlock(passphrase=passphrase)  # the journal as it was: untouched
        notify(self._window, self.tr("Not restored"),
               self.tr("The journal is as it was.") + " " + message, warning=True)

    # --- remove everything ---------------------------------------------------------------------

    def ask_remove_everything(self) -> None:
        self._ask(self.tr("Remove everything"), self.tr(
            "This deletes the journal and every backup of it, the settings, the caches and the "
            "menu entry from this computer, then closes the app. It cannot be undone, and "
            "nothing you wrote can be brought back. Files you saved elsewhere yourself (a "
            "summary, an export, a copy, a printed key) stay where you put them. Type your "
            "passphrase to remove everything."), self.tr("Remove everything"),
            lambda passphrase: self._session.remove_everything(self._paths, passphrase,
                                                               self._override()))

    def _on_everything_removed(self, _removed: object) -> None:
        self.removed = True
        if self.prompt is not None:
            self.prompt.accept()
        QTimer.singleShot(0, self._after_removal)

    def _after_removal(self) -> None:
        self._lock()  # every window closes; nothing is left to save
        self.everything_removed.emit()

    def close_prompt(self) -> None:
        if self.prompt is not None:
            self.prompt.done(QDialog.DialogCode.Rejected)
