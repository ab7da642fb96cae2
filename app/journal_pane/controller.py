"""Behaviour of the Journal pane: the list, filters, the editor, and saving while typing.

The editor is bound to one entry at a time, by its id (a new entry gets its id at Ctrl+N, before
its first save). Only the person re-points it: choosing a row, New entry, Delete. Changes of the
list — a search, a filter, the timeline, a save or delete arriving, a merge — move the list's
current row as Qt sees fit, and those moves are ignored: afterwards the list is put back to show
the open entry (selected when the filter shows it; otherwise a note says the filter hides it).

Saving is debounced: each edit restarts a short single-shot timer, and when it fires the entry is
encrypted and written on the vault worker. flush() saves at once (lock, quick exit, switching).
"""

from __future__ import annotations

import os
from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from unknot.app.i18n import date_words, ui_language
from unknot.app.journal_pane.editor import EntryFields
from unknot.app.journal_pane.entry_model import EntryFilterProxy, EntryListModel, IdRole
from unknot.app.journal_pane.journal_pane import Filters, JournalPane
from unknot.app.session import JournalSession
from unknot.app.state import JournalState
from unknot.journal.content import load_signs
from unknot.journal.errors import describe
from unknot.journal.localtime import now
from unknot.journal.model import Entry, new_record_id

AUTOSAVE_DELAY_MS = 700


class JournalController(QObject):
    """Signals:
        damaged_records(list): ids that could not be read when the journal opened.
    """

    damaged_records = Signal(list)

    def __init__(self, pane: JournalPane, session: JournalSession, state: JournalState,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._session = session
        self._state = state
        self.model = EntryListModel(state, self)
        self.proxy = EntryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        # The list changing under the selection: connected before the view's own handlers (which
        # move the current row) so that those moves are known for what they are.
        self._list_changing = 0
        for about in (self.proxy.rowsAboutToBeRemoved, self.proxy.rowsAboutToBeInserted,
                      self.proxy.layoutAboutToBeChanged, self.proxy.modelAboutToBeReset):
            about.connect(self._on_list_about_to_change)
        pane.set_list_model(self.proxy)
        for done in (self.proxy.rowsRemoved, self.proxy.rowsInserted, self.proxy.layoutChanged,
                     self.proxy.modelReset):
            done.connect(self._on_list_changed)
        for counted in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            counted.connect(self._on_entries_counted)  # a hidden entry saved or deleted
        self._open_id: str | None = None  # the entry the editor is bound to, saved or not
        self._reopen_id: str | None = None  # opened again after a lock, if it is still there
        self._current: Entry | None = None  # its last saved version; None until the first save
        self._dirty = False
        self._unsaved: dict[str, Entry] = {}  # saves the disk refused, tried again later
        # Kept through a lock when the disk refused their last save (a full disk at quick
        # exit): saved at the next unlock, or let go when the person chooses (discard_held).
        self._held: dict[str, Entry] = {}
        self._held_reason = ""
        self._pending_prompt = ""
        self._filter_label = ""
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.flush)

        pane.new_requested.connect(lambda: self.new_entry())
        pane.search_changed.connect(self._on_pane_search_changed)
        pane.filters_changed.connect(self._on_pane_filters_changed)
        pane.clear_filters_requested.connect(self.clear_filters)
        pane.entry_chosen.connect(self._on_pane_entry_chosen)
        pane.row_picked_by_focus.connect(self._on_pane_row_picked_by_focus)
        pane.text_edited.connect(self._on_pane_text_edited)
        pane.delete_requested.connect(self._on_pane_delete_requested)
        state.opened.connect(self._on_state_opened)
        state.reloaded.connect(self._on_state_reloaded)
        session.record_saved.connect(self._on_session_record_saved)
        session.record_save_failed.connect(self._on_session_record_save_failed)
        session.record_deleted.connect(state.remove_entry)
        self._saving_works = True
        self._set_enabled(False)

    # --- opening and locking ---------------------------------------------------------------

    def _on_state_reloaded(self) -> None:
        """The journal was read again (a merge): keep the open entry open, in its new version.
        The editor was read-only while the merge ran and everything was saved before it."""
        self._pane.set_editing_enabled(True)
        entry = self.model.entry(self._open_id) if self._open_id else None
        if entry is not None:
            self._show_entry(entry)
        self._sync_list()

    def hold_for_reload(self) -> None:
        """Save now and stop edits until the journal is read again (see _on_state_reloaded)."""
        self.flush()
        self._pane.set_editing_enabled(False)

    def _on_state_opened(self) -> None:
        self._autosave.stop()
        self._current = None
        self._dirty = False
        self._unsaved.clear()
        self._set_enabled(True)
        self._show_save_notice("")
        self._save_held()
        self._say_if_read_only()
        self._update_empty_note()
        if self._state.damaged:
            self.damaged_records.emit(list(self._state.damaged))
        # The entry that was open when the journal locked opens again; else the newest.
        entry = self.model.entry(self._reopen_id) if self._reopen_id else None
        self._reopen_id = None
        first = self.proxy.index(0, 0)
        if entry is None and first.isValid():
            entry = self.model.entry(first.data(IdRole))
        self._show_entry(entry)

    def _say_if_read_only(self) -> None:
        """A journal in a read-only file or folder opens, but says at once that nothing can be
        saved there (SQLite writes a journal file beside the vault, so the folder counts)."""
        vault = self._session.vault_path
        if os.access(vault, os.W_OK) and os.access(vault.parent, os.W_OK):
            return
        self._show_save_notice(self.tr(
            "This journal opened, but nothing can be saved to it: its file or its folder (%s) is "
            "read-only. Unknot keeps what you write and tries again with each change; make the "
            "folder writable, or move the journal to one that is.") % vault.parent)

    def clear(self) -> None:
        """Drop every piece of decrypted text this pane holds (the journal locked)."""
        self._autosave.stop()
        # An opaque id, never text (see _on_state_opened). The state may be emptied first, so
        # whether the entry was saved is asked when the journal opens again.
        self._reopen_id = self._open_id
        self._held.update(self._unsaved)  # what the disk refused is not dropped in silence
        self._unsaved.clear()
        self._pane.clear_search()
        self.proxy.clear_filters()
        self._pane.set_filters(Filters(), quiet=False)
        # Last: resetting the filters can move the list's selection onto an entry (when the
        # state is emptied after this pane), which would open it again.
        self._open_id = None
        self._current = None
        self._dirty = False
        self._pane.clear_editor()
        self._set_enabled(False)
        self._show_save_notice("")
        self._update_filter_note()

    def _set_enabled(self, enabled: bool) -> None:
        self._pane.set_journal_enabled(enabled)

    def focus_search(self) -> None:
        self._pane.focus_search()

    def editor_text(self) -> str:
        """What the editor shows now (locking looks for copies of it on the clipboard)."""
        return self._pane.editor_text()

    # --- the current entry -----------------------------------------------------------------

    @property
    def open_entry_id(self) -> str | None:
        """The id of the entry the editor shows (a new one's too, before its first save)."""
        return self._open_id

    def new_entry(self, sign_id: str | None = None, prompt: str = "") -> None:
        self.flush()
        signs = (sign_id,) if sign_id else ()
        self._open_id = new_record_id()
        self._current = None
        self._pending_prompt = prompt
        self._pane.show_entry(EntryFields(signs=signs), prompt)
        self._pane.set_save_status(self.tr("New entry — it is saved as you type."))
        self._pane.set_delete_enabled(False)
        self._dirty = False  # saved once the person writes or chooses something
        self._sync_list()
        self._pane.focus_editor()

    def _show_entry(self, entry: Entry | None) -> None:
        self._open_id = entry.id if entry is not None else None
        self._current = entry
        self._dirty = False
        self._pending_prompt = ""
        if entry is None:
            self._pane.show_entry(EntryFields())
            self._pane.set_save_status("")
        else:
            self._pane.show_entry(EntryFields(title=entry.title, body=entry.body,
                                              signs=entry.signs, mood=entry.mood,
                                              tags=entry.tags), entry.prompt)
            self._pane.set_save_status(self.tr("Saved"))
        self._pane.set_delete_enabled(entry is not None)
        self._sync_list()

    def _on_list_about_to_change(self, *_args: object) -> None:
        self._list_changing += 1

    def _on_list_changed(self, *_args: object) -> None:
        self._list_changing = max(0, self._list_changing - 1)
        if not self._list_changing:
            self._update_filter_note()  # the counts follow saves and deletes too

    def _on_entries_counted(self, *_args: object) -> None:
        if not self._list_changing:
            self._update_filter_note()

    def _sync_list(self) -> None:
        """Make the list show the open entry: current and selected when the filter shows it,
        nothing selected and a note when it hides it. Never touches the editor."""
        index = (self.proxy.mapFromSource(self.model.index_of(self._open_id))
                 if self._open_id else QModelIndex())
        self._list_changing += 1  # the moves made here are the list's, not the person's
        try:
            self._pane.select_row(index)
        finally:
            self._list_changing -= 1
        hidden = (self._open_id is not None and not index.isValid() and self.proxy.is_filtering
                  and self._state.is_open)
        self._pane.set_hidden_note_shown(hidden)

    def _on_pane_row_picked_by_focus(self) -> None:
        # Qt picked a row as the list got the focus: the editor stays where it is, and the list
        # is put back to show it.
        if not self._list_changing:
            QTimer.singleShot(0, self._sync_list)

    def _on_pane_entry_chosen(self, entry_id: str) -> None:
        if self._list_changing:
            return  # the list moved under the selection: see _on_list_about_to_change
        # Looked up by id: an Entry passed through a QVariant can be kept alive by Qt.
        entry = self.model.entry(entry_id) if entry_id else None
        if entry is None:
            self._sync_list()
            return
        if entry.id == self._open_id:
            return
        self.flush()
        self._show_entry(self.model.entry(entry.id))

    def _on_pane_text_edited(self) -> None:
        if self._open_id is None:  # writing with no entry open (after a delete): a new one
            self._open_id = new_record_id()
            self._current = None
            self._sync_list()
        self._dirty = True
        self._pane.set_save_status(self.tr("Saving…"))
        self._autosave.start()

    # --- saving ------------------------------------------------------------------------------

    def _build_entry(self) -> Entry | None:
        if not self._dirty:
            return None
        fields = self._pane.entry_fields()
        if self._open_id is None:
            return None
        written = {"title": fields.title, "body": fields.body, "signs": fields.signs,
                   "mood": fields.mood, "tags": fields.tags}
        if self._current is None:
            if fields.is_blank():
                return None
            when = now()
            return Entry(id=self._open_id, created=when, updated=when,
                         prompt=self._pending_prompt, **written)  # type: ignore[arg-type]
        return self._current.edited(now(), **written)

    def flush(self, wait: bool = False) -> list[str]:
        """Save the entry being edited now, and retry saves the disk refused before. With
        wait=True, return only when they are on disk; then the result lists what could still
        not be saved, in words (never raises: locking and quick exit must go on)."""
        self._autosave.stop()
        entry = self._build_entry()
        pending = list(self._unsaved.values())
        if entry is not None:
            self._current = entry
            self._dirty = False
            self._state.put_entry(entry)
            self._pane.set_delete_enabled(True)
            pending = [e for e in pending if e.id != entry.id] + [entry]
        problems: list[str] = []
        for record in pending:
            if not wait:
                self._session.save(record)
                continue
            try:
                self._session.save_now(record)
                self._unsaved.pop(record.id, None)
            except Exception as exc:  # reported in words; the lock goes on regardless
                self._unsaved[record.id] = record
                problems.append(describe(exc, language=ui_language()))
        if problems:
            self._held_reason = problems[0]
        return problems

    # --- words the disk refused, kept through a lock -----------------------------------------

    def held_back(self) -> str:
        """Why changes are kept unsaved through the lock, in words; "" when none are."""
        return self._held_reason if self._held else ""

    def discard_held(self) -> None:
        """The person chose to let go of the changes the disk refused."""
        self._held.clear()
        self._held_reason = ""

    def _save_held(self) -> None:
        held, self._held = self._held, {}
        self._held_reason = ""
        for entry in held.values():
            known = self._state.entry(entry.id)
            if known is None or known.updated < entry.updated:
                self._state.put_entry(entry)
            self._unsaved[entry.id] = entry
            self._session.save(entry)

    def _on_session_record_saved(self, record: object) -> None:
        if isinstance(record, Entry):
            waiting = self._unsaved.get(record.id)
            if waiting is not None and waiting.updated <= record.updated:
                del self._unsaved[record.id]
        if isinstance(record, Entry):
            self._show_save_notice("")  # saving works again
        if isinstance(record, Entry) and record.id == self._open_id and not self._dirty:
            self._pane.set_save_status(self.tr("Saved · encrypted"))
            self._sync_list()
        self._update_empty_note()

    def _on_session_record_save_failed(self, record: object, message: str) -> None:
        if not isinstance(record, Entry):
            return
        newer = self._unsaved.get(record.id)
        if newer is None or newer.updated <= record.updated:
            self._unsaved[record.id] = record  # tried again with the next save, and on lock
        if record.id == self._open_id:
            self._pane.set_save_status(self.tr("Not saved yet — see the notice above."))
        self._show_save_notice(
            self.tr("Not saved yet: %s Unknot keeps what you wrote and tries again with your "
                    "next change, and when you lock.") % message)

    def _show_save_notice(self, text: str) -> None:
        """One calm notice above the pane while saving fails; it goes when a save works."""
        self._pane.set_save_notice(text)

    def _on_pane_delete_requested(self) -> None:
        entry = self._current
        if entry is None:
            return
        answer = QMessageBox.question(
            self._pane, self.tr("Delete this entry?"),
            self.tr("Delete the entry from %s? This cannot be undone.")
            % date_words(entry.created.astimezone().date()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._autosave.stop()
        self._dirty = False
        self._session.delete(entry.id)
        self._state.remove_entry(entry.id)
        self._unsaved.pop(entry.id, None)
        self._show_entry(None)
        self._update_empty_note()

    # --- filters -------------------------------------------------------------------------------

    def _on_pane_search_changed(self, text: str) -> None:
        self.flush()  # the entry being written is counted and filtered like every other
        self.proxy.set_query(text)
        self._update_filter_note()

    def _on_pane_filters_changed(self) -> None:
        self.flush()  # the entry being written is counted and filtered like every other
        self._filter_label = ""
        filters = self._pane.current_filters()
        self.proxy.set_sign(filters.sign)
        days = filters.days
        since = None if days is None else now().date() - timedelta(days=days)
        self.proxy.set_dates(since, None)
        self._update_filter_note()

    def filter_to(self, sign_id: str | None, since: date, until: date) -> None:
        """Show only entries of one sign within [since, until]: used by the timeline."""
        self.flush()  # the entry being written is counted and filtered like every other
        self._pane.set_filters(Filters(sign=sign_id, dates=self._pane.current_filters().dates))
        self.proxy.set_sign(sign_id)
        self.proxy.set_dates(since, until)
        titles = {s.id: s.title for s in load_signs(ui_language())}
        self._filter_label = self.tr("Week of %s · %s") % (
            date_words(since), titles.get(sign_id or "", self.tr("all signs")))
        self._update_filter_note()

    def clear_filters(self) -> None:
        self.flush()  # the entry being written is counted and filtered like every other
        self._pane.set_filters(Filters())
        self._pane.clear_search()
        self.proxy.clear_filters()
        self._filter_label = ""
        self._update_filter_note()

    def _update_filter_note(self) -> None:
        filtering = self.proxy.is_filtering
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        label = f"{self._filter_label} — " if self._filter_label and filtering else ""
        self._pane.set_filter_note(
            label + self.tr("showing %d of %d entries") % (shown, total) if filtering else "")
        self._sync_list()
        self._update_empty_note()

    def _update_empty_note(self) -> None:
        if self.model.rowCount() == 0 and self._pane.is_list_enabled():
            text = self.tr("No entries yet. Press “New entry”, or choose “Write about this” on a "
                           "sign card.")
        elif self.proxy.rowCount() == 0 and self.proxy.is_filtering:
            text = self.tr("No entries match.")
        else:
            text = ""
        self._pane.set_empty_note(text)
