"""Settings' recovery-key and backups sections (group boxes added with add_section)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unknot.journal.results import BackupInfo


class RecoveryGroup(QGroupBox):
    """Signals:
        make_requested(): make a recovery key, or replace the one there is.
        remove_requested()
    """

    make_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Recovery key"), parent)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.make_button = QPushButton(self.tr("Make a recovery key…"), self)
        self.remove_button = QPushButton(self.tr("Remove the recovery key…"), self)
        self.make_button.clicked.connect(self.make_requested)
        self.remove_button.clicked.connect(self.remove_requested)
        layout = QGridLayout(self)
        layout.addWidget(self.status_label, 0, 0, 1, 2)
        layout.addWidget(self.make_button, 1, 0)
        layout.addWidget(self.remove_button, 1, 1)
        self._unlocked = False
        self._has_key: bool | None = None
        self.set_has_key(None)

    def set_unlocked(self, unlocked: bool) -> None:
        self._unlocked = unlocked
        self.set_has_key(self._has_key)

    def set_has_key(self, has_key: bool | None) -> None:
        self._has_key = has_key
        if has_key:
            text = self.tr("A recovery key opens this journal. Whoever finds it can open the "
                           "journal: replace it if it may have been seen, or remove it.")
        elif has_key is None:
            text = ""
        else:
            text = self.tr("There is no recovery key: if the passphrase is forgotten, the "
                           "journal cannot be opened.")
        if not self._unlocked:
            text = (text + " " if text else "") + self.tr("Unlock the journal to change it.")
        self.status_label.setText(text)
        self.make_button.setText(self.tr("Replace the recovery key…") if has_key
                                 else self.tr("Make a recovery key…"))
        self.make_button.setEnabled(self._unlocked and has_key is not None)
        self.remove_button.setEnabled(self._unlocked and bool(has_key))


def when_words(taken: QDateTime) -> str:
    return QLocale().toString(taken, QLocale.FormatType.LongFormat)


class BackupsGroup(QGroupBox):
    """Signals:
        details_requested(): show what each backup holds (needs the passphrase).
        back_up_requested(): "Back up now to…".
        restore_requested(object): restore from this backup (a Path).
        restore_file_requested(): restore from a file chosen by the person.
    """

    details_requested = Signal()
    back_up_requested = Signal()
    restore_requested = Signal(object)
    restore_file_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Backups"), parent)
        self.status_label = QLabel(self.tr("Looking for backups…"), self)
        self.status_label.setWordWrap(True)
        self.backups_list = QListWidget(self)
        self.backups_list.setAccessibleName(self.tr("Backups"))
        self.backups_list.setMinimumHeight(self.fontMetrics().height() * 5)
        self.backups_list.setMaximumHeight(self.fontMetrics().height() * 12)
        self.details_button = QPushButton(self.tr("Show what each holds…"), self)
        self.back_up_button = QPushButton(self.tr("Back up now to…"), self)
        self.restore_button = QPushButton(self.tr("Restore the chosen backup…"), self)
        self.restore_file_button = QPushButton(self.tr("Restore from a file…"), self)
        self.details_button.clicked.connect(self.details_requested)
        self.back_up_button.clicked.connect(self.back_up_requested)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        self.restore_file_button.clicked.connect(self.restore_file_requested)
        self.backups_list.itemSelectionChanged.connect(self._update_buttons)
        buttons = QGridLayout()
        buttons.addWidget(self.details_button, 0, 0)
        buttons.addWidget(self.back_up_button, 0, 1)
        buttons.addWidget(self.restore_button, 1, 0)
        buttons.addWidget(self.restore_file_button, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.backups_list)
        layout.addLayout(buttons)
        self._unlocked = False
        self._infos: dict[str, BackupInfo] = {}
        self._update_buttons()

    def set_unlocked(self, unlocked: bool) -> None:
        self._unlocked = unlocked
        self._update_buttons()

    def info(self, path: Path) -> BackupInfo | None:
        return self._infos.get(str(path))

    def set_backups(self, backups: list[BackupInfo]) -> None:
        """Newest first, each with its date and, once known, what it holds."""
        self.backups_list.clear()
        self._infos = {str(b.path): b for b in backups}
        for backup in backups:
            item = QListWidgetItem(self._describe(backup), self.backups_list)
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            item.setToolTip(str(backup.path))
        if not backups:
            self.status_label.setText(self.tr(
                "There are no backups yet. One is taken once a day while the journal is open."))
        elif any(b.opens is not None for b in backups):
            self.status_label.setText(self.tr("The backups on this computer, newest first:"))
        else:
            self.status_label.setText(self.tr(
                "The backups on this computer, newest first. Choose “Show what each holds” to "
                "see how many entries each has."))
        self._update_buttons()

    def _describe(self, backup: BackupInfo) -> str:
        taken = backup.taken.astimezone()
        when = when_words(QDateTime.fromSecsSinceEpoch(int(taken.timestamp()),
                                                       QTimeZone.systemTimeZone()))
        if backup.opens is None:
            return when
        if not backup.opens:
            return self.tr("%s — does not open with your passphrase") % when
        text = self.tr("%s — %d entries, %d check-ins") % (when, backup.entries or 0,
                                                           backup.checkins or 0)
        if backup.same_journal is False:
            text += " " + self.tr("(another journal)")
        return text

    def chosen(self) -> Path | None:
        item = self.backups_list.currentItem()
        return None if item is None else Path(str(item.data(Qt.ItemDataRole.UserRole)))

    def _on_restore_clicked(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.restore_requested.emit(chosen)

    def _update_buttons(self) -> None:
        has = self.backups_list.count() > 0
        self.details_button.setEnabled(self._unlocked and has)
        self.back_up_button.setEnabled(self._unlocked)
        self.restore_button.setEnabled(self._unlocked and self.chosen() is not None)
        self.restore_file_button.setEnabled(self._unlocked)
