"""The desktop around Unknot, on a real X server (Xvfb + openbox): window properties (xprop),
the selections (xclip), the menu entry a dock would show. Runs the real app as a subprocess and
drives it with xdotool. Skips only when Xvfb or the X tools are absent, and says which; .ci/run
installs them, so CI runs it. UNKNOT_SHOTS=folder keeps the screenshots for a person to look at.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.xdesktop import Desktop, dock_entry, menu_entry, missing_tools, wait_for

pytestmark = pytest.mark.skipif(bool(missing_tools()),
                                reason=f"the desktop suite needs {', '.join(missing_tools())} "
                                       "(Debian: xvfb openbox x11-utils xclip xdotool; "
                                       ".ci/run installs them)")


def _start_x(log: Path) -> tuple[str, subprocess.Popen[bytes], subprocess.Popen[bytes]]:
    """Xvfb on a display it picks itself (other sessions may run X servers), and openbox."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp",
                             "-screen", "0", "1280x800x24"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        name = ":" + answer.readline().strip()
    assert name != ":", "Xvfb did not start"
    with log.open("wb") as errors:
        wm = subprocess.Popen(["openbox", "--sm-disable"], env={**os.environ, "DISPLAY": name},
                              stdout=subprocess.DEVNULL, stderr=errors)
    return name, xvfb, wm


def _managed(name: str, wm: subprocess.Popen[bytes]) -> bool | None:
    if wm.poll() is not None:
        return None  # openbox ended: try another display
    return "_NET_SUPPORTING_WM_CHECK(WINDOW)" in subprocess.run(
        ["xprop", "-root", "-display", name], capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("x") / "openbox.log"
    for _attempt in range(3):
        name, xvfb, wm = _start_x(log)
        wait_for(functools.partial(lambda n, w: _managed(n, w) is not False, name, wm),
                 "openbox starts")
        if _managed(name, wm):
            break
        xvfb.terminate()
        xvfb.wait(timeout=30)
    else:
        raise AssertionError(f"openbox never managed the screen: {log.read_text()!r}")
    try:
        yield name
    finally:
        for proc in (wm, xvfb):
            proc.terminate()
            proc.wait(timeout=30)


@pytest.fixture
def desktop(display: str, tmp_path: Path) -> Iterator[Desktop]:
    person = Desktop(display, tmp_path)
    yield person
    person.stop()
    keep = os.environ.get("UNKNOT_SHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in tmp_path.glob("*.png"):
            shutil.copy(shot, Path(keep) / shot.name)


def assert_names_nothing(desktop: Desktop) -> None:
    try:
        wait_for(desktop.clients_neutral, "every window of the app is neutral")
    except AssertionError as failure:
        raise AssertionError(f"{failure}: {desktop.naming_unknot()}") from None
    assert desktop.naming_unknot() == []


def test_discreet_mode_at_once_lock_and_settings_on_the_lock_screen(
        desktop: Desktop, tmp_path: Path) -> None:
    desktop.start()
    main = desktop.visible()[0]
    installed = dock_entry(desktop, main)
    assert installed is not None and installed["Name"] == "Unknot"  # the control
    desktop.unlock_and_copy()
    assert "x-kde-passwordManagerHint" in desktop.targets()
    assert desktop.selection("primary") == desktop.selection("clipboard")  # the selected canary

    assert desktop.set_discreet(True)
    assert_names_nothing(desktop)
    shown = dock_entry(desktop, main)
    assert shown is not None and shown["Name"] == "Notes"
    entry = menu_entry(desktop)
    assert entry["Name"] == "Notes" and entry["StartupWMClass"] == "Notes"
    override = Path(desktop.env["XDG_DATA_HOME"]) / "applications" / "org.unknot.Unknot.desktop"
    assert override.stat().st_mode & 0o777 == 0o600
    desktop.shot(tmp_path / "discreet-window.png")
    dialog = desktop.open_dialog("ctrl+comma")  # a dialog, in discreet mode, named nothing
    assert_names_nothing(desktop)
    desktop.shot(tmp_path / "dialog-quick-exit-button.png")
    desktop.key("Escape")
    desktop.wait_closed(dialog)

    desktop.key("ctrl+l")
    wait_for(desktop.no_journal_text_selected, "Ctrl+L clears PRIMARY and CLIPBOARD")
    assert_names_nothing(desktop)
    desktop.shot(tmp_path / "discreet-lock.png")

    settings = desktop.open_dialog("ctrl+comma")
    desktop.shot(tmp_path / "settings-locked.png")
    desktop.key("Escape")
    desktop.wait_closed(settings)
    for _ in range(3):  # the lock screen cannot turn discreet mode off (its box is disabled)
        settings = desktop.open_dialog("ctrl+comma")
        desktop.key("alt+d", "Return")
        desktop.wait_closed(settings)
    assert desktop.prefs()["discreet_mode"] is True
    assert_names_nothing(desktop)

    desktop.stop()
    desktop.start()
    assert_names_nothing(desktop)  # discreet from the first window on, after a restart


def test_discreet_mode_off_gives_the_menu_back(desktop: Desktop) -> None:
    desktop.start(discreet_mode=True)
    assert_names_nothing(desktop)
    desktop.unlock_and_copy()
    assert desktop.set_discreet(False)
    wait_for(lambda: any("Unknot" in desktop.props(w) for w in desktop.visible()),
             "the window says Unknot again")
    assert menu_entry(desktop)["Name"] == "Unknot"  # the override went, the installed one shows


def test_quick_exit_to_the_neutral_screen_names_nothing(desktop: Desktop,
                                                       tmp_path: Path) -> None:
    desktop.start(quick_exit_action="neutral")  # discreet mode off: the neutral screen is neutral
    desktop.unlock_and_copy()
    desktop.key("Escape", "Escape")
    wait_for(desktop.no_journal_text_selected, "quick exit clears PRIMARY and CLIPBOARD")
    assert_names_nothing(desktop)
    shown = dock_entry(desktop, desktop.visible()[0])
    assert shown is None or shown["Name"] == "Notes"  # no override: a dock shows "Notes"
    desktop.shot(tmp_path / "neutral.png")
    assert desktop.proc is not None and desktop.proc.poll() is None  # still running, blank


def test_quick_exit_that_quits_leaves_no_journal_text(desktop: Desktop) -> None:
    proc = desktop.start()
    desktop.unlock_and_copy()
    desktop.key("Escape", "Escape")
    assert proc.wait(timeout=60) == 0
    assert desktop.no_journal_text_selected()


def test_idle_lock_clears_both_selections(desktop: Desktop) -> None:
    desktop.start(auto_lock_seconds=3)  # Preferences.load takes seconds; Settings offers minutes
    desktop.unlock_and_copy()
    wait_for(desktop.no_journal_text_selected, "the idle lock clears PRIMARY and CLIPBOARD")

