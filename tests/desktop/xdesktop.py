"""A private X desktop for the desktop suite: Xvfb with openbox, the real app started as a
subprocess on it, xdotool for the keys, xprop and xclip for what other programs see."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from vaults import PASSPHRASE, make_vault

ROOT = Path(__file__).resolve().parents[2]
INSTALLED_ENTRY = ROOT / "packaging" / "linux" / "org.unknot.Unknot.desktop"
TOOLS = ("Xvfb", "openbox", "xprop", "xclip", "xdotool", "xwininfo")
# No space and no Return: while the key is derived the passphrase field is disabled and focus
# may rest on a toolbar button, which a space would press.
CANARY = "Kestrel-canary-7731-said-the-quiet-part"


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def wait_for(check: Callable[[], object], what: str, limit: float = 30.0) -> object:
    """Polls until `check` is true; the limit only ends a hung run (no timing is asserted)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"never happened: {what}")


class Desktop:
    """One person's session on the display: a home folder of its own, the installed menu entry
    where the system keeps it, and the app's data folder."""

    def __init__(self, display: str, base: Path) -> None:
        self.home = base / "home"
        self.data = base / "data"
        system = base / "system-share"
        (system / "applications").mkdir(parents=True, exist_ok=True)
        shutil.copy(INSTALLED_ENTRY, system / "applications" / INSTALLED_ENTRY.name)
        self.home.mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, "DISPLAY": display, "HOME": str(self.home),
                    "XDG_DATA_HOME": str(self.home / ".local" / "share"),
                    "XDG_CONFIG_HOME": str(self.home / ".config"),
                    "XDG_CACHE_HOME": str(self.home / ".cache"),
                    "XDG_DATA_DIRS": str(system), "QT_QPA_PLATFORM": "xcb"}
        self.proc: subprocess.Popen[bytes] | None = None

    # --- the app ------------------------------------------------------------------------------

    def start(self, **prefs: object) -> subprocess.Popen[bytes]:
        (self.data / "settings").mkdir(parents=True, exist_ok=True)
        if not (self.data / "notes.db").exists():
            make_vault(self.data / "notes.db").close()
        kept = self.prefs() if self.prefs_path.exists() else {"onboarding_done": True}
        self.prefs_path.write_text(json.dumps({**kept, **prefs}))  # as the app left them
        self.proc = subprocess.Popen([sys.executable, "-m", "unknot.app.main", "--data-dir",
                                      str(self.data)], env=self.env)
        wait_for(lambda: self.visible(), "the window shows")
        self.focus_main()
        return self.proc

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    @property
    def prefs_path(self) -> Path:
        return self.data / "settings" / "preferences.json"

    def prefs(self) -> dict[str, object]:
        return dict(json.loads(self.prefs_path.read_text()))

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=60)

    # --- X tools ------------------------------------------------------------------------------

    def run(self, *args: str) -> str:
        done = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30)
        return done.stdout if done.returncode == 0 else ""

    def key(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--delay", "60", *keys], env=self.env, check=True,
                       timeout=30)

    def type(self, text: str) -> None:
        subprocess.run(["xdotool", "type", "--delay", "20", text], env=self.env, check=True,
                       timeout=60)

    def activate(self, window: str) -> None:
        subprocess.run(["xdotool", "windowactivate", "--sync", window], env=self.env,
                       check=False, capture_output=True, timeout=30)

    def focus_main(self) -> None:
        """The main window gets the keyboard (after a dialog closed, nothing may have it)."""
        main = wait_for(lambda: self.visible()[:1], "the main window is mapped")
        assert isinstance(main, list)
        if self.run("xdotool", "getwindowfocus").strip() != main[0]:
            self.activate(main[0])
            wait_for(lambda: self.run("xdotool", "getwindowfocus").strip() == main[0],
                     "the main window has the keyboard")

    def _ours(self, found: str) -> list[str]:
        return [w for w in found.split()
                if f"_NET_WM_PID(CARDINAL) = {self.pid}\n" in self.run("xprop", "-id", w,
                                                                        "_NET_WM_PID") + "\n"]

    def client_windows(self) -> list[str]:
        """Every window of the app's process (_NET_WM_PID), mapped or not."""
        return self._ours(self.run("xdotool", "search", "--name", "."))

    def visible(self) -> list[str]:
        return self._ours(self.run("xdotool", "search", "--onlyvisible", "--name", "."))

    def props(self, window: str) -> str:
        return self.run("xprop", "-id", window)

    def every_window(self) -> list[str]:
        """Every window on this private display: the app's, Qt's hidden helpers (the client
        leader, the clipboard's owner) and the window manager's frames."""
        tree = self.run("xwininfo", "-root", "-tree")
        return [word for word in tree.split() if word.startswith("0x")]

    def naming_unknot(self) -> list[str]:
        """The properties, of any window on the display, that say Unknot in any case."""
        found = []
        for window in self.every_window():
            found += [f"{window} {line}" for line in self.props(window).splitlines()
                      if "unknot" in line.lower()]
        return found

    def clients_neutral(self) -> bool:
        windows = self.client_windows()
        return bool(windows) and all("unknot" not in self.props(w).lower() for w in windows)

    def selection(self, which: str) -> str:
        return self.run("xclip", "-o", "-selection", which)

    def targets(self) -> str:
        return self.run("xclip", "-selection", "clipboard", "-t", "TARGETS", "-o")

    def no_journal_text_selected(self) -> bool:
        return CANARY not in self.selection("primary") \
            and CANARY not in self.selection("clipboard")

    def shot(self, path: Path) -> None:
        if shutil.which("import"):
            subprocess.run(["import", "-window", "root", str(path)], env=self.env,
                           check=False, capture_output=True, timeout=30)

    # --- the way a person drives it ---------------------------------------------------------------

    def unlock_and_copy(self) -> None:
        """Unlock, write the canary in a new entry, select it all and copy it. The keys are sent
        again until the copy arrives: the journal's pages build after the key is derived, and
        nothing outside the process says when that is done."""
        self.type(PASSPHRASE)
        self.key("Return")

        def write_and_copy() -> bool:
            self.key("ctrl+n")
            self.type(CANARY)
            self.key("ctrl+a", "ctrl+c")
            for _ in range(20):  # a few looks before the keys are sent again
                if CANARY in self.selection("clipboard"):
                    return True
                time.sleep(0.1)
            return False

        wait_for(write_and_copy, "the copy of a new entry reaches CLIPBOARD", limit=60)

    def open_dialog(self, *keys: str) -> str:
        """Press `keys` in the main window and return the dialog that opens, focused."""
        before = set(self.visible())
        self.focus_main()
        self.key(*keys)
        opened = wait_for(lambda: [w for w in self.visible() if w not in before],
                          f"a dialog opens on {keys}")
        assert isinstance(opened, list)
        dialog = str(opened[0])
        self.activate(dialog)
        # The X server delivers keys after the focus change, so Qt sees them in the dialog.
        wait_for(lambda: self.run("xdotool", "getwindowfocus").strip() == dialog,
                 "the dialog has the keyboard")
        return dialog

    def set_discreet(self, on: bool, attempts: int = 5) -> bool:
        """Settings, Tab twice to the discreet-mode box (after the idle minutes and "lock when
        minimised"), Space, Return; again until the saved preferences say `on` or the attempts
        run out. (Alt+D, the box's mnemonic, is missed when it arrives before Qt has made the
        dialog its active window; plain keys go to the dialog's focus widget either way.)
        True if the preference became `on`."""
        for _ in range(attempts):
            dialog = self.open_dialog("ctrl+comma")
            self.key("Tab", "Tab", "space", "Return")
            self.wait_closed(dialog)
            if self.prefs().get("discreet_mode") is on:
                return True
        return False

    def wait_closed(self, window: str) -> None:
        wait_for(lambda: window not in self.visible(), "the dialog closes")


def dock_entry(desktop: Desktop, window: str) -> configparser.SectionProxy | None:
    """The desktop entry a dock or window switcher shows for `window`: the entry named by its
    application id, else the one whose StartupWMClass is its class (the user's folder first,
    shadowing the system's entry of the same name, as the XDG specification says). None: no
    entry matches, and a dock shows the window's own class and title."""
    props = desktop.props(window)
    values = {line.split("(")[0]: line.split("=", 1)[1].strip()
              for line in props.splitlines() if "=" in line and "(" in line.split("=")[0]}
    app_id = values.get("_GTK_APPLICATION_ID", "").strip('"')
    wm_class = values.get("WM_CLASS", "").split(",")[-1].strip().strip('"')
    folders = [Path(desktop.env["XDG_DATA_HOME"]) / "applications",
               Path(desktop.env["XDG_DATA_DIRS"]) / "applications"]
    entries: dict[str, Path] = {}
    for folder in reversed(folders):  # the user's folder last: it wins
        for path in folder.glob("*.desktop"):
            entries[path.name] = path
    chosen = entries.get(app_id + ".desktop")
    if chosen is None:
        for path in entries.values():
            parser = _read(path)
            if parser.get("StartupWMClass", "") == wm_class:
                chosen = path
    return None if chosen is None else _read(chosen)


def menu_entry(desktop: Desktop) -> configparser.SectionProxy:
    """The entry the menu shows for Unknot's id (the user's override, if there is one)."""
    user = Path(desktop.env["XDG_DATA_HOME"]) / "applications" / INSTALLED_ENTRY.name
    system = Path(desktop.env["XDG_DATA_DIRS"]) / "applications" / INSTALLED_ENTRY.name
    return _read(user if user.exists() else system)


def _read(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign]
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]
