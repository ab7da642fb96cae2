"""One writer per journal (DESIGN §4): two real processes on one data folder, and exactly one of
them writes; a lock left by a process that was killed is taken over."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from driving import PASSPHRASE
from unknot.journal import journal as ops
from unknot.journal.instance_lock import InstanceLock
from unknot.journal.paths import DataPaths
from unknot.journal.vault import Vault

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and sockets")

# The first window: the real `unknot` main(), driven from inside. It unlocks, writes an entry,
# says so, and when a second start asks it to come forward it writes once more and closes.
FIRST_WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPlainTextEdit
    from unknot.app import main as app_main
    from unknot.app.unlock import instance as single

    data_dir, passphrase = sys.argv[1], sys.argv[2]
    real_build, real_forward = app_main.build, single.bring_forward

    def build(paths, app, window=None):
        ctl = real_build(paths, app, window)

        def write(text):
            ctl.journal.new_entry()
            ctl.window.findChild(QPlainTextEdit, "entryBody").setPlainText(text)
            assert not ctl.journal.flush(wait=True)

        def on_ready():
            write("written by the first window")
            print("first wrote", flush=True)

        def forward(window):
            real_forward(window)
            print("first came forward", flush=True)
            write("and it goes on writing")
            QTimer.singleShot(0, window.close)

        single.bring_forward = forward
        ctl.unlock.journal_ready.connect(on_ready)
        QTimer.singleShot(0, lambda: ctl.session.unlock(passphrase))
        return ctl

    app_main.build = build
    sys.exit(app_main.main(["--data-dir", data_dir]))
""")

HOLD_LOCK = textwrap.dedent("""
    import sys, time
    from unknot.journal.instance_lock import InstanceLock
    assert InstanceLock(sys.argv[1]).acquire()
    print("held", flush=True)
    time.sleep(600)
""")


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", UNKNOT_KDF_PROFILE="floor")
    env.setdefault("XDG_RUNTIME_DIR", "")
    if not env["XDG_RUNTIME_DIR"]:
        del env["XDG_RUNTIME_DIR"]
    return env


def _expect(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdout is not None
    for got in process.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"the process ended without saying {line!r}: rc={process.wait()}")


def test_a_second_start_brings_the_first_forward_and_writes_nothing(tmp_path: Path) -> None:
    root = tmp_path / "data"
    paths = DataPaths.in_folder(root)
    root.mkdir(mode=0o700)
    ops.create_journal(paths.vault, PASSPHRASE).journal.close()

    first = subprocess.Popen([sys.executable, "-c", FIRST_WINDOW, str(root), PASSPHRASE],
                             stdout=subprocess.PIPE, text=True, env=_env())
    try:
        _expect(first, "first wrote")
        second = subprocess.run([sys.executable, "-m", "unknot.app.main", "--data-dir",
                                 str(root)], capture_output=True, text=True, env=_env(),
                                timeout=120)
        assert second.returncode == 0, second.stderr
        _expect(first, "first came forward")
        assert first.wait(timeout=120) == 0
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
        assert first.stdout is not None
        first.stdout.close()

    with Vault.open(paths.vault, PASSPHRASE, readonly=True) as vault:
        bodies = sorted(e.body for e in vault.load().entries)
    assert bodies == ["and it goes on writing", "written by the first window"]


def test_the_socket_is_private_and_named_by_a_hash(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from unknot.app.unlock.instance import SingleInstance

    folder = tmp_path / "my journal folder"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.claim()
    first.listen()
    try:
        name = Path(first.name).name
        assert "journal" not in first.name and str(folder) not in first.name
        assert name.startswith("n") and len(name) == 33
        socket_file = Path(first.name)
        assert socket_file.exists()
        assert stat.S_IMODE(socket_file.stat().st_mode) & 0o077 == 0
        assert stat.S_IMODE(socket_file.parent.stat().st_mode) & 0o077 == 0
        second = SingleInstance(folder)
        assert not second.claim()  # the lock is held: the second never listens or writes
        second.listen()  # without the lock it opens nothing
        assert second._server is None and socket_file.exists()
    finally:
        first.release()
    third = SingleInstance(folder)
    assert third.claim()
    third.release()


def test_a_second_start_waits_for_a_first_window_still_painting(qtbot, tmp_path: Path  # type: ignore[no-untyped-def]
                                                                 ) -> None:
    """The first start holds the lock before its window shows but listens only once it has
    painted: a second start in between waits for the socket instead of saying "open in another
    window" to someone who double-clicked."""
    import threading

    from unknot.app.unlock.instance import SingleInstance

    first = SingleInstance(tmp_path)
    assert first.claim()
    asked: list[bool] = []
    came: list[None] = []
    first.come_forward_requested.connect(lambda: came.append(None))
    second = SingleInstance(tmp_path)
    assert not second.claim()
    asking = threading.Thread(target=lambda: asked.append(second.ask_first_to_come_forward()))
    asking.start()
    try:
        qtbot.wait(300)  # the first is "still painting": no socket yet
        assert asked == []
        first.listen()
        qtbot.waitUntil(lambda: asked != [], timeout=5000)
        assert asked == [True] and came == [None]
    finally:
        asking.join(timeout=10)
        first.release()


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        _expect(holder, "held")
        lock = InstanceLock(tmp_path)
        assert not lock.acquire()  # held by a living process
        holder.send_signal(signal.SIGKILL)  # a crash: no clean-up of any kind
        holder.wait()
        assert (tmp_path / ".writer.lock").exists()  # the file is left behind...
        assert lock.acquire()  # ...but the kernel let go of the lock with the process
        lock.release()
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()


def test_the_message_when_the_first_window_does_not_answer(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from unknot.app.unlock.instance import open_elsewhere_box

    box = open_elsewhere_box("Unknot")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert "already open in another window" in box.text()
    shot = Path(os.environ.get("UNKNOT_SCREENSHOTS", tmp_path)) / "second-instance.png"
    box.grab().save(str(shot))
