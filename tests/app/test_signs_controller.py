"""The Signs cards with SignsController over a JournalState, without the window: each card says
how often its sign was tagged lately, follows edits a moment later, says nothing while locked,
and "Write about this" becomes a request for a new entry."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from pytestqt.qtbot import QtBot

from driving import click
from unknot.app.signs.controller import RECOUNT_DELAY_MS, SignsController
from unknot.app.signs.signs_pane import SignsPane
from unknot.app.state import JournalState
from unknot.journal.content import load_signs
from unknot.journal.localtime import now
from unknot.journal.model import Entry
from unknot.journal.recent import compare_recent, describe_change

SIGNS = load_signs()
ISOLATED = next(s for s in SIGNS if s.id == "isolated")


def _tagged(sign_id: str, days_ago: int) -> Entry:
    moment = now() - timedelta(days=days_ago)
    return Entry.new(moment, title="", body="x", signs=(sign_id,))


@pytest.fixture
def state(qapp: object) -> JournalState:
    return JournalState()


@pytest.fixture
def pane(qtbot: QtBot) -> SignsPane:
    pane = SignsPane()
    qtbot.addWidget(pane)
    pane.resize(600, 800)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


@pytest.fixture
def controller(pane: SignsPane, state: JournalState) -> SignsController:
    return SignsController(pane, state)


def _count(pane: SignsPane, sign_id: str) -> str:
    label = pane.card(sign_id).count_label
    return label.text() if label.isVisible() else ""


def _words(state: JournalState) -> dict[str, str]:
    """The core's words for each sign over what the journal holds now."""
    return {c.sign: describe_change(c) for c in compare_recent(state.entries())}


def test_opening_puts_the_cores_words_on_each_card(pane: SignsPane, state: JournalState,
                                                   controller: SignsController) -> None:
    assert all(_count(pane, s.id) == "" for s in SIGNS)  # locked: no counts
    recent = [_tagged("isolated", days) for days in (1, 3, 8, 20)]
    state.open([*recent, _tagged("isolated", 40), _tagged("addicted", 45)], [])
    words = _words(state)
    assert {s.id: _count(pane, s.id) for s in SIGNS} == words
    assert "4" in words["isolated"] and "higher" in words["isolated"]
    assert words["isolated"] != words["lost-identity"] != words["addicted"]
    assert pane.is_count_note_shown()


def test_counts_follow_an_edit_a_moment_later(qtbot: QtBot, pane: SignsPane,
                                              state: JournalState,
                                              controller: SignsController) -> None:
    state.open([], [])
    untagged = _count(pane, "isolated")
    assert untagged == _words(state)["isolated"]
    state.put_entry(_tagged("isolated", 0))
    assert _count(pane, "isolated") == untagged  # recounted after a pause, not per keystroke
    tagged_once = _words(state)["isolated"]
    assert tagged_once != untagged
    qtbot.waitUntil(lambda: _count(pane, "isolated") == tagged_once)
    state.remove_entry(state.entries()[0].id)
    qtbot.waitUntil(lambda: _count(pane, "isolated") == untagged)


def test_an_edit_that_moves_an_entry_in_or_out_of_the_60_days_counts_right(
        qtbot: QtBot, pane: SignsPane, state: JournalState, controller: SignsController) -> None:
    """A save recounts only the entries near today (app/signs/controller.py): an entry that an
    edit moves into the 60 days, or out of them, is counted exactly as a whole recount would."""
    old = _tagged("isolated", 400)
    state.open([old, _tagged("isolated", 2)], [])
    once = _words(state)["isolated"]
    assert _count(pane, "isolated") == once
    state.put_entry(dataclasses.replace(old, created=now() - timedelta(days=5)))  # moved in
    twice = _words(state)["isolated"]
    assert twice != once
    qtbot.waitUntil(lambda: _count(pane, "isolated") == twice)
    state.put_entry(dataclasses.replace(old, created=now() - timedelta(days=90)))  # out again
    qtbot.waitUntil(lambda: _count(pane, "isolated") == once)
    assert _words(state)["isolated"] == once


def test_locking_hides_every_count(qtbot: QtBot, pane: SignsPane, state: JournalState,
                                   controller: SignsController) -> None:
    state.open([_tagged("isolated", 1)], [])
    state.put_entry(_tagged("addicted", 1))  # a recount pending when the journal locks
    state.clear()
    assert all(_count(pane, s.id) == "" for s in SIGNS)
    assert not pane.is_count_note_shown()
    qtbot.wait(RECOUNT_DELAY_MS * 2)  # long after the recount would have run
    assert all(_count(pane, s.id) == "" for s in SIGNS)


def test_write_about_this_asks_for_an_entry_with_the_sign_and_prompt(
        qtbot: QtBot, pane: SignsPane, controller: SignsController) -> None:
    button = pane.write_buttons("isolated")[0]
    with qtbot.waitSignal(controller.write_requested) as asked:
        click(qtbot, button)
    assert asked.args == ["isolated", ISOLATED.prompts[0]]
    with qtbot.waitSignal(controller.write_requested) as asked:
        click(qtbot, pane.card("addicted").free_write_button)
    assert asked.args == ["addicted", ""]
