"""Every character goes into the entry it was typed into, and nowhere else: a hypothesis state
machine drives the real window on a real temporary vault — new entries, typing, search, sign and
date filters, the timeline's week, choosing another entry, delete, lock and unlock, quick exit to
the blank screen and back, closing and starting again — and after every step checks each entry's
text on screen and on disk against what was typed into it.

Counts: a few examples in CI; UNKNOT_STATEFUL_EXAMPLES (set by tests/reliability/run_release.py
at release counts) asks for more. With UNKNOT_RELIABILITY_FIGURES set, the figure (steps run,
characters typed, misplaced or lost characters) is written there as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from reliability.reliability_kit import memoized_kdf

from driving import PASSPHRASE, JournalPage, click, create_journal, unlock
from unknot.journal import journal as ops
from unknot.journal.content import load_signs
from unknot.journal.localtime import now
from unknot.journal.vault import Vault

EXAMPLES = int(os.environ.get("UNKNOT_STATEFUL_EXAMPLES", "6"))
STEPS = int(os.environ.get("UNKNOT_STATEFUL_STEPS", "15"))
SHRINK = bool(os.environ.get("UNKNOT_STATEFUL_SHRINK"))
IdRole = Qt.ItemDataRole.UserRole + 2
SIGN_IDS = [s.id for s in load_signs()]
# Characters a person types; none of them is a shortcut. Words from the seed so search matches.
WORDS = st.sampled_from(["sister ", "tea ", "calm", "Abend ", "cafe", "no!", "?", " ", "x"])
TYPED = st.lists(WORDS, min_size=1, max_size=3).map("".join)
QUERIES = st.sampled_from(["sister", "tea", "calm", "CAFE", "zz", "a", "Sister"])

FIGURE: dict[str, int] = {"examples": 0, "steps": 0, "characters": 0, "misplaced": 0}


def test_every_character_lands_in_its_entry(qtbot: QtBot, make_app, data_paths,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)  # "Delete this entry?"
    started = time.perf_counter()
    with memoized_kdf():
        holder: dict[str, Any] = {"ctl": make_app(quick_exit_action="neutral")}
        create_journal(qtbot, holder["ctl"])  # first run, once; each run gets a new journal

        class Journal(RuleBasedStateMachine):
            """The model: what each entry's text must be, and which entry is open."""

            def __init__(self) -> None:
                super().__init__()
                FIGURE["examples"] += 1
                self.ctl = holder["ctl"]
                # Each run starts on a new, empty journal in the same window.
                if self.ctl.session.is_unlocked:
                    self.ctl.lock()
                for leftover in data_paths.data.glob(data_paths.vault.name + "*"):
                    leftover.unlink()
                shutil.rmtree(data_paths.data / "backups", ignore_errors=True)
                ops.create_journal(data_paths.vault, PASSPHRASE).journal.close()
                self._unlock()
                self.expected: dict[str, str] = {}
                self.open_id = self.journal.open_entry_id

            # --- helpers ---------------------------------------------------------------------

            @property
            def journal(self) -> Any:
                return self.ctl.journal

            @property
            def pane(self) -> Any:
                return JournalPage(self.ctl.window)

            def _on_disk(self) -> dict[str, str]:
                self.ctl.session.settle()
                with Vault.open(data_paths.vault, PASSPHRASE, readonly=True) as vault:
                    return {e.id: e.body for e in vault.load().entries}

            def _unlock(self) -> None:
                unlock(qtbot, self.ctl)

            def _after_unlock(self, before: str | None) -> None:
                shown = self.journal.open_entry_id
                if before is not None and before in self.expected:
                    assert shown == before, (
                        "the entry open at the lock did not open again: "
                        f"{before[:8]} listed={self.journal.model.entry(before) is not None}, "
                        f"shown {shown and shown[:8]}, "
                        f"was open {self.journal._reopen_id}")
                self.open_id = shown

            def _visible_rows(self) -> list[int]:
                return list(range(self.journal.proxy.rowCount()))

            # --- rules ------------------------------------------------------------------------

            @rule()
            def new_entry(self) -> None:
                qtbot.keyClick(self.ctl.window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
                self.open_id = self.journal.open_entry_id
                assert self.open_id not in self.expected

            @rule(text=TYPED)
            def type_text(self, text: str) -> None:
                body = self.pane.body
                body.setFocus()
                body.moveCursor(body.textCursor().MoveOperation.End)
                qtbot.keyClicks(body, text)
                if self.open_id is None:  # typing with nothing open starts an entry
                    self.open_id = self.journal.open_entry_id
                assert self.open_id is not None
                self.expected[self.open_id] = self.expected.get(self.open_id, "") + text
                FIGURE["characters"] += len(text)

            @rule(query=QUERIES)
            def search(self, query: str) -> None:
                qtbot.keyClick(self.ctl.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
                qtbot.keyClicks(self.pane.search, query)

            @rule()
            def clear_search(self) -> None:
                self.pane.search.clear()

            @rule(row=st.integers(0, len(SIGN_IDS)))
            def sign_filter(self, row: int) -> None:
                self.pane.sign_filter.setCurrentIndex(row)

            @rule(row=st.integers(0, 3))
            def date_filter(self, row: int) -> None:
                self.pane.date_filter.setCurrentIndex(row)

            @rule(sign=st.sampled_from(SIGN_IDS), weeks_ago=st.integers(0, 2))
            def timeline_week(self, sign: str, weeks_ago: int) -> None:
                today = now().date() - timedelta(weeks=weeks_ago)
                first = today - timedelta(days=today.weekday())
                self.ctl.timeline.week_chosen.emit(sign, first, first + timedelta(days=6))

            @rule()
            def show_all(self) -> None:
                if self.pane.clear_filter_button.isVisible():
                    click(qtbot, self.pane.clear_filter_button)

            @rule(pick=st.integers(0, 50))
            def choose_a_row(self, pick: int) -> None:
                rows = self._visible_rows()
                if not rows:
                    return
                index = self.journal.proxy.index(rows[pick % len(rows)], 0)
                view = self.pane.list_view
                view.scrollTo(index)
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                                 pos=view.visualRect(index).center())
                self.open_id = index.data(IdRole)

            @rule(sign=st.sampled_from(SIGN_IDS))
            def toggle_sign(self, sign: str) -> None:
                box = self.pane.sign_box(sign)
                box.setFocus()
                qtbot.mouseClick(box, Qt.MouseButton.LeftButton,
                                 pos=QPoint(8, box.height() // 2))
                if self.open_id is None:
                    self.open_id = self.journal.open_entry_id
                if self.open_id is None:
                    return
                pane = self.pane
                empty = not (pane.title.text() or pane.body.toPlainText()
                             or any(box.isChecked() for box in pane.sign_boxes)
                             or any(t.strip() for t in pane.tags.text().split(","))) \
                    and pane.mood.currentData() is None
                if empty and self.journal.model.entry(self.open_id) is None:
                    self.expected.pop(self.open_id, None)  # a new entry with nothing in it
                else:  # is never saved; once saved, it stays, empty or not
                    self.expected.setdefault(self.open_id, "")

            @rule()
            def delete(self) -> None:
                if not self.pane.delete_button.isEnabled():
                    return  # nothing saved is open
                click(qtbot, self.pane.delete_button)
                del self.expected[self.open_id]
                self.open_id = None

            @rule()
            def lock_and_unlock(self) -> None:
                before = self.open_id
                qtbot.keyClick(self.ctl.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
                assert not self.ctl.session.is_unlocked
                assert self.pane.body.toPlainText() == ""
                self._unlock()
                self._after_unlock(before)

            @rule()
            def quick_exit_and_back(self) -> None:
                before = self.open_id
                click(qtbot, self.ctl.window.quick_exit_button)
                assert self.ctl.window.is_neutral_shown()
                assert not self.ctl.session.is_unlocked
                qtbot.keyClick(self.ctl.window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
                assert self.ctl.window.pages.currentWidget() is self.ctl.window.lock_screen
                self._unlock()
                self._after_unlock(before)

            @rule()
            def close_and_start_again(self) -> None:
                self.ctl.window.close()
                self.ctl.detach_from_app()
                self.ctl.worker.shutdown()
                self.ctl = holder["ctl"] = make_app(quick_exit_action="neutral")
                self._unlock()
                self.open_id = self.journal.open_entry_id

            # --- what must always hold --------------------------------------------------------

            @invariant()
            def every_character_in_its_place(self) -> None:
                FIGURE["steps"] += 1
                if not self.ctl.session.is_unlocked:
                    return
                journal, pane = self.journal, self.pane
                assert journal.open_entry_id == self.open_id, "the editor moved to another entry"
                shown = pane.body.toPlainText()
                assert shown == self.expected.get(self.open_id, ""), "the editor shows other text"
                # The list: the open entry selected when it is shown; counts are the list's.
                current = pane.list_view.currentIndex()
                visible = journal.proxy.mapFromSource(journal.model.index_of(self.open_id or ""))
                if visible.isValid():
                    assert current == visible
                else:
                    assert not current.isValid()
                    assert pane.hidden_note.isVisible() == (
                        self.open_id is not None and journal.proxy.is_filtering)
                if journal.proxy.is_filtering:
                    assert pane.filter_note.text().endswith(
                        f"showing {journal.proxy.rowCount()} of {journal.model.rowCount()} "
                        "entries")
                # The disk: every saved entry exactly as typed; the open one at most a few
                # characters behind while its save waits for the pause in typing.
                disk = self._on_disk()
                pending = journal._dirty  # noqa: SLF001 - typed, waiting for the pause
                for entry_id, body in disk.items():
                    want = self.expected.get(entry_id)
                    if entry_id == self.open_id and pending and want is not None:
                        ok = want.startswith(body)
                    else:
                        ok = body == want
                    if not ok:
                        FIGURE["misplaced"] += 1
                    assert ok, f"entry {entry_id[:8]} on disk is {body!r}, typed {want!r}"
                missing = set(self.expected) - set(disk) - ({self.open_id} if pending else set())
                assert not missing, "entries that were typed are not on disk"

            def teardown(self) -> None:
                if self.ctl.session.is_unlocked:
                    assert not self.journal.flush(wait=True)
                    disk = self._on_disk()
                    lost = {k for k, v in self.expected.items() if disk.get(k) != v}
                    FIGURE["misplaced"] += len(lost)
                    assert not lost, "typed text is not on disk after saving"

        Journal.TestCase.settings = settings(
            max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
            suppress_health_check=list(HealthCheck), derandomize=EXAMPLES <= 10,
            report_multiple_bugs=False,
            # Shrinking replays the window hundreds of times; ask for it when studying a failure.
            phases=[p for p in Phase if p is not Phase.shrink or SHRINK])
        try:
            Journal.TestCase().runTest()
        except BaseException:
            FIGURE["misplaced"] = max(FIGURE["misplaced"], 1)  # a failed run is a defect
            raise
        finally:
            _record(time.perf_counter() - started)


def _record(seconds: float) -> None:
    folder = os.environ.get("UNKNOT_RELIABILITY_FIGURES")
    if not folder:
        return
    row = {
        "scenario": "11. Stateful journal", "part": "typing goes into its entry",
        "runs": FIGURE["steps"], "failure_count": FIGURE["misplaced"], "failures": [],
        "figure": (f"{FIGURE['steps']:,} steps in {FIGURE['examples']} runs, "
                   f"{FIGURE['characters']:,} characters typed, {FIGURE['misplaced']} misplaced "
                   "or lost"),
        "seconds": seconds, "notes": "", "scale": "release" if EXAMPLES > 10 else "ci",
    }
    Path(folder, "11-stateful-journal.json").write_text(json.dumps(row, indent=2))
