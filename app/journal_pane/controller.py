"""Behaviour of the Journal pane: the list, filters, the editor, and saving while typing.

Saving is debounced: each edit restarts a short single-shot timer, and when it fires the entry is
encrypted and written on the vault worker. flush() saves at once (lock, quick exit, switching).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from unknot.app.journal_pane.editor import focus_body
from unknot.app.journal_pane.entry_model import EntryFilterProxy, EntryListModel, IdRole
from unknot.app.journal_pane.journal_pane import JournalPane
from unknot.app.session import JournalSession
from unknot.app.state import JournalState
from unknot.journal.content import load_signs
from unknot.journal.errors import describe
from unknot.journal.localtime import now
from unknot.journal.model import Entry

AUTOSAVE_DELAY_MS = 700


class JournalController(QObject):
    """Signals:
        damaged_records(list): ids that could not be read when the journal opened.
        save_problem(str): an entry could not be saved yet, in words.
    """

    damaged_records = Signal(list)
    save_problem = Signal(str)

    def __init__(self, pane: JournalPane, session: JournalSession, state: JournalState,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pane = pane
        self._session = session
        self._state = state
        self._editor = pane.editor
        self.model = EntryListModel(state, self)
        self.proxy = EntryFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        pane.list_view.setModel(self.proxy)
        self._current: Entry | None = None
        self._dirty = False
        self._unsaved: dict[str, Entry] = {}  # saves the disk refused, tried again later
        self._pending_prompt = ""
        self._filter_label = ""
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave.timeout.connect(self.flush)

        pane.new_button.clicked.connect(lambda: self.new_entry())
        pane.search_edit.textChanged.connect(self._on_search_text_changed)
        pane.sign_filter.currentIndexChanged.connect(self._on_filters_changed)
        pane.date_filter.currentIndexChanged.connect(self._on_filters_changed)
        pane.clear_filter_button.clicked.connect(self.clear_filters)
        pane.list_view.selectionModel().currentChanged.connect(self._on_list_current_changed)
        self._editor.edited.connect(self._on_editor_edited)
        self._editor.delete_requested.connect(self._on_editor_delete_requested)
        state.opened.connect(self._on_state_opened)
        state.reloaded.connect(self._on_state_reloaded)
        session.record_saved.connect(self._on_session_record_saved)
        session.record_save_failed.connect(self._on_session_record_save_failed)
        session.record_deleted.connect(state.remove_entry)
        self._set_enabled(False)

    # --- opening and locking ---------------------------------------------------------------

    def _on_state_reloaded(self) -> None:
        """The journal was read again (a merge): keep the open entry open, in its new version.
        The editor was read-only while the merge ran and everything was saved before it."""
        keep = self._current.id if self._current is not None else None
        self._editor.setEnabled(True)
        entry = self.model.entry(keep) if keep else None
        self._current = None
        if entry is not None:
            self.proxy.set_pinned(entry.id)
            self._select(self.proxy.mapFromSource(self.model.index_of(entry.id)))
            self._show_entry(entry)
        self._update_empty_note()

    def hold_for_reload(self) -> None:
        """Save now and stop edits until the journal is read again (see _on_state_reloaded)."""
        self.flush()
        self._editor.setEnabled(False)

    def _on_state_opened(self) -> None:
        self._autosave.stop()
        self._current = None
        self._dirty = False
        self._unsaved.clear()
        self._set_enabled(True)
        self._update_empty_note()
        if self._state.damaged:
            self.damaged_records.emit(list(self._state.damaged))
        first = self.proxy.index(0, 0)
        if first.isValid():
            self._select(first)
        else:
            self._show_entry(None)

    def clear(self) -> None:
        """Drop every piece of decrypted text this pane holds (the journal locked)."""
        self._autosave.stop()
        self._current = None
        self._dirty = False
        self._unsaved.clear()
        self.proxy.set_pinned(None)
        self._pane.search_edit.setText("")  # clear() could be undone with Ctrl+Z
        self._pane.search_edit.setModified(False)
        self.proxy.clear_filters()
        self._pane.sign_filter.setCurrentIndex(0)
        self._pane.date_filter.setCurrentIndex(0)
        self._editor.clear()
        self._set_enabled(False)
        self._update_filter_note()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self._pane.new_button, self._pane.search_edit, self._pane.sign_filter,
                       self._pane.date_filter, self._pane.list_view, self._editor):
            widget.setEnabled(enabled)

    def focus_search(self) -> None:
        self._pane.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._pane.search_edit.selectAll()

    def editor_text(self) -> str:
        """What the editor shows now (locking looks for copies of it on the clipboard)."""
        return self._editor.body_edit.toPlainText()

    # --- the current entry -----------------------------------------------------------------

    def new_entry(self, sign_id: str | None = None, prompt: str = "") -> None:
        self.flush()
        signs = (sign_id,) if sign_id else ()
        self._current = None
        self._pending_prompt = prompt
        self._pane.list_view.clearSelection()
        self._editor.set_fields(title="", body="", signs=signs, mood=None, tags=(), prompt=prompt)
        self._editor.set_status(self.tr("New entry — it is saved as you type."))
        self._editor.delete_button.setEnabled(False)
        self._dirty = False  # saved once the person writes or chooses something
        focus_body(self._editor)

    def _show_entry(self, entry: Entry | None) -> None:
        self._current = entry
        self.proxy.set_pinned(entry.id if entry is not None else None)
        self._dirty = False
        self._pending_prompt = ""
        if entry is None:
            self._editor.set_fields(title="", body="", signs=(), mood=None, tags=())
            self._editor.set_status("")
        else:
            self._editor.set_fields(title=entry.title, body=entry.body, signs=entry.signs,
                                    mood=entry.mood, tags=entry.tags)
            self._editor.set_status(self.tr("Saved"))
        self._editor.delete_button.setEnabled(entry is not None)

    def _select(self, proxy_index: QModelIndex) -> None:
        self._pane.list_view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _on_list_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # Look the entry up by id: an Entry passed through a QVariant can be kept alive by Qt.
        entry_id = current.data(IdRole) if current.isValid() else None
        entry = self.model.entry(entry_id) if entry_id else None
        if entry is not None and self._current is not None and entry.id == self._current.id:
            return
        self.flush()
        if entry is not None:
            self._show_entry(self.model.entry(entry.id))

    def _on_editor_edited(self) -> None:
        self._dirty = True
        self._editor.set_status(self.tr("Saving…"))
        self._autosave.start()

    # --- saving ------------------------------------------------------------------------------

    def _build_entry(self) -> Entry | None:
        if not self._dirty:
            return None
        fields = self._editor.fields()
        if self._current is None:
            wrote = (fields["title"], fields["body"], fields["signs"], fields["tags"])
            if not any(wrote) and fields["mood"] is None:
                return None
            return Entry.new(now(), **fields)
        return self._current.edited(now(), **fields)

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
            self.proxy.set_pinned(entry.id)
            self._state.put_entry(entry)
            self._editor.delete_button.setEnabled(True)
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
                problems.append(describe(exc))
        return problems

    def _on_session_record_saved(self, record: object) -> None:
        if isinstance(record, Entry):
            waiting = self._unsaved.get(record.id)
            if waiting is not None and waiting.updated <= record.updated:
                del self._unsaved[record.id]
        if isinstance(record, Entry) and self._current is not None \
                and record.id == self._current.id and not self._dirty:
            self._editor.set_status(self.tr("Saved · encrypted"))
            index = self.proxy.mapFromSource(self.model.index_of(record.id))
            if index.isValid() and self._pane.list_view.currentIndex() != index:
                self._pane.list_view.selectionModel().blockSignals(True)
                self._select(index)
                self._pane.list_view.selectionModel().blockSignals(False)
        self._update_empty_note()

    def _on_session_record_save_failed(self, record: object, message: str) -> None:
        if not isinstance(record, Entry):
            return
        newer = self._unsaved.get(record.id)
        if newer is None or newer.updated <= record.updated:
            self._unsaved[record.id] = record  # tried again with the next save, and on lock
        if self._current is not None and record.id == self._current.id:
            self._editor.set_status(self.tr("Not saved yet — Unknot will try again: %s")
                                    % message)
        self.save_problem.emit(
            self.tr("The entry from %s could not be saved yet. Unknot keeps it and tries "
                    "again with your next change.\n\n%s")
            % (f"{record.created.astimezone():%d %B %Y, %H:%M}", message))

    def _on_editor_delete_requested(self) -> None:
        entry = self._current
        if entry is None:
            return
        answer = QMessageBox.question(
            self._pane, self.tr("Delete this entry?"),
            self.tr("Delete the entry from %s? This cannot be undone.")
            % f"{entry.created.astimezone():%d %B %Y}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._autosave.stop()
        self._dirty = False
        self._session.delete(entry.id)
        self._state.remove_entry(entry.id)
        self._show_entry(None)
        self._update_empty_note()

    # --- filters -------------------------------------------------------------------------------

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_filter_note()

    def _on_filters_changed(self, _index: int) -> None:
        self._filter_label = ""
        self.proxy.set_sign(self._pane.sign_filter.currentData())
        preset = self._pane.date_filter.currentData()
        since = None if preset in (None, "any") else now().date() - timedelta(days=int(preset))
        self.proxy.set_dates(since, None)
        self._update_filter_note()

    def filter_to(self, sign_id: str | None, since: date, until: date) -> None:
        """Show only entries of one sign within [since, until]: used by the timeline."""
        self._pane.sign_filter.blockSignals(True)
        row = self._pane.sign_filter.findData(sign_id) if sign_id else 0
        self._pane.sign_filter.setCurrentIndex(max(row, 0))
        self._pane.sign_filter.blockSignals(False)
        self.proxy.set_sign(sign_id)
        self.proxy.set_dates(since, until)
        titles = {s.id: s.title for s in load_signs()}
        self._filter_label = self.tr("Week of %s · %s") % (
            f"{since:%d %b %Y}", titles.get(sign_id or "", self.tr("all signs")))
        self._update_filter_note()

    def clear_filters(self) -> None:
        for combo in (self._pane.sign_filter, self._pane.date_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._pane.search_edit.setText("")  # clear() could be undone with Ctrl+Z
        self.proxy.clear_filters()
        self._filter_label = ""
        self._update_filter_note()

    def _update_filter_note(self) -> None:
        filtering = self.proxy.is_filtering
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        label = f"{self._filter_label} — " if self._filter_label and filtering else ""
        self._pane.filter_note.setText(
            label + self.tr("showing %d of %d entries") % (shown, total) if filtering else "")
        self._pane.filter_note.setVisible(filtering)
        self._pane.clear_filter_button.setVisible(filtering)
        self._update_empty_note()

    def _update_empty_note(self) -> None:
        if self.model.rowCount() == 0 and self._pane.list_view.isEnabled():
            text = self.tr("No entries yet. Press “New entry”, or choose “Write about this” on a "
                           "sign card.")
        elif self.proxy.rowCount() == 0 and self.proxy.is_filtering:
            text = self.tr("No entries match.")
        else:
            text = ""
        self._pane.empty_label.setText(text)
        self._pane.empty_label.setVisible(bool(text))
