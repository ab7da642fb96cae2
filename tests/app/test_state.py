"""JournalState, the one owner of the unlocked journal: what each change signals and carries,
search that follows edits, check-ins newest first, nothing left after locking, and the item
models that read it (checked with pytest-qt's model tester)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from unknot.app.checkin.checkin_model import CheckInListModel, CheckInRole
from unknot.app.journal_pane.entry_model import EntryListModel, IdRole
from unknot.app.state import JournalState
from unknot.journal.model import CheckIn, Entry
from unknot.journal.search import query_terms
from vaults import sample_checkin, sample_entries

SIGNALS = ("opened", "reloaded", "entry_put", "entry_removed", "checkins_changed", "cleared")


class Heard:
    """Every signal a JournalState sends, in order, with what it carries."""

    def __init__(self, state: JournalState) -> None:
        self.signals: list[tuple[str, tuple[object, ...]]] = []
        for name in SIGNALS:
            getattr(state, name).connect(
                lambda *args, name=name: self.signals.append((name, args)))

    def take(self) -> list[tuple[str, tuple[object, ...]]]:
        heard, self.signals = self.signals, []
        return heard


@pytest.fixture
def state(qapp: object) -> JournalState:
    return JournalState()


@pytest.fixture
def heard(state: JournalState) -> Heard:
    return Heard(state)


def test_a_new_state_is_closed_and_empty(state: JournalState) -> None:
    assert not state.is_open
    assert state.entries() == [] and state.checkins() == [] and state.damaged == ()


def test_opening_takes_what_the_vault_gave_and_says_so_once(state: JournalState,
                                                            heard: Heard) -> None:
    entries = sample_entries(3)
    state.open(entries, [sample_checkin()], damaged=["d" * 32])
    assert heard.take() == [("opened", ())]
    assert state.is_open
    assert {e.id for e in state.entries()} == {e.id for e in entries}
    assert state.entry(entries[1].id) == entries[1]
    assert state.entry("0" * 32) is None
    assert len(state.checkins()) == 1
    assert state.damaged == ("d" * 32,)


def test_reading_again_says_reloaded_not_opened(state: JournalState, heard: Heard) -> None:
    state.open(sample_entries(2), [])
    heard.take()
    newer = sample_entries(3)
    state.open(newer, [], again=True)
    assert heard.take() == [("reloaded", ())]
    assert {e.id for e in state.entries()} == {e.id for e in newer}


def test_put_entry_carries_its_id_and_replaces_the_old_version(state: JournalState,
                                                               heard: Heard) -> None:
    first, second = sample_entries(2)
    state.open([first], [])
    heard.take()
    state.put_entry(second)
    edited = first.edited(first.updated + timedelta(minutes=1), body="a changed body")
    state.put_entry(edited)
    assert heard.take() == [("entry_put", (second.id,)), ("entry_put", (first.id,))]
    assert state.entry(first.id) == edited
    assert len(state.entries()) == 2


def test_remove_entry_carries_its_id_and_an_unknown_id_says_nothing(state: JournalState,
                                                                    heard: Heard) -> None:
    entries = sample_entries(2)
    state.open(entries, [])
    heard.take()
    state.remove_entry(entries[0].id)
    state.remove_entry(entries[0].id)  # already gone
    state.remove_entry("f" * 32)  # never there
    assert heard.take() == [("entry_removed", (entries[0].id,))]
    assert state.entries() == [entries[1]]


def test_nothing_is_taken_while_locked(state: JournalState, heard: Heard) -> None:
    """A save that reports back after the journal locked must not bring text back."""
    state.put_entry(sample_entries(1)[0])
    state.put_checkin(sample_checkin())
    assert heard.take() == []
    assert state.entries() == [] and state.checkins() == []


def test_search_follows_puts_and_removes(state: JournalState) -> None:
    entries = sample_entries(3)
    state.open(entries, [])
    assert state.matching(query_terms("entry 1")) == {entries[1].id}
    version = state.search_version
    edited = entries[1].edited(entries[1].updated + timedelta(minutes=1), body="marmalade")
    state.put_entry(edited)
    assert state.search_version != version
    assert state.matching(["marmalade"]) == {entries[1].id}
    assert state.matching(query_terms("second paragraph 1")) == set()
    new = Entry.new(entries[0].created + timedelta(days=9), title="", body="Marmalade again")
    state.put_entry(new)
    assert state.matching(["marmalade"]) == {entries[1].id, new.id}
    version = state.search_version
    state.remove_entry(entries[1].id)
    assert state.search_version != version
    assert state.matching(["marmalade"]) == {new.id}


def test_search_ignores_case_and_accents(state: JournalState) -> None:
    entry = Entry.new(sample_entries(1)[0].created, title="Café", body="Über alles")
    state.open([entry], [])
    assert state.matching(query_terms("CAFE uber")) == {entry.id}


def test_check_ins_come_newest_week_first_and_each_change_is_signalled(
        state: JournalState, heard: Heard) -> None:
    old, middle, new = sample_checkin(-14), sample_checkin(-7), sample_checkin(0)
    state.open([], [middle, old])
    state.put_checkin(new)
    assert [c.id for c in state.checkins()] == [new.id, middle.id, old.id]
    edited = old.edited(old.updated + timedelta(hours=1), day=new.day + timedelta(days=7),
                        note="moved")
    state.put_checkin(edited)
    assert state.checkins()[0] == edited
    assert [name for name, _ in heard.take()] == ["opened", "checkins_changed",
                                                   "checkins_changed"]


def test_same_day_check_ins_order_by_when_they_were_changed(state: JournalState) -> None:
    first = sample_checkin()
    later = CheckIn.new(first.day, first.updated + timedelta(hours=2), ratings={"isolated": 1})
    state.open([], [later, first])
    assert state.checkins() == [later, first]


def test_nothing_is_left_after_clear(state: JournalState, heard: Heard) -> None:
    entries = sample_entries(4)
    state.open(entries, [sample_checkin()], damaged=["d" * 32])
    heard.take()
    state.clear()
    assert heard.take() == [("cleared", ())]
    assert not state.is_open
    assert state.entries() == [] and state.checkins() == [] and state.damaged == ()
    assert all(state.entry(e.id) is None for e in entries)
    assert state.matching(query_terms("entry")) == set()


# --- the item models over a state ----------------------------------------------------------------

def _ids(model: EntryListModel) -> list[str]:
    return [model.index(row, 0).data(IdRole) for row in range(model.rowCount())]


def test_entry_model_follows_the_state_newest_first(qtmodeltester: ModelTester,
                                                    state: JournalState) -> None:
    """The tester checks the model once, then every insert, change, removal and reset the
    state's signals cause."""
    model = EntryListModel(state)
    entries = sample_entries(12)
    state.open(entries[:6], [])
    qtmodeltester.check(model, force_py=True)
    for entry in entries[6:]:
        state.put_entry(entry)
    edited = entries[2].edited(entries[2].updated + timedelta(minutes=1), title="Renamed")
    state.put_entry(edited)  # an edit changes a row in place
    state.remove_entry(entries[0].id)
    newest_first = sorted(entries[1:], key=lambda e: e.created, reverse=True)
    assert _ids(model) == [e.id for e in newest_first]
    row = _ids(model).index(edited.id)
    assert model.index(row, 0).data().startswith("Renamed\n")
    state.open(entries[:3], [], again=True)
    assert sorted(_ids(model)) == sorted(e.id for e in entries[:3])
    state.clear()
    assert model.rowCount() == 0


def test_entry_model_shows_no_body(state: JournalState) -> None:
    model = EntryListModel(state)
    (entry,) = sample_entries(1)
    state.open([entry], [])
    index = model.index(0, 0)
    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                 Qt.ItemDataRole.AccessibleTextRole):
        assert "Body of entry" not in str(index.data(role))


def test_check_in_model_follows_the_state_newest_first(qtmodeltester: ModelTester,
                                                       state: JournalState) -> None:
    model = CheckInListModel(state)
    weeks = [sample_checkin(-7 * n) for n in range(4)]
    state.open([], weeks[1:])
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3
    state.put_checkin(weeks[0])
    assert [model.index(r, 0).data(CheckInRole).id for r in range(4)] == [c.id for c in weeks]
    day = weeks[0].day
    assert model.index(0, 0).data() == f"Week of {day.day} {day:%B %Y}"  # never "2 of 6"
    assert all("Weekly note" not in model.index(r, 0).data() for r in range(4))
    state.clear()
    assert model.rowCount() == 0 and model.items() == []
