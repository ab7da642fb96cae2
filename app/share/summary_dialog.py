"""Share (Ctrl+E): the client picks the dates and ticks the entries (none by default), then
shows the summary on screen, saves it as a protected PDF (AES-256, opened with a one-time
passphrase of a few words shown once), or saves a plain PDF or Markdown file after a warning
that offers the protected one first. Sharing stays in the client's hands: Unknot never sends
anything anywhere. File names and titles are neutral (DESIGN §5)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from unknot.app.i18n import date_format, date_words, ui_language
from unknot.app.share.summary_document import (
    pdf_bytes,
    protected_pdf_bytes,
    summary_document,
)
from unknot.app.share.summary_viewer import SummaryViewer
from unknot.app.vault_worker import VaultWorker
from unknot.journal.errors import describe
from unknot.journal.model import CheckIn, Entry
from unknot.journal.query import select
from unknot.journal.storage import write_private_file
from unknot.journal.summary import (
    SessionSummary,
    build_summary,
    summary_file_name,
    summary_markdown,
)

DEFAULT_DAYS = 30
IN_FLATPAK = Path("/.flatpak-info").exists()
_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PROTECTED = "protected"  # a protected PDF; "pdf" and "md" are plain files


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _forget_file_dialog_history() -> None:
    """Qt's file dialog remembers recent folders in QSettings; Unknot's start points those
    settings into its own cache folder (app/main.py), and the memory is dropped here, so no
    list of where summaries were saved is kept anywhere."""
    if not sys.platform.startswith("linux"):
        return  # elsewhere Qt keeps it in the system's settings store, shared by every Qt app
    path = Path(QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope,
                          "QtProject").fileName())
    path.unlink(missing_ok=True)


class SummaryDialog(QDialog):
    """Deleted when closed, so the entry titles it lists do not outlive it."""

    def __init__(self, entries: Sequence[Entry], checkins: Sequence[CheckIn], today: date,
                 worker: VaultWorker, parent: QWidget | None = None) -> None:
        """A saved summary is made and written on `worker`, never on the GUI thread."""
        super().__init__(parent)
        self._worker = worker
        self.saving = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Summary to share"))
        self.setObjectName("summaryDialog")
        self._entries = list(entries)
        self._checkins = list(checkins)
        self._today = today
        self._pending_format = "pdf"
        self._ticked: set[str] = set()  # kept while the dates change, even if briefly hidden
        self._viewer_serial = 0
        self.save_warning: QMessageBox | None = None
        self.passphrase_box: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.viewer: SummaryViewer | None = None

        intro = QLabel(self.tr(
            "Choose what to bring to a session. Nothing leaves Unknot unless you show it or "
            "save it, and Unknot never sends it anywhere. No entry is included unless you "
            "tick it."), self)
        intro.setWordWrap(True)
        self.since_edit = self._date_edit(today - timedelta(days=DEFAULT_DAYS - 1),
                                          self.tr("First day"))
        self.until_edit = self._date_edit(today, self.tr("Last day"))
        dates = QHBoxLayout()
        dates.addWidget(self.since_edit)
        dates.addWidget(QLabel(self.tr("to"), self))
        dates.addWidget(self.until_edit)
        dates.addStretch(1)
        shows = QLabel(self.tr(
            "For these dates the summary always shows, week by week, how many entries you "
            "wrote, how many named each sign and your average mood — never what the entries "
            "say — and your weekly check-in ratings (not their notes). A ticked entry is shown "
            "with its words, signs, mood and tags."), self)
        shows.setWordWrap(True)

        self.entry_list = QListWidget(self)
        self.entry_list.setAccessibleName(self.tr("Entries to include"))
        self.entry_list.itemChanged.connect(self._on_item_changed)
        self.tick_all = QPushButton(self.tr("Tick all"), self)
        self.untick_all = QPushButton(self.tr("Untick all"), self)
        self.tick_all.clicked.connect(lambda: self._tick_every(Qt.CheckState.Checked))
        self.untick_all.clicked.connect(lambda: self._tick_every(Qt.CheckState.Unchecked))
        self.count_label = QLabel(self)
        ticks = QHBoxLayout()
        ticks.addWidget(self.count_label, 1)
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.untick_all)

        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_button = QPushButton(self.tr("Show on screen"), self)
        self.show_button.setToolTip(self.tr("Full screen, saved nowhere — for going through "
                                            "it together in a session"))
        self.protected_button = QPushButton(self.tr("Save protected PDF…"), self)
        self.protected_button.setToolTip(self.tr(
            "A PDF that opens only with a one-time passphrase of a few words, shown to you "
            "once when it is saved"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"), self)
        self.markdown_button = QPushButton(self.tr("Save as Markdown…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.show_on_screen)
        self.protected_button.clicked.connect(lambda: self._start_saving(PROTECTED))
        self.pdf_button.clicked.connect(lambda: self._ask_before_saving("pdf"))
        self.markdown_button.clicked.connect(lambda: self._ask_before_saving("md"))
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.protected_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.markdown_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        form = QFormLayout()
        form.addRow(self.tr("Dates:"), dates)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(shows)
        layout.addWidget(QLabel(self.tr("Entries to include:"), self))
        layout.addWidget(self.entry_list, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        self.resize(640, 560)
        self._fill_entries()

    def _date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(date_format())
        edit.setAccessibleName(name)
        edit.dateChanged.connect(self._fill_entries)
        return edit

    def done(self, result: int) -> None:
        """Closed (by the person, or by locking): let go of every entry at once — the dialog
        itself is deleted only when the event loop gets to it."""
        if self.viewer is not None:
            self.viewer.close()
            self.viewer = None
        for child in (self.save_warning, self.file_dialog, self.passphrase_box):
            if child is not None:
                child.close()
        self.entry_list.clear()
        self._entries, self._checkins, self._ticked = [], [], set()
        super().done(result)

    # --- choosing --------------------------------------------------------------------------

    def dates(self) -> tuple[date, date]:
        since, until = _to_date(self.since_edit.date()), _to_date(self.until_edit.date())
        return (since, until) if since <= until else (until, since)

    def chosen_ids(self) -> set[str]:
        """The ticked entries that are listed for the dates now chosen."""
        chosen = set()
        for row in range(self.entry_list.count()):
            item = self.entry_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                chosen.add(str(item.data(_ID_ROLE)))
        return chosen

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        entry_id = str(item.data(_ID_ROLE))
        if item.checkState() == Qt.CheckState.Checked:
            self._ticked.add(entry_id)
        else:
            self._ticked.discard(entry_id)
        self._update_count()

    def _fill_entries(self) -> None:
        kept = self._ticked
        since, until = self.dates()
        self.entry_list.blockSignals(True)
        self.entry_list.clear()
        for entry in select(self._entries, (), since, until)[0]:
            title = entry.display_title or self.tr("Untitled")
            item = QListWidgetItem(f"{title} — {date_words(entry.created.astimezone().date())}")
            item.setData(_ID_ROLE, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry.id in kept
                               else Qt.CheckState.Unchecked)
            self.entry_list.addItem(item)
        self.entry_list.blockSignals(False)
        self._update_count()

    def _tick_every(self, state: Qt.CheckState) -> None:
        for row in range(self.entry_list.count()):
            self.entry_list.item(row).setCheckState(state)  # each noted by _on_item_changed

    def _update_count(self) -> None:
        total = self.entry_list.count()
        if total == 0:
            self.count_label.setText(self.tr("No entries in these dates."))
        else:
            self.count_label.setText(self.tr("%d of %d entries ticked.")
                                     % (len(self.chosen_ids()), total))

    def summary(self) -> SessionSummary:
        since, until = self.dates()
        return build_summary(self._entries, self._checkins, since, until, self.chosen_ids(),
                             today=self._today)

    # --- showing ---------------------------------------------------------------------------

    def show_on_screen(self) -> None:
        screen = self.screen().geometry()
        document = summary_document(self.summary(), self.font(), on_screen=True,
                                    screen_width=screen.width() - 80, palette=self.palette())
        if self.viewer is not None:
            self.viewer.close()  # one summary on screen at a time, the one just chosen
        # A window of the dialog's own: the dialog is modal to the main window, and a child of
        # the main window would be blocked by it.
        self._viewer_serial += 1
        serial = self._viewer_serial
        self.viewer = SummaryViewer(document, self)
        self.viewer.destroyed.connect(lambda: self._viewer_gone(serial))
        self.viewer.setGeometry(screen)  # also where no window manager goes full screen
        self.viewer.showFullScreen()
        self.viewer.close_button.setFocus()

    def _viewer_gone(self, serial: int) -> None:
        if serial == self._viewer_serial:  # not an earlier viewer deleted late
            self.viewer = None

    # --- saving ----------------------------------------------------------------------------

    def _ask_before_saving(self, file_format: str) -> None:
        """A plain file: say what it means, and offer the protected PDF first."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Save a copy that is not encrypted?"),
                          self.tr(
            "A saved summary is not encrypted. Anyone who can open this computer's files "
            "can read it until you delete it, and a file you give to a therapist can become "
            "part of their records.\n\nA protected PDF opens only with a passphrase that "
            "Unknot shows you once. To go through it together without a file, use “Show on "
            "screen”."), QMessageBox.StandardButton.Cancel, self)
        protect = box.addButton(self.tr("Save protected PDF instead…"),
                                QMessageBox.ButtonRole.YesRole)
        box.addButton(self.tr("Choose where to save…"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(protect)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._on_warning_answered(box, button, file_format))
        self.save_warning = box
        box.open()

    def _on_warning_answered(self, box: QMessageBox, button: object, file_format: str) -> None:
        self.save_warning = None
        role = box.buttonRole(button)  # type: ignore[arg-type]
        if role == QMessageBox.ButtonRole.YesRole:
            self._start_saving(PROTECTED)
        elif role == QMessageBox.ButtonRole.AcceptRole:
            self._start_saving(file_format)
        else:
            self._nothing_saved()

    def _start_saving(self, file_format: str) -> None:
        self._pending_format = file_format
        self._choose_file()

    def _choose_file(self) -> None:
        self.save_warning = None
        suffix = "md" if self._pending_format == "md" else "pdf"
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        if not folder or not Path(folder).is_dir():
            folder = str(Path.home())
        name = summary_file_name(self.summary(), suffix)  # neutral: "notes-2026-11-02.pdf"
        title = (self.tr("Save a protected copy") if self._pending_format == PROTECTED
                 else self.tr("Save a copy"))
        dialog = QFileDialog(self, title, str(Path(folder, name)))
        if not IN_FLATPAK:
            # Qt's own dialog, the same on every desktop. In a Flatpak only the desktop's file
            # chooser (a portal) can reach the person's folders.
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.setNameFilter(self.tr("PDF document (*.pdf)") if suffix == "pdf"
                             else self.tr("Markdown text (*.md)"))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self._save_to)
        dialog.destroyed.connect(_forget_file_dialog_history)
        dialog.finished.connect(self._file_dialog_finished)
        self.file_dialog = dialog
        dialog.open()

    def _nothing_saved(self) -> None:
        self.save_warning = None
        self.status_label.setText(self.tr("Nothing was saved."))

    def _file_dialog_finished(self, result: int) -> None:
        self.file_dialog = None
        if result != QDialog.DialogCode.Accepted:
            self._nothing_saved()

    def _save_to(self, chosen: str) -> None:
        path = Path(chosen)
        summary = self.summary()
        file_format = self._pending_format
        font = QFont(self.font())

        def job() -> str | None:
            # A PDF of ordinary entries takes well under a second; one of a very long pasted
            # entry much longer: the window stays responsive (and quick exit works) meanwhile.
            if file_format == PROTECTED:
                data, passphrase = protected_pdf_bytes(summary, font)
                write_private_file(path, data)
                return passphrase
            write_private_file(path, pdf_bytes(summary, font) if file_format == "pdf"
                               else summary_markdown(summary))
            return None

        self._set_saving(True)
        self.status_label.setText(self.tr("Saving…"))
        self._worker.submit(job, lambda passphrase: self._on_saved(path, passphrase),
                            self._on_save_failed)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        for button in (self.protected_button, self.pdf_button, self.markdown_button):
            button.setEnabled(not saving)
        if saving:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QApplication.restoreOverrideCursor()

    def _on_saved(self, path: Path, passphrase: str | None) -> None:
        if not isValid(self):  # the dialog closed (or the journal locked) meanwhile
            QApplication.restoreOverrideCursor()
            return
        self._set_saving(False)
        if passphrase is None:
            self.status_label.setText(self.tr(
                "Saved to %s. It is not encrypted: delete it when you no longer need it.")
                % path)
            return
        self.status_label.setText(self.tr(
            "Saved a protected PDF to %s. It opens only with the passphrase that was shown "
            "once.") % path)
        self._show_passphrase(passphrase)

    def _show_passphrase(self, passphrase: str) -> None:
        """Shown once, never kept: the words that open the protected PDF."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("The passphrase for this file"),
                          self.tr("The protected PDF opens only with this passphrase:")
                          + "\n\n" + passphrase, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(self.tr(
            "Read it out to your therapist in your session, or write it on paper for them; "
            "any PDF reader asks for it when the file is opened. Unknot shows it only now and "
            "keeps no copy: without it nobody can open the file, you included. Another "
            "protected copy gets new words."))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._passphrase_closed)
        self.passphrase_box = box
        box.open()

    def _passphrase_closed(self) -> None:
        self.passphrase_box = None

    def _on_save_failed(self, exc: Exception) -> None:
        if not isValid(self):
            QApplication.restoreOverrideCursor()
            return
        self._set_saving(False)  # shown in words; nothing half-written is left behind
        self.status_label.setText(self.tr("The summary was not saved: %s")
                                  % describe(exc, language=ui_language()))
