"""The Timeline page with TimelineController over a JournalState, without the window: the chart
follows the journal and the chosen range, a week chosen with the keyboard becomes a request to
filter the journal, edits redraw only a chart that is shown, and locking empties it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from driving import TimelinePage, click
from unknot.app.state import JournalState
from unknot.app.timeline.controller import TimelineController
from unknot.app.timeline.timeline_view import TimelinePane
from unknot.journal.content import SIGN_IDS
from unknot.journal.localtime import now
from unknot.journal.model import CheckIn, Entry


def _entry(days_ago: int, *signs: str) -> Entry:
    return Entry.new(now() - timedelta(days=days_ago), title="", body="x", signs=signs)


@pytest.fixture
def state(qapp: object) -> JournalState:
    return JournalState()


@pytest.fixture
def view(qtbot: QtBot) -> TimelinePane:
    view = TimelinePane()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def pane(view: TimelinePane) -> TimelinePage:
    """The page as a person finds it: its widgets by name (tests/driving.py)."""
    return TimelinePage(view)


@pytest.fixture
def controller(view: TimelinePane, state: JournalState) -> TimelineController:
    return TimelineController(view, state)


def _charted(pane: TimelinePage) -> int:
    """How many entries the chart shows now."""
    return sum(bucket.entries for bucket in pane.chart.timeline.buckets)


def _choose_range(qtbot: QtBot, pane: TimelinePage, key: str) -> None:
    combo = pane.range
    combo.setFocus()
    while combo.currentData() != key:  # through the choices with the keyboard
        qtbot.keyClick(combo, Qt.Key.Key_Down)


def test_opening_charts_the_journal_by_week(pane: TimelinePage, state: JournalState,
                                            controller: TimelineController) -> None:
    assert _charted(pane) == 0 and pane.summary.text() == ""
    state.open([_entry(1, "isolated"), _entry(2), _entry(9, "addicted")],
               [CheckIn.new(now().date(), now(), ratings={"isolated": 2})])
    assert _charted(pane) == 3
    assert pane.chart.timeline.by == "week"
    assert pane.summary.text() != ""


def test_the_range_decides_what_is_charted(qtbot: QtBot, pane: TimelinePage,
                                           state: JournalState,
                                           controller: TimelineController) -> None:
    state.open([_entry(1), _entry(60), _entry(200), _entry(800)], [])
    assert pane.range.currentData() == "year"
    assert _charted(pane) == 3
    _choose_range(qtbot, pane, "all")
    assert _charted(pane) == 4
    qtbot.keyClick(pane.range, Qt.Key.Key_Home)
    assert pane.range.currentData() == "month"
    assert _charted(pane) == 1
    assert len(pane.chart.timeline.buckets) < 10


def test_a_week_chosen_with_the_keyboard_asks_for_its_entries(
        qtbot: QtBot, pane: TimelinePage, state: JournalState,
        controller: TimelineController) -> None:
    state.open([_entry(0, "isolated"), _entry(8, SIGN_IDS[1])], [])
    buckets = pane.chart.timeline.buckets
    pane.chart.setFocus()
    with qtbot.waitSignal(controller.week_chosen) as chosen:
        qtbot.keyClick(pane.chart, Qt.Key.Key_Return)  # the newest week, the first sign
    assert chosen.args == [SIGN_IDS[0], buckets[-1].start, buckets[-1].end - timedelta(days=1)]
    qtbot.keyClick(pane.chart, Qt.Key.Key_Left)
    qtbot.keyClick(pane.chart, Qt.Key.Key_Down)
    with qtbot.waitSignal(controller.week_chosen) as chosen:
        qtbot.keyClick(pane.chart, Qt.Key.Key_Return)
    sign, first, last = chosen.args
    assert sign == SIGN_IDS[1]
    assert (first, last) == (buckets[-2].start, buckets[-2].end - timedelta(days=1))
    assert last - first == timedelta(days=6)


def test_back_asks_for_the_journal(qtbot: QtBot, pane: TimelinePage,
                                   controller: TimelineController) -> None:
    with qtbot.waitSignal(controller.back_requested):
        click(qtbot, pane.back_button)


def test_edits_redraw_a_shown_chart_but_not_a_hidden_one(qtbot: QtBot, pane: TimelinePage,
                                                         state: JournalState,
                                                         controller: TimelineController
                                                         ) -> None:
    state.open([_entry(1)], [])
    state.put_entry(_entry(0))
    qtbot.waitUntil(lambda: _charted(pane) == 2)
    pane.root.hide()  # the journal page is showing: autosaves must not pay for the chart
    state.put_entry(_entry(0))
    qtbot.wait(50)
    assert _charted(pane) == 2
    controller.refresh()  # the root refreshes when the page is shown again
    assert _charted(pane) == 3


def test_a_new_check_in_redraws_at_once(pane: TimelinePage, state: JournalState,
                                        controller: TimelineController) -> None:
    state.open([], [])
    assert pane.chart.timeline.buckets[-1].checkin is None
    state.put_checkin(CheckIn.new(now().date(), now(), ratings={"isolated": 4}))
    assert pane.chart.timeline.buckets[-1].checkin == {"isolated": 4.0}


def test_locking_empties_the_chart_and_its_words(pane: TimelinePage, state: JournalState,
                                                 controller: TimelineController) -> None:
    state.open([_entry(1), _entry(3)], [])
    assert _charted(pane) == 2
    state.clear()
    assert _charted(pane) == 0 and pane.chart.timeline.buckets == ()
    assert pane.summary.text() == ""
    controller.refresh()  # a refresh asked for after the lock shows nothing either
    assert _charted(pane) == 0
