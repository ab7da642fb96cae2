"""Privacy is a feature we test: no network, no plaintext outside the vault, no journal text in
titles or settings, nothing loaded by rendering a hostile entry."""

from __future__ import annotations

import base64
import socket
import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from driving import PASSPHRASE, JournalPage, click, create_journal, type_into, unlock, wait_saved
from unknot.journal.paths import DataPaths


class NetworkUsedError(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    attempts: list[str] = []

    def refuse(name: str):  # type: ignore[no-untyped-def]
        def blocked(*args: object, **kwargs: object) -> None:
            attempts.append(name)
            raise NetworkUsedError(f"network use attempted: {name}")
        return blocked

    class BlockedSocket(socket.socket):
        def __init__(self, *args: object, **kwargs: object) -> None:
            attempts.append("socket")
            raise NetworkUsedError("socket creation attempted")

    monkeypatch.setattr(socket, "socket", BlockedSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_a_whole_session_uses_no_network(qtbot: QtBot, make_app, no_network) -> None:
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.body,
              "A link [here](https://example.com) and ![img](https://example.com/x.png)")
    pane.tabs.setCurrentIndex(1)  # the preview renders the remote image reference
    wait_saved(qtbot, ctl)
    type_into(qtbot, pane.search, "link")
    ctl.window.help_action.trigger()
    qtbot.keyClick(pane.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    unlock(qtbot, ctl)
    assert no_network == []
    assert not [m for m in sys.modules if m.startswith("PySide6.QtNetwork")]


CANARY = "Canary-Wq7-unknot-gui"


def _forms() -> list[bytes]:
    raw = CANARY.encode()
    return [raw, CANARY.encode("utf-16-le"), CANARY.encode("utf-16-be"), base64.b64encode(raw),
            CANARY.lower().encode()]


def _scan(folder: Path) -> list[str]:
    hits = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits += [str(path) for form in _forms() if form in data]
    return hits


def test_canary_is_nowhere_after_lock_and_quit(qtbot: QtBot, make_app, data_paths: DataPaths,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    ctl = make_app()
    create_journal(qtbot, ctl)
    pane = JournalPage(ctl.window)
    click(qtbot, pane.new_button)
    type_into(qtbot, pane.title, f"{CANARY} title")
    type_into(qtbot, pane.body, f"{CANARY} body")
    type_into(qtbot, pane.tags, CANARY)
    wait_saved(qtbot, ctl)
    type_into(qtbot, pane.search, CANARY)
    assert CANARY not in ctl.window.windowTitle()
    qtbot.keyClick(pane.search, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    unlock(qtbot, ctl, PASSPHRASE)
    with qtbot.waitSignal(ctl.quit_requested):
        click(qtbot, ctl.window.quick_exit_button)
    ctl.window.close()
    for folder in (data_paths.data, data_paths.config, data_paths.cache, temp):
        assert _scan(folder) == [], folder
    settings = list(data_paths.config.rglob("*")) + list(data_paths.cache.rglob("*"))
    assert any(p.name == "preferences.json" for p in settings)
    assert any(p.name == "window.ini" for p in settings)


HOSTILE = """# Hostile

![local](file:///etc/passwd)
![relative](../../secret.png)
![remote](https://tracker.example.com/pixel.gif)
<img src="https://tracker.example.com/raw.gif" onerror="alert(1)">
<script>alert('x')</script>
<iframe src="https://example.com"></iframe>
[Your bank](https://evil.example.com "https://bank.example.com")
<a href="javascript:alert(1)">click</a>
![unc](\\\\server\\share\\x.png)
"""


def test_hostile_entry_loads_nothing_and_runs_nothing(qtbot: QtBot, make_app,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from unknot.app.widgets.markdown_view import MarkdownView

    requested: list[str] = []
    original = MarkdownView.loadResource

    def spy(self, kind, name):  # type: ignore[no-untyped-def]
        requested.append(str(name))
        result = original(self, kind, name)
        assert result is not None and len(result) == 0
        return result

    monkeypatch.setattr(MarkdownView, "loadResource", spy)
    opened: list[object] = []
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl",
                        lambda url: opened.append(url))
    ctl = make_app()
    create_journal(qtbot, ctl)
    editor = JournalPage(ctl.window)
    click(qtbot, JournalPage(ctl.window).new_button)
    editor.body.setPlainText(HOSTILE)
    editor.tabs.setCurrentIndex(1)
    html = editor.preview.toHtml()
    # Raw HTML shows as text; no element that loads or runs anything is in the document.
    for bad in ("<script", "<iframe", "<img", 'href="javascript', 'src="file', 'src="http'):
        assert bad not in html
    assert "&lt;script&gt;" in html
    # The deceptive link keeps its real address, so the confirmation can show it.
    assert 'href="https://evil.example.com"' in html
    assert opened == []
