"""Import from other apps (DESIGN §10): choose a file or a folder — inside a Flatpak through
the desktop's own chooser, the portal, the only way the sandbox reaches the person's files —
choose its format or let Unknot tell, and import on the worker. The result is said in words
("3 entries added, 2 were already there."); a file with one bad entry imports nothing and says
which entry."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from unknot.app.session import JournalSession

DETECT = ""


def in_flatpak() -> bool:
    return bool(os.environ.get("FLATPAK_ID")) or Path("/.flatpak-info").exists()


class ImportDialog(QDialog):
    """`before_import` saves what is being written and holds edits until the journal is read
    again (the journal pane's hold_for_reload)."""

    def __init__(self, session: JournalSession, before_import: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from unknot.journal.importers import FORMAT_NAMES

        self._session = session
        self._before_import = before_import
        self.path: Path | None = None
        self.busy = False
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle(self.tr("Import from another app"))
        intro = QLabel(self.tr(
            "Bring in entries from jrnl, Day One, a folder of Markdown notes or an Unknot "
            "export. Entries already in your journal are not added again, and a file with a "
            "problem imports nothing."), self)
        intro.setWordWrap(True)
        self.format_box = QComboBox(self)
        self.format_box.setAccessibleName(self.tr("Format"))
        self.format_box.addItem(self.tr("Tell from the file"), DETECT)
        names = {
            "unknot-json": self.tr("Unknot JSON export"),
            "jrnl-json": self.tr("jrnl JSON export (jrnl --format json)"),
            "dayone-json": self.tr("Day One JSON export (.zip, its folder or its .json)"),
            "markdown-folder": self.tr("A folder of Markdown files, one entry each"),
        }
        for key in FORMAT_NAMES:
            self.format_box.addItem(names.get(key, key), key)
        self.file_button = QPushButton(self.tr("Choose a file…"), self)
        self.folder_button = QPushButton(self.tr("Choose a folder…"), self)
        self.file_button.clicked.connect(lambda: self._choose(folder=False))
        self.folder_button.clicked.connect(lambda: self._choose(folder=True))
        self.path_label = QLabel(self.tr("Nothing chosen yet."), self)
        self.path_label.setWordWrap(True)
        self.path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label = QLabel("", self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setAccessibleName(self.tr("Import result"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.import_button = self.buttons.addButton(self.tr("Import"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        choose = QHBoxLayout()
        choose.addWidget(self.file_button)
        choose.addWidget(self.folder_button)
        choose.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_box)
        form.addRow(self.tr("From:"), choose)
        form.addRow("", self.path_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        session.imported.connect(self._on_imported)
        session.import_failed.connect(self._on_import_failed)

    # --- choosing --------------------------------------------------------------------------

    def _choose(self, folder: bool) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        if not start or not Path(start).is_dir():
            start = str(Path.home())
        dialog = QFileDialog(self, self.tr("Choose the folder to import") if folder
                             else self.tr("Choose the file to import"), start)
        if not in_flatpak():
            # Qt's own dialog, the same everywhere; in a Flatpak only the desktop's chooser (a
            # portal) reaches the person's files.
            dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        if folder:
            dialog.setFileMode(QFileDialog.FileMode.Directory)
            dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        else:
            dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
            dialog.setNameFilters([self.tr("Exports (*.json *.zip)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.set_path)
        dialog.finished.connect(self._file_dialog_finished)
        self.file_dialog = dialog
        dialog.open()

    def _file_dialog_finished(self, _result: int) -> None:
        self.file_dialog = None

    def set_path(self, chosen: str | Path) -> None:
        self.path = Path(chosen)
        self.path_label.setText(str(self.path))
        self.status_label.clear()
        self.import_button.setEnabled(not self.busy)

    def choose_format(self, key: str) -> None:
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(key)))

    # --- importing -------------------------------------------------------------------------

    def start_import(self) -> None:
        if self.path is None or self.busy:
            return
        self._set_busy(True)
        self.status_label.setText(self.tr("Importing…"))
        self._before_import()
        key = self.format_box.currentData()
        self._session.import_file(self.path, key or None)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.import_button, self.file_button, self.folder_button,
                       self.format_box):
            widget.setEnabled(not busy)
        self.import_button.setEnabled(not busy and self.path is not None)

    def _on_imported(self, summary: object) -> None:
        if not self.busy:
            return
        self._set_busy(False)
        words = getattr(summary, "words", None)
        self.status_label.setText(words() if callable(words) else str(summary))

    def _on_import_failed(self, message: str) -> None:
        if not self.busy:
            return
        self._set_busy(False)
        self.status_label.setText(self.tr("Nothing was imported. %s") % message
                                  if "Nothing was imported" not in message else message)


def open_import_dialog(session: JournalSession, before_import: Callable[[], None],
                       parent: QWidget) -> ImportDialog:
    dialog = ImportDialog(session, before_import, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def offer_import(action: QAction, session: JournalSession, before_import: Callable[[], None],
                 parent: QWidget) -> None:
    """Wire the window's Import… action to a new dialog each time."""
    action.triggered.connect(lambda: open_import_dialog(session, before_import, parent))
