"""Behaviour of the whole window: first run, unlocking, locking, quick exit, settings.

MainWindow holds the layout; this class connects it to the session, the journal controller and
the safety features. Nothing here touches the vault directly: the session does, on the worker.
"""

from __future__ import annotations

import gc
from importlib.resources import files
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from unknot.app.dialogs.help_dialog import HelpDialog
from unknot.app.dialogs.passphrase_dialog import PassphraseDialog
from unknot.app.dialogs.settings_dialog import SettingsDialog
from unknot.app.journal_pane.controller import JournalController
from unknot.app.main_window import WIDE_LAYOUT_MIN_WIDTH, MainWindow
from unknot.app.preferences import Preferences, WindowState
from unknot.app.safety.clipboard import ClipboardGuard
from unknot.app.safety.idle_lock import IdleLock
from unknot.app.safety.quick_exit import QuickExitFilter
from unknot.app.session import JournalSession
from unknot.app.share.summary_dialog import SummaryDialog
from unknot.app.timeline.controller import TimelineController
from unknot.app.vault_worker import VaultWorker
from unknot.journal.localtime import now
from unknot.journal.timeline import compare_recent, describe_change
from unknot.journal.vault import LoadResult

APP_TITLE = "Unknot"


def app_icon(name: str) -> QIcon:
    """The window icon, drawn from the SVGs shipped in resources/icons."""
    data = files("unknot.resources").joinpath("icons", f"{name}.svg").read_bytes()
    pixmap = QPixmap()
    pixmap.loadFromData(data, "SVG")
    return QIcon(pixmap)
DISCREET_TITLE = "Notes"


class AppController(QObject):
    """Signals:
        quit_requested(): quick exit finished saving; the application should end now.
    """

    quit_requested = Signal()

    def __init__(self, app: QApplication, window: MainWindow, session: JournalSession,
                 worker: VaultWorker, prefs: Preferences, prefs_path: Path,
                 window_state: WindowState) -> None:
        super().__init__(window)
        self._app = app
        self.worker = worker
        self.window = window
        self.session = session
        self.prefs = prefs
        self._prefs_path = prefs_path
        self._window_state = window_state
        self.clipboard = ClipboardGuard()
        self.journal = JournalController(window.journal_pane, session, self)
        self.timeline = TimelineController(window.timeline_pane, session, self.journal.model, self)
        self.quick_exit = QuickExitFilter(prefs.quick_exit_keys, self)
        self.idle_lock = IdleLock(prefs.auto_lock_seconds, self)
        app.installEventFilter(self.quick_exit)
        app.installEventFilter(self.idle_lock)
        window.installEventFilter(self)
        app.focusChanged.connect(self.offer_lock_shortcut)
        self._app, self._attached = app, True

        self.quick_exit.triggered.connect(self.quick_exit_now)
        window.quick_exit_button.clicked.connect(self.quick_exit_now)
        self.idle_lock.idle.connect(self.lock)
        window.lock_action.triggered.connect(self._on_lock_triggered)
        window.timeline_action.triggered.connect(self._on_timeline_triggered)
        window.journal_action.triggered.connect(window.show_journal)
        self.timeline.back_requested.connect(window.show_journal)
        self.timeline.week_chosen.connect(self._on_timeline_week_chosen)
        # Sign counts follow the journal, a moment after the typing stops.
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(400)
        self._counts_timer.timeout.connect(self._refresh_sign_counts)
        for changed in (self.journal.model.modelReset, self.journal.model.rowsInserted,
                        self.journal.model.dataChanged, self.journal.model.rowsRemoved):
            changed.connect(lambda *_: self._counts_timer.start())
        window.new_action.triggered.connect(lambda: self._on_write_requested(None, ""))
        window.search_action.triggered.connect(self._on_search_action_triggered)
        window.save_action.triggered.connect(lambda: self.journal.flush())
        window.settings_action.triggered.connect(self._on_settings_triggered)
        window.share_action.triggered.connect(self._on_share_triggered)
        window.help_action.triggered.connect(self._on_help_triggered)
        window.signs_pane.write_requested.connect(self._on_write_requested)
        window.read_pane.signs_requested.connect(window.show_signs)
        window.lock_screen.unlock_requested.connect(lambda p: session.unlock(passphrase=p))
        window.lock_screen.recovery_requested.connect(self._on_recovery_requested)
        window.setup_flow.create_requested.connect(self._on_create_requested)
        window.setup_flow.finished.connect(self._on_setup_finished)
        window.setup_flow.copy_button.clicked.connect(
            lambda: self.clipboard.copy_sensitive(window.setup_flow.recovery_label.text()))
        window.setup_flow.print_button.clicked.connect(self._on_print_recovery_clicked)
        session.created.connect(window.setup_flow.show_recovery_key)
        session.create_failed.connect(window.setup_flow.show_create_failed)
        session.unlocked.connect(self._on_session_unlocked)
        session.unlock_failed.connect(window.lock_screen.show_failure)
        session.save_failed.connect(self._on_session_save_failed)
        session.reloaded.connect(lambda _loaded: self._refresh_sign_counts())
        session.passphrase_changed.connect(self._on_passphrase_changed)
        session.conflict_copies_found.connect(self._on_conflict_copies_found)
        session.merged.connect(self._on_session_merged)
        session.passphrase_change_failed.connect(self._on_passphrase_change_failed)
        self.journal.damaged_records.connect(self._on_damaged_records)
        self.journal.save_problem.connect(
            lambda text: self._notify(self.tr("Not saved yet"), text, warning=True))
        self._recovering = False
        self._in_setup = False
        self.demo = False
        self.conflict_box: QMessageBox | None = None
        self.apply_preferences()

    # --- start --------------------------------------------------------------------------------

    def start(self) -> None:
        self._restore_window_state()
        self.window.set_journal_actions_enabled(False)
        if self.session.vault_exists():
            self.window.show_lock()
            self.window.lock_screen.reset()
        else:
            self._in_setup = True
            self.window.show_setup()
        self.window.show()

    def start_demo(self, passphrase: str) -> None:
        """Open the sample journal at once, clearly labelled as sample data."""
        self.demo = True
        self.apply_preferences()
        self._restore_window_state()
        self.window.set_journal_actions_enabled(False)
        self.window.show_lock()
        self.window.lock_screen.hint_label.setText(self.tr(
            "This is a sample journal with made-up entries. Its passphrase is: %s") % passphrase)
        notice = QLabel(self.tr("Sample data: a made-up year of entries and check-ins. Nothing "
                                "you write here is kept."), self.window)
        notice.setAccessibleName(self.tr("Sample data notice"))
        self.window.statusBar().addPermanentWidget(notice, 1)
        self.window.show()
        self.session.unlock(passphrase=passphrase)

    def apply_preferences(self) -> None:
        discreet = self.prefs.discreet_mode
        title = DISCREET_TITLE if discreet else APP_TITLE
        if self.demo:
            title += " — " + self.tr("sample data, nothing is saved")
        self.window.setWindowTitle(title)
        QGuiApplication.setApplicationDisplayName(DISCREET_TITLE if discreet else APP_TITLE)
        icon = app_icon("notes" if discreet else "unknot")
        self.window.setWindowIcon(icon)
        QGuiApplication.setWindowIcon(icon)
        self.quick_exit.set_sequence(self.prefs.quick_exit_keys)
        self.idle_lock.set_seconds(self.prefs.auto_lock_seconds)

    # --- first run ------------------------------------------------------------------------------

    def _on_create_requested(self, passphrase: str, with_recovery: bool) -> None:
        self.prefs.discreet_mode = self.window.setup_flow.discreet_box.isChecked()
        self.prefs.onboarding_done = True
        self.prefs.save(self._prefs_path)
        self.apply_preferences()
        self.session.create(passphrase, with_recovery)

    def _on_setup_finished(self) -> None:
        self._in_setup = False
        self.clipboard.clear_if_ours()
        self._show_unlocked()

    def _on_print_recovery_clicked(self) -> None:
        from unknot.app.dialogs.print_recovery import print_recovery_key

        print_recovery_key(self.window.setup_flow.recovery_label.text(), self.window)

    # --- unlocking ------------------------------------------------------------------------------

    def _on_recovery_requested(self, key: str) -> None:
        self._recovering = True
        self.session.unlock(recovery_key=key)

    def _on_session_unlocked(self, loaded: LoadResult) -> None:
        if self._in_setup:
            return  # the setup flow shows the recovery key first
        self._show_unlocked()
        if self._recovering:
            self._recovering = False
            self._ask_new_passphrase()
        del loaded

    def _show_unlocked(self) -> None:
        # Thousands of decrypted entries stay alive while unlocked; keep Python's cyclic garbage
        # collector from walking them all while the person types (a 15 ms stall at 10,000).
        gc.freeze()
        self.window.show_journal()
        self.window.set_journal_actions_enabled(True)
        self.idle_lock.start()
        self._refresh_sign_counts()

    def _ask_new_passphrase(self) -> None:
        text, ok = QInputDialog.getText(
            self.window, self.tr("Choose a new passphrase"),
            self.tr("You opened the journal with the recovery key. Choose a new passphrase:"),
            QLineEdit.EchoMode.Password)
        if ok and text:
            self.session.change_passphrase(text)

    def _refresh_sign_counts(self, *_args: object) -> None:
        if not self.session.is_unlocked:
            return
        changes = compare_recent(self.journal.model.entries())
        self.window.signs_pane.set_recent_counts({c.sign: c.recent for c in changes})
        for change in changes:
            self.window.signs_pane.card(change.sign).count_label.setText(
                self.tr(describe_change(change)))

    def _on_timeline_triggered(self) -> None:
        if self.session.is_unlocked:
            self.window.show_timeline()
            self.timeline.refresh()

    def _on_share_triggered(self) -> None:
        if not self.session.is_unlocked:
            return
        self.journal.flush()  # what is being written now can be chosen too
        dialog = SummaryDialog(self.journal.model.entries(), self.timeline.checkins.items(),
                               now().date(), self.window)
        dialog.open()

    def _on_timeline_week_chosen(self, sign_id: str, first: object, last: object) -> None:
        self.window.show_journal()
        self.journal.filter_to(sign_id, first, last)

    # --- writing --------------------------------------------------------------------------------

    def _on_write_requested(self, sign_id: str | None, prompt: str) -> None:
        if not self.session.is_unlocked:
            return
        self.journal.new_entry(sign_id, prompt)

    def _on_search_action_triggered(self) -> None:
        self.window.journal_pane.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.window.journal_pane.search_edit.selectAll()

    def _on_session_save_failed(self, message: str) -> None:
        self._notify(self.tr("That did not work"),
                     self.tr("Nothing you wrote was lost.\n\n%s") % message, warning=True)

    def _on_damaged_records(self, ids: list[str]) -> None:
        self._notify(
            self.tr("Some entries could not be read"),
            self.tr("%d saved item(s) are damaged and could not be opened. Everything else is "
                    "here. Damaged ids: %s") % (len(ids), ", ".join(i[:8] for i in ids)),
            warning=True)

    def _notify(self, title: str, text: str, warning: bool = False) -> None:
        """A message that does not block the window (and closes when the journal locks)."""
        icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- locking and quick exit -----------------------------------------------------------------

    def lock(self) -> None:
        """Save what is being written, then drop the key and every decrypted text. Never stops
        halfway: if the disk refuses the last save, the journal still locks and says so."""
        if not self.session.is_unlocked:
            self.session.lock()  # cancels an unlock still deriving its key
            return
        problems: list[str] = []
        try:
            self.session.settle()  # a save still under way that fails is retried just below
            texts = [e.body for e in self.journal.model.entries()]
            texts += [e.title for e in self.journal.model.entries()]
            texts.append(self.window.journal_pane.editor.body_edit.toPlainText())
            problems = self.journal.flush(wait=True)
            problems += self.timeline.save_open_checkin()
            self.clipboard.clear_if_ours(texts)
            del texts
        finally:
            self.idle_lock.stop()
            self._close_journal_windows()
            self.journal.clear()
            self.timeline.clear()
            self.window.signs_pane.clear_recent_counts()
            try:
                self.session.lock()
            finally:
                gc.unfreeze()
                gc.collect()
                self.window.set_journal_actions_enabled(False)
                self.window.lock_action.setEnabled(True)
                if self.window.pages.currentWidget() is not self.window.neutral_page:
                    self.window.show_lock()
                self.window.lock_screen.reset()
                if problems:
                    self.window.lock_screen.status_label.setText(self.tr(
                        "Locked. Your last change could not be saved: %s") % problems[0])

    def offer_lock_shortcut(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Ctrl+L locks from every window of Unknot's — a dialog, the summary shown on
        screen — not only from the main window (a dialog's modality would block it there)."""
        if new is None:
            return
        top = new.window()
        if top is self.window or self.window.lock_action in top.actions():
            return
        owner = top.parentWidget()
        while owner is not None and owner is not self.window:
            owner = owner.parentWidget()
        if owner is self.window:  # one of this window's dialogs, or a window of one of them
            top.addAction(self.window.lock_action)

    def _close_journal_windows(self) -> None:
        """Close every other window, hidden ones too: quick exit hides them first, and a
        hidden dialog still holds what it showed until it is closed."""
        for widget in QApplication.topLevelWidgets():
            if widget is self.window:
                continue
            if isinstance(widget, QDialog):
                widget.reject()  # a hidden dialog ignores close(): reject() empties it too
                widget.close()
            elif widget.isVisible() or widget.testAttribute(Qt.WidgetAttribute.WA_DeleteOnClose):
                widget.close()

    def quick_exit_now(self) -> None:
        """Blank at once, save the draft encrypted, drop everything, then quit or go neutral."""
        self.window.show_neutral()
        self.window.set_chrome_visible(False)
        self.window.setWindowTitle(DISCREET_TITLE)
        self.window.setWindowIcon(app_icon("notes"))
        for widget in QApplication.topLevelWidgets():
            if widget is not self.window:
                widget.hide()
        if self.prefs.quick_exit_action != "neutral":
            self.window.hide()
        QApplication.processEvents()
        try:
            self.lock()
        finally:
            if self.prefs.quick_exit_action == "neutral":
                self.window.show_neutral()
            else:
                self.quit_requested.emit()

    def _on_lock_triggered(self) -> None:
        if self.window.pages.currentWidget() is self.window.neutral_page:
            self._leave_neutral()
        else:
            self.lock()

    def _leave_neutral(self) -> None:
        """From the blank screen back to the lock screen (Ctrl+L)."""
        self.window.set_chrome_visible(True)
        self.apply_preferences()
        self.window.show_lock()
        self.window.lock_screen.reset()

    # --- settings and help ----------------------------------------------------------------------

    def _on_settings_triggered(self) -> None:
        dialog = SettingsDialog(self.prefs, self.window)
        for button, rotate in ((dialog.change_button, False), (dialog.rotate_button, True)):
            button.setEnabled(self.session.is_unlocked and not self.demo)
            button.clicked.connect(lambda _=False, r=rotate: self._on_passphrase_requested(r))
        if dialog.exec():
            self.prefs = dialog.preferences()
            self.prefs.save(self._prefs_path)
            self.apply_preferences()
        dialog.deleteLater()

    def _on_conflict_copies_found(self, copies: list[Path]) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Copies from a sync program"),
                          self.tr("Beside your journal there are %d copies made by a sync "
                                  "program (for example when two computers changed it at the "
                                  "same time). Unknot can bring their entries in: nothing in "
                                  "your journal is lost, and the copies are kept in the "
                                  "backups folder.") % len(copies),
                          QMessageBox.StandardButton.NoButton, self.window)
        merge = box.addButton(self.tr("Bring their entries in…"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self._ask_copy_passphrase() if button is merge else None)
        self.conflict_box = box
        box.open()

    def _ask_copy_passphrase(self) -> None:
        text, ok = QInputDialog.getText(
            self.window, self.tr("Open the copies"),
            self.tr("The passphrase that opens the copies (usually your current one):"),
            QLineEdit.EchoMode.Password)
        if ok and text:
            self.journal.hold_for_reload()  # saved first; no edits until it is read again
            self.session.merge_conflict_copies(text)

    def _on_session_merged(self, summary: str) -> None:
        self._notify(self.tr("Copies merged"), self.tr(summary))

    def _on_passphrase_requested(self, rotate: bool) -> None:
        dialog = PassphraseDialog(rotate, self.window)
        if dialog.exec():
            self.session.change_passphrase(dialog.new_edit.text(), dialog.current_edit.text(),
                                           rotate)
        dialog.clear()
        dialog.deleteLater()

    def _on_passphrase_changed(self, how: str) -> None:
        text = (self.tr("Done. Every entry is now locked with a new key, and Unknot's older "
                        "backups were removed.") if how == "rotated"
                else self.tr("Your passphrase was changed."))
        self._notify(self.tr("Passphrase"), text)

    def _on_passphrase_change_failed(self, message: str) -> None:
        self._notify(self.tr("Passphrase not changed"),
                     self.tr("Nothing was changed.\n\n%s") % message, warning=True)

    def _on_help_triggered(self) -> None:
        if self.window.pages.currentWidget() is self.window.splitter:
            self.window.left_tabs.setCurrentWidget(self.window.read_pane)
            self.window.read_pane.show_help()
            return
        # Locked or first run: Help (with the crisis lines) in a window of its own.
        dialog = HelpDialog(self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    # --- window events --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.WindowStateChange and self.prefs.lock_on_minimise \
                    and self.window.isMinimized():
                QTimer.singleShot(0, self.lock)
            elif event.type() == QEvent.Type.Close:
                self.shutdown()
        return False

    def _restore_window_state(self) -> None:
        geometry = self._window_state.restore("geometry")
        if geometry is not None:
            self.window.restoreGeometry(geometry)
        else:
            screen = self.window.screen().availableGeometry()
            self.window.resize(min(1280, int(screen.width() * 0.92)),
                               min(800, int(screen.height() * 0.92)))
        self.window.set_wide(self.window.width() >= WIDE_LAYOUT_MIN_WIDTH)
        splitter = self._window_state.restore(self._splitter_key())
        if splitter is not None:
            self.window.splitter.restoreState(splitter)

    def _splitter_key(self) -> str:
        return "splitter-wide" if self.window.wide else "splitter"

    def detach_from_app(self) -> None:
        """Stop watching the whole application (keys, idle time, focus): for a controller whose
        window has gone while the application goes on, as when tests start another."""
        if self._attached:
            self._attached = False
            self._app.removeEventFilter(self.quick_exit)
            self._app.removeEventFilter(self.idle_lock)
            self._app.focusChanged.disconnect(self.offer_lock_shortcut)

    def shutdown(self) -> None:
        """Closing the window: save, lock, remember the window's size (never its content)."""
        self._window_state.store("geometry", self.window.saveGeometry())
        self._window_state.store(self._splitter_key(), self.window.splitter.saveState())
        self._window_state.sync()
        self.lock()

