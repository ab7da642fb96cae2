"""Scenario 7, no network: 0 internet sockets and 0 name lookups.

- The whole test suite runs with socket creation made to fail (tests/conftest.py installs
  network_guard.py): each test fails if it even tried. run_release.py also runs the whole suite
  under strace, which sees below Python (Qt, SQLite, OpenSSL) and child processes.
- A scripted session of the window, in this process, with the guard on: no attempt, and Qt's
  network module never loaded.
- The real `unknot` process, driven through a session (gui_session.py), under strace.
"""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from reliability.network_guard import ATTEMPTS

from driving import JournalPage, click, create_journal, type_into, unlock, wait_saved
from reliability_kit import (
    NETWORK_CALLS,
    Outcome,
    Sandbox,
    count,
    read_network_trace,
    strace,
)

SCENARIO = "7. No network"


def test_the_guard_refuses_and_remembers() -> None:
    """The yardstick: an internet socket or a name lookup fails, and is noted even when the
    code that tried caught the error (this test then forgets it, on purpose)."""
    before = len(ATTEMPTS)
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(OSError):
        socket.getaddrinfo("example.com", 443)
    with pytest.raises(OSError):
        socket.create_connection(("example.com", 443))
    left, right = socket.socketpair()  # local sockets stay allowed
    left.close()
    right.close()
    assert len(ATTEMPTS) == before + 3
    del ATTEMPTS[before:]


def test_a_window_session_in_this_process(qtbot: QtBot, make_app) -> None:
    outcome = Outcome(SCENARIO, "window session in the test process, sockets made to fail")
    before = len(ATTEMPTS)
    ctl = None
    for round_ in range(count(ci=1, release=5)):
        if ctl is not None:
            ctl.detach_from_app()  # quick exit closed it; only the new window may react to keys
        ctl = make_app()
        if round_ == 0:
            create_journal(qtbot, ctl)
        else:
            unlock(qtbot, ctl)
        pane = JournalPage(ctl.window)
        click(qtbot, pane.new_button)
        type_into(qtbot, pane.body,
                  "A link [here](https://example.com), a picture ![img](https://example.com/"
                  "x.png), and ![unc](\\\\server\\share\\x.png)")
        pane.tabs.setCurrentIndex(1)  # the preview renders the remote references
        pane.tabs.setCurrentIndex(0)
        wait_saved(qtbot, ctl)
        type_into(qtbot, pane.search, "link")
        ctl.window.help_action.trigger()
        ctl.window.timeline_action.trigger()
        ctl.window.journal_action.trigger()
        qtbot.keyClick(pane.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        unlock(qtbot, ctl)
        with qtbot.waitSignal(ctl.quit_requested, timeout=10000):
            click(qtbot, ctl.window.quick_exit_button)
        outcome.runs += 1
    tried = ATTEMPTS[before:]
    for attempt in tried:
        outcome.fail(f"network use attempted: {attempt}")
    loaded = [m for m in sys.modules if m.startswith("PySide6.QtNetwork")]
    if loaded:
        outcome.fail(f"Qt's network module was loaded: {loaded}")
    del ATTEMPTS[before:]  # reported through the outcome instead
    outcome.finish(f"{outcome.runs} sessions: {len(tried)} internet sockets or name lookups "
                   "tried; QtNetwork never loaded").check()


def traced_sessions(work: Path, strace_path: str, rounds: int) -> Outcome:
    outcome = Outcome(SCENARIO, "the real unknot process under strace")
    box = Sandbox.make(work / "sandbox")
    totals = {"internet": 0, "lookups": 0, "local": 0, "processes": 0}
    for n in range(rounds):
        log = work / f"trace-{n}.log"
        report = box.run_session(
            "first" if n == 0 else "again",
            wrapper=(strace_path, "-f", "-qq", "-e", "signal=none", "-e",
                     f"trace={NETWORK_CALLS}", "-o", str(log)))
        outcome.runs += 1
        if report.get("error") or report["returncode"] != 0:
            outcome.fail(f"session {n} did not run through: {report.get('error')} "
                         f"{report['stderr'][-300:]}")
        trace = read_network_trace(log.read_text())
        totals["internet"] += len(trace.internet_sockets)
        totals["lookups"] += len(trace.name_lookups)
        totals["local"] += trace.local_sockets
        totals["processes"] += trace.processes
        for call in trace.internet_sockets + trace.name_lookups:
            outcome.fail(f"session {n}: {call[:200]}")
    return outcome.finish(
        f"{rounds} sessions: {totals['internet']} internet sockets, {totals['lookups']} name "
        f"lookups", f"{totals['local']} local (AF_UNIX) sockets, "
                    f"{totals['processes']} processes traced")


def test_the_real_app_under_strace(tmp_path: Path) -> None:
    found = strace()
    if found is None:
        pytest.skip("strace is not installed or may not trace here")
    traced_sessions(tmp_path, found, count(ci=2, release=6)).check()


def test_the_trace_reader_sees_sockets_and_lookups(tmp_path: Path) -> None:
    """The yardstick for the strace figures: a process that opens an internet socket and looks
    up a name is counted as doing so (the lookup may fail; trying is what counts)."""
    import subprocess

    found = strace()
    if found is None:
        pytest.skip("strace is not installed or may not trace here")
    log = tmp_path / "trace.log"
    code = ("import socket\nsocket.socket().close()\ntry:\n    socket.getaddrinfo('localhost', 80)"
            "\nexcept OSError:\n    pass\n")
    subprocess.run([found, "-f", "-qq", "-e", f"trace={NETWORK_CALLS}", "-o", str(log),
                    sys.executable, "-c", code], check=True, capture_output=True)
    trace = read_network_trace(log.read_text())
    assert trace.internet_sockets
    assert trace.name_lookups
