"""The root of the window: it builds the features and wires them to each other, and nothing else.
Each feature lives in its own folder (unlock/, safety/, settings/, checkin/, share/, sync/,
journal_pane/, timeline/, signs/, read/); they meet here and in app/state.py, never by importing
each other. Those only an unlocked journal needs are built at the first unlock."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel

from unknot.app.journal_pane.held_words import show_held
from unknot.app.main_window import DISCREET_TITLE, MainWindow, window_title
from unknot.app.preferences import Preferences, WindowState
from unknot.app.safety.controller import SafetyController
from unknot.app.safety.discreet import own_desktop_override
from unknot.app.session import JournalSession
from unknot.app.settings.controller import SettingsController
from unknot.app.state import JournalState
from unknot.app.unlock.controller import UnlockController
from unknot.app.vault_worker import VaultWorker
from unknot.app.widgets.icons import app_icon
from unknot.app.widgets.lazy_page import in_steps
from unknot.app.widgets.notify import notify
from unknot.journal.results import LoadResult

if TYPE_CHECKING:
    from unknot.app.checkin.controller import CheckInController
    from unknot.app.journal_pane.controller import JournalController
    from unknot.app.share.controller import ShareController
    from unknot.app.signs.controller import SignsController
    from unknot.app.sync.controller import SyncController
    from unknot.app.timeline.controller import TimelineController

PREPARE_AFTER_MS = 900  # the first screen settled, the core imported (app/main.py)


class AppController(QObject):
    """Signals: quit_requested(): quick exit (or "Remove everything") is done; end now."""

    quit_requested = Signal()

    def __init__(self, app: QApplication, window: MainWindow, session: JournalSession,
                 worker: VaultWorker, prefs: Preferences, prefs_path: Path,
                 window_state: WindowState) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.worker = worker
        self._window_state = window_state
        self.demo = False
        self.state = JournalState(self)
        # An unlock sooner than PREPARE_AFTER_MS builds the panes while the key is derived.
        session.opening.connect(lambda: QTimer.singleShot(0, self, self._build_journal_features))
        session.unlocked.connect(self._on_session_unlocked)
        session.reloaded.connect(self._on_session_reloaded)
        session.save_failed.connect(self._on_session_save_failed)

        self.safety = SafetyController(app, window, window.lock_action, session, prefs,
                                       self._journal_texts, self)
        self.safety.add_clearer(self.state.clear)
        self.safety.blanking.connect(self._on_safety_blanking)
        self.safety.locked.connect(self._on_safety_locked)
        self.safety.quit_requested.connect(self._on_safety_quit_requested)
        self.settings = SettingsController(
            prefs, prefs_path, session, window, lambda: session.is_unlocked and not self.demo,
            self, copy_sensitive=self.safety.clipboard.copy_sensitive, lock=self.safety.lock,
            cache=window_state.folder, desktop_override=own_desktop_override)
        self.settings.preferences_changed.connect(self.apply_preferences)
        self.settings.everything_removed.connect(self.quit_requested)  # locked, files gone
        self.unlock = UnlockController(window.lock_screen, window.setup, session, window,
                                       self.safety.clipboard.copy_sensitive, self)
        self.unlock.discreet_chosen.connect(
            lambda discreet: self.settings.update(discreet_mode=discreet, onboarding_done=True))
        self.unlock.journal_ready.connect(self._on_unlock_journal_ready)

        window.quick_exit_button.clicked.connect(self.safety.quick_exit_now)
        window.lock_action.triggered.connect(self._on_lock_triggered)
        window.settings_action.triggered.connect(self.settings.open_dialog)
        window.help_action.triggered.connect(self._on_help_triggered)
        window.about_action.triggered.connect(self._on_about_triggered)
        window.installEventFilter(self)
        self.journal: JournalController | None = None
        self.apply_preferences(prefs)

    @property
    def prefs(self) -> Preferences:
        return self.settings.prefs

    # --- the features of an unlocked journal, built at the first unlock ----------------------

    def _build_journal_features(self) -> None:
        if self.journal is not None:
            return
        from unknot.app.checkin.controller import CheckInController
        from unknot.app.journal_pane.controller import JournalController
        from unknot.app.journal_pane.import_dialog import offer_import
        from unknot.app.share.controller import ShareController
        from unknot.app.signs.controller import SignsController
        from unknot.app.sync.controller import SyncController
        from unknot.app.timeline.controller import TimelineController

        window, session, state = self.window, self.session, self.state
        window.build_journal_pages()
        window.restore_splitter(self._window_state)
        journal = JournalController(window.journal_pane, session, state, self)
        self.journal = journal
        self.timeline: TimelineController = TimelineController(window.timeline_pane, state, self)
        self.checkin: CheckInController = CheckInController(window.checkin_panel, session, state,
                                                            window, self)
        self.signs: SignsController = SignsController(window.signs_pane, state, self)
        self.share: ShareController = ShareController(state, self.worker, window, journal.flush,
                                                      self)
        self.sync: SyncController = SyncController(session, window, journal.hold_for_reload, self)
        for save in (lambda: journal.flush(wait=True), self.checkin.save_open_checkin):
            self.safety.add_saver(save)
        for clear in (journal.clear, self.checkin.clear):
            self.safety.add_clearer(clear)

        window.timeline_action.triggered.connect(self._on_timeline_triggered)
        window.journal_action.triggered.connect(window.show_journal)
        window.new_action.triggered.connect(lambda: self._on_write_requested("", ""))
        window.search_action.triggered.connect(journal.focus_search)
        window.save_action.triggered.connect(lambda: journal.flush())
        window.share_action.triggered.connect(self.share.open_dialog)
        offer_import(window.import_action, session, journal.hold_for_reload, window)
        window.read_pane.signs_requested.connect(window.show_signs)
        self.signs.write_requested.connect(self._on_write_requested)
        self.timeline.back_requested.connect(window.show_journal)
        self.timeline.week_chosen.connect(self._on_timeline_week_chosen)
        journal.damaged_records.connect(self._on_journal_damaged_records)

    def _journal_texts(self) -> list[str]:
        texts = [e.body for e in self.state.entries()] + [e.title for e in self.state.entries()]
        if self.journal is not None:
            texts.append(self.journal.editor_text())
        return texts

    # --- start --------------------------------------------------------------------------------

    def start(self) -> None:
        """The lock screen, or first run where there is no journal (a shown window stays put)."""
        if not self.window.isVisible():
            self.window.restore_geometry(self._window_state)
        self.window.set_journal_actions_enabled(False)
        if self.session.vault_exists():
            self.window.show_lock()
            self.unlock.reset_lock_screen()
        else:
            self.window.show_setup()
            self.unlock.offer_restore()  # the file is gone but its backups are here
        self.window.show()
        # The journal's panes, empty and hidden, a pane at a time while the passphrase is typed.
        QTimer.singleShot(PREPARE_AFTER_MS, self, lambda: in_steps(
            self, self.window.build_journal_page_step, self._build_journal_features))

    def start_demo(self, passphrase: str) -> None:
        """Open the sample journal at once, clearly labelled as sample data."""
        self.demo = True
        self.apply_preferences(self.prefs)
        self.window.restore_geometry(self._window_state)
        self.window.set_journal_actions_enabled(False)
        self.window.show_lock()
        notice = QLabel(self.tr("Sample data: a made-up year of entries and check-ins. Nothing "
                                "you write here is kept."), self.window)
        notice.setAccessibleName(self.tr("Sample data notice"))
        self.window.statusBar().addPermanentWidget(notice, 1)
        self.window.show()
        self.unlock.start_demo(passphrase)

    def apply_preferences(self, prefs: Preferences) -> None:
        """At once, without a restart: titles, icon, class and id of every window, the menu
        entry (app/safety/discreet.py), the lock screen's words and the quick-exit hints."""
        title = window_title(prefs, self.demo)  # the sample journal's ends in the name
        self.window.present(prefs, title)
        self.safety.apply(prefs, title)

    # --- unlocked and locked --------------------------------------------------------------------

    def _on_session_unlocked(self, loaded: LoadResult) -> None:
        # Open means lockable, the first run's recovery-key page included (idle, Ctrl+L).
        self.window.lock_action.setEnabled(True)
        self.safety.journal_opened()
        self._build_journal_features()
        self.state.open(loaded.entries, loaded.checkins, self.session.take_search_index(),
                        loaded.damaged)

    def _on_session_reloaded(self, loaded: LoadResult) -> None:
        self.state.open(loaded.entries, loaded.checkins, self.session.take_search_index(),
                        loaded.damaged, again=True)

    def _on_unlock_journal_ready(self) -> None:
        self.safety.clipboard.clear_if_ours()  # a recovery key copied at first run
        self.window.show_journal()
        self.window.set_journal_actions_enabled(True)
        self.safety.journal_opened()

    def lock(self) -> None:
        self.safety.lock()

    def quick_exit_now(self) -> None:
        self.safety.quick_exit_now()

    def _on_safety_blanking(self) -> None:
        self.window.show_neutral()
        self.window.set_chrome_visible(False)
        self.window.setWindowTitle(DISCREET_TITLE)
        self.window.setWindowIcon(app_icon("notes"))
        if self.prefs.quick_exit_action == "neutral":
            self.safety.show_neutral_identity()

    def _on_safety_locked(self, problems: list[str]) -> None:
        self.unlock.locked()  # on the recovery-key page too: the key is gone
        self.window.set_journal_actions_enabled(False)
        self.window.lock_action.setEnabled(True)
        if not self.window.is_neutral_shown():
            self.window.show_lock()
        self._say_held()

    def _say_held(self) -> None:  # words the disk refused stay until the person chooses
        show_held(self.unlock.reset_lock_screen, self.window.neutral_page,
                  self.journal.held_back() if self.journal else "")

    def _on_safety_quit_requested(self) -> None:
        if self.journal is not None and self.journal.held_back():
            self.window.show()  # stay on the blank screen, which says why: quitting drops them
        else:
            self.quit_requested.emit()

    def _on_lock_triggered(self) -> None:
        if self.window.is_neutral_shown():  # from the blank screen back to the lock screen
            self.window.set_chrome_visible(True)
            self.apply_preferences(self.prefs)
            self.window.show_lock()
            self._say_held()
        else:
            self.safety.lock()

    # --- between features ---------------------------------------------------------------------

    def _on_write_requested(self, sign_id: str, prompt: str) -> None:
        if self.journal is not None and self.session.is_unlocked:
            self.journal.new_entry(sign_id or None, prompt)

    def _on_timeline_triggered(self) -> None:
        if self.session.is_unlocked:
            self.window.show_timeline()
            self.timeline.refresh()

    def _on_timeline_week_chosen(self, sign_id: str, first: date, last: date) -> None:
        self.window.show_journal()
        if self.journal is not None:
            self.journal.filter_to(sign_id, first, last)

    def _on_help_triggered(self) -> None:
        if self.window.is_journal_shown():
            self.window.left_tabs.setCurrentWidget(self.window.read_pane)
            self.window.read_pane.show_help()
            return
        from unknot.app.read.help_dialog import HelpDialog  # locked or first run: on its own

        dialog = HelpDialog(self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_about_triggered(self) -> None:
        from unknot.app.read.about_dialog import AboutDialog

        dialog = AboutDialog(self.window)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _on_session_save_failed(self, message: str) -> None:
        notify(self.window, self.tr("That did not work"),
               self.tr("Nothing you wrote was lost.\n\n%s") % message, warning=True)

    def _on_journal_damaged_records(self, ids: list[str]) -> None:
        notify(self.window, self.tr("Some entries could not be read"),
               self.tr("%d saved item(s) are damaged and could not be opened. Everything else "
                       "is here. Damaged ids: %s") % (len(ids), ", ".join(i[:8] for i in ids)),
               warning=True)

    # --- the window -----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def detach_from_app(self) -> None:
        self.safety.detach_from_app()

    def shutdown(self) -> None:
        """Closing the window: save, lock, remember the window's size (never its content)."""
        if not self.settings.removed:  # after "Remove everything" nothing is written again
            self.window.save_state(self._window_state)
        self.safety.lock()
