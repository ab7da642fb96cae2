"""Scenario 8, hostile Markdown: a corpus of documents — local-file and remote images, UNC paths,
huge data URIs, deceptive links, deep nesting, giant tables and other shapes that make parsers
and layout engines suffer — rendered in the app's viewer (app/widgets/markdown_view.py).

For each: nothing is loaded from outside the app (no file is opened — inotify watches the files
the documents point at, with the working folder set beside them; no socket; Qt's network module
never loaded; every resource Qt asks for gets an empty answer), no link opens by itself, every
link left is http, https, mailto or an in-page anchor, no crash, and each is rendered — converted,
laid out and painted — within a second.
"""

from __future__ import annotations

import ctypes
import gc
import os
import random
import re
import struct
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from reliability_kit import Outcome, count

SCENARIO = "8. Hostile Markdown"
SECONDS = 1.0
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")


def corpus(local: Path) -> dict[str, str]:
    """At least 50 hostile documents. `local` holds real files they point at."""
    secret = local / "secret.png"
    here = "secret.png"
    big_png = "data:image/png;base64," + "iVBORw0KGgo" * 500_000  # ~5.5 MB
    docs = {
        # local files
        "file: image": f"![x](file://{secret})",
        "absolute path image": f"![x]({secret})",
        "relative image": f"![x]({here})",
        "parent folder image": "![x](../local/secret.png)",
        "home image": "![x](~/secret.png)",
        "reference image": f"![x][r]\n\n[r]: file://{secret}",
        "raw html img": f'<img src="file://{secret}"> and <img src="{here}">',
        "image as link target": f"[![x]({here})](file://{secret})",
        "file: link": f"[open me](file://{secret})",
        "css import": f"<style>@import url(file://{secret});</style>",
        "background attribute": f'<table background="{here}"><tr><td>x</td></tr></table>',
        "etc passwd": "![x](/etc/passwd) [y](/etc/shadow)",
        # remote
        "https image": "![pixel](https://tracker.example.com/p.gif)",
        "http image": "![pixel](http://tracker.example.com/p.gif)",
        "protocol-relative image": "![pixel](//tracker.example.com/p.gif)",
        "ftp image": "![pixel](ftp://tracker.example.com/p.gif)",
        "loopback image": "![x](http://127.0.0.1:9/x.png) ![y](http://[::1]:9/y.png)",
        "remote image in a table": "| a |\n|---|\n| ![x](https://t.example.com/x.gif) |",
        "remote image in a heading": "# Title ![x](https://t.example.com/x.gif)",
        "raw remote html": '<img src="https://t.example.com/x.gif" onerror="alert(1)">',
        "link stylesheet": '<link rel="stylesheet" href="https://t.example.com/s.css">',
        "base href": '<base href="https://t.example.com/">\n\n![x](x.png)',
        "iframe": '<iframe src="https://example.com"></iframe>',
        "object and embed": '<object data="https://x.example.com/a.swf"></object>'
                            '<embed src="https://x.example.com/b.swf">',
        "svg onload": '<svg onload="fetch(\'https://x.example.com\')"><image href="x.png"/></svg>',
        "autolinks": "<https://example.com> <http://example.com> <mailto:a@example.com>",
        # UNC
        "unc image": "![x](\\\\server\\share\\x.png)",
        "unc file url": "![x](file://server/share/x.png)",
        "unc link": "[share](\\\\server\\share)",
        "unc slashes": "![x](//server/share/x.png)",
        # data URIs
        "huge data uri image": f"![x]({big_png})",
        "many data uris": "\n\n".join(f"![{n}](data:image/png;base64,iVBORw0KGgo{n})"
                                       for n in range(3000)),
        "data html link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "data svg image": "![x](data:image/svg+xml,<svg onload=alert(1)>)",
        # deceptive links
        "text says another address": "[https://bank.example.com](https://evil.example.com)",
        "title says another address": '[Bank](https://evil.example.com "https://bank.example.com")',
        "homoglyph host": "[bank](https://b\u0430nk.example.com)",
        "right-to-left override": "[moc.knab//:sptth](https://evil.example.com/\u202emoc.knab)",
        "javascript link": "[click](javascript:alert(1)) [c2]( JaVaScRiPt:alert(1))",
        "entity-hidden scheme": "[x](jav&#x09;ascript:alert(1)) [y](&#106;avascript:alert(1))",
        "vbscript link": "[x](vbscript:msgbox(1))",
        "raw anchor": '<a href="javascript:alert(1)">click</a> <a href="file:///etc">f</a>',
        "userinfo trick": "[bank](https://bank.example.com@evil.example.com/)",
        "percent-encoded host": "[x](https://%65vil.example.com)",
        # nesting
        "nested quotes": ">" * 2000 + " deep",
        "nested lists": "\n".join("  " * n + "- item" for n in range(600)),
        "nested brackets": "[" * 20000 + "x" + "]" * 20000,
        "nested emphasis": "*" * 20000 + "x" + "*" * 20000,
        "nested html": "<div>" * 5000 + "x" + "</div>" * 5000,
        "nested links": "[" * 3000 + "x](y)" * 3000,
        "nested parentheses": "[x](" + "(" * 20000 + ")" * 20000 + ")",
        # giant tables
        "tall table": "| a | b |\n|---|---|\n" + "| x | y |\n" * 20000,
        "wide table": "|" + "a|" * 3000 + "\n|" + "-|" * 3000 + "\n|" + "x|" * 3000,
        "big table": "|" + "h|" * 60 + "\n|" + "-|" * 60 + "\n" + ("|" + "cell|" * 60 + "\n")
                     * 3000,
        "table of images": "| i |\n|---|\n" + "| ![x](https://t.example.com/x.gif) |\n" * 3000,
        # sheer size and odd text
        "five megabyte line": "word " * 1_000_000,
        "hundred thousand lines": "line\n" * 100_000,
        "many headings": "\n\n".join(f"# heading {n}" for n in range(10_000)),
        "many links": " ".join(f"[l{n}](https://example.com/{n})" for n in range(20_000)),
        "combining marks": "e" + "\u0301" * 50_000,
        "nul and controls": "a\x00b\x01\x7f\u2028\u2029\ufeff",
        "long code block": "```\n" + "x = 1\n" * 50_000 + "```",
        "unclosed code fence": "```\n" + "<img src=x>\n" * 1000,
        "comments and cdata": "<!-- <img src=x> --> <![CDATA[ <img src=x> ]]>",
        # just inside the preview's budget (journal/markdown_html.py)
        "budget: characters": "a " * 49_999,
        "budget: headings": "\n\n".join(f"## h{n}" for n in range(999)),
        "budget: list items": "\n".join(f"- item {n}" for n in range(999)),
        "budget: table cells": "|a|b|\n|-|-|\n" + "|x|y|\n" * 1_990,
        "budget: links": "\n\n".join(f"[a](https://e.example/{n}) " * 8 for n in range(999)),
        "budget: emphasis": "\n\n".join("*a* **b** `c` " * 3 for _ in range(990)),
    }
    return docs


def variants(docs: dict[str, str], extra: int, seed: int = 8) -> dict[str, str]:
    """More documents for release runs: pieces of the corpus cut and stitched at random."""
    rng = random.Random(seed)
    pieces = [d[:2000] for d in docs.values()]
    more = {}
    for n in range(extra):
        chosen = rng.sample(pieces, rng.randint(2, 6))
        more[f"stitched {n}"] = "\n\n".join(p[rng.randrange(len(p) + 1):] for p in chosen)
    return more


class FileWatch:
    """inotify on a folder: did anything open or read a file in it? (Linux only)"""

    IN_ACCESS, IN_OPEN = 0x001, 0x020

    def __init__(self, folder: Path) -> None:
        self._libc = ctypes.CDLL(None, use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self._fd < 0:
            raise OSError(ctypes.get_errno(), "inotify_init1")
        self._libc.inotify_add_watch(self._fd, os.fsencode(folder),
                                     self.IN_ACCESS | self.IN_OPEN)

    def events(self) -> list[str]:
        found = []
        try:
            data = os.read(self._fd, 65536)
        except BlockingIOError:
            return found
        offset = 0
        while offset + 16 <= len(data):
            _wd, mask, _cookie, size = struct.unpack_from("iIII", data, offset)
            name = data[offset + 16: offset + 16 + size].rstrip(b"\0").decode()
            found.append(f"{name or '(the folder)'} {'opened' if mask & self.IN_OPEN else 'read'}")
            offset += 16 + size
        return found

    def close(self) -> None:
        os.close(self._fd)


ALLOWED_HREF = re.compile(r'href="(https?:|mailto:|#)', re.I)


def _summary_of(text: str) -> Any:
    """A session summary with one ticked entry whose text is `text`."""
    from unknot.journal.model import Entry
    from unknot.journal.summary import build_summary

    today = datetime.now().astimezone().date()
    entry = Entry.new(datetime.now().astimezone(), title="hostile", body=text)
    return build_summary([entry], [], today, today, {entry.id}, today=today)


def render_corpus(qtbot: QtBot, work: Path, extra: int, monkeypatch: pytest.MonkeyPatch,
                  in_summary: bool = False) -> Outcome:
    """Each document shown in the journal's Markdown viewer — or, with `in_summary`, as the
    one ticked entry of a session summary shown on screen (Share → Show on screen)."""
    from PySide6.QtGui import QDesktopServices, QFont

    from unknot.app.share.summary_document import CHART_URL, summary_document
    from unknot.app.share.summary_viewer import _SummaryBrowser
    from unknot.app.widgets.markdown_view import MarkdownView

    outcome = Outcome(SCENARIO, "corpus in the session summary on screen" if in_summary
                      else "corpus rendered in the viewer")
    local = work / "local"
    local.mkdir()
    (local / "secret.png").write_bytes(PNG)
    (local / "passwd").write_text("root:x:0:0\n")
    monkeypatch.chdir(local)  # a relative path would be read from here
    opened: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url))
    requested: list[str] = []
    viewer_class: Any = _SummaryBrowser if in_summary else MarkdownView
    original = viewer_class.loadResource

    def spy(self: Any, kind: int, name: Any) -> Any:
        requested.append(str(name.toString() if hasattr(name, "toString") else name)[:80])
        answer = original(self, kind, name)
        if in_summary and requested[-1] == CHART_URL.toString():
            return answer  # the summary's own chart, painted by Unknot
        if answer is None or len(answer) != 0:
            outcome.fail(f"a resource request got a non-empty answer: {requested[-1]}")
        return answer

    monkeypatch.setattr(viewer_class, "loadResource", spy)
    view = viewer_class()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    watch = FileWatch(local)
    docs = corpus(local)
    docs.update(variants(docs, extra))
    times: list[tuple[float, str]] = []
    # While unlocked the app keeps its long-lived objects out of the garbage collector's way
    # (gc.freeze in app/controller.py); so does this test, or whatever earlier tests left in
    # this process would make the collector's pauses part of the timings.
    gc.collect()
    gc.freeze()
    try:
        for name, text in docs.items():
            outcome.runs += 1
            started = time.perf_counter()
            try:
                if in_summary:
                    document = summary_document(_summary_of(text), QFont(), on_screen=True)
                    document.setParent(view)
                    view.setDocument(document)
                else:
                    view.set_markdown(text)
                view.document().documentLayout().documentSize()
                view.viewport().grab()  # paint it, as the screen would
            except Exception as exc:  # noqa: BLE001 - a crash is the defect we look for
                outcome.fail(f"{name}: {type(exc).__name__}: {exc}")
                continue
            seconds = time.perf_counter() - started
            times.append((seconds, name))
            if seconds > SECONDS:
                outcome.fail(f"{name}: took {seconds:.2f} s to render")
            html = view.document().toHtml()
            for href in re.findall(r'href="[^"]*"', html):
                if not ALLOWED_HREF.match(href):
                    outcome.fail(f"{name}: a link that should not be there: {href[:80]}")
            for event in watch.events():
                outcome.fail(f"{name}: a local file was touched: {event}")
    finally:
        gc.unfreeze()
        watch.close()
        view.close()
    if opened:
        outcome.fail(f"links opened without a click: {opened}")
    network = [m for m in sys.modules if m.startswith("PySide6.QtNetwork")]
    if network:
        outcome.fail(f"Qt's network module was loaded: {network}")
    slowest = max(times) if times else (0.0, "")
    return outcome.finish(
        f"{len(docs)} documents: {len(outcome.failures)} loaded something, crashed or took "
        f"over {SECONDS:.0f} s; slowest {slowest[0] * 1000:.0f} ms ({slowest[1]})",
        f"{len(requested)} resource requests, each answered empty")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_hostile_documents_load_nothing_and_render_in_time(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs = corpus(tmp_path)
    assert len(docs) >= 50
    render_corpus(qtbot, tmp_path, count(ci=0, release=450), monkeypatch).check()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_hostile_entries_in_a_summary_shown_on_screen(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Share shows an entry's whole text (never only its beginning); the same corpus, as the
    ticked entry of a session summary on screen, loads nothing and is shown within a second."""
    render_corpus(qtbot, tmp_path, count(ci=0, release=450), monkeypatch, in_summary=True).check()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")
def test_the_file_watch_sees_a_read(tmp_path: Path) -> None:
    """The yardstick: reading a watched file is noticed."""
    (tmp_path / "f").write_text("x")
    watch = FileWatch(tmp_path)
    try:
        (tmp_path / "f").read_text()
        assert watch.events()
    finally:
        watch.close()


def test_what_froze_the_viewer_is_shown_in_part() -> None:
    """Found: a 5 MB data: address (one unbroken word) kept the viewer busy for minutes; 20,000
    nested asterisks, a 5 MB paragraph, 100,000 lines or 10,000 headings took 1.5 to 5 s.
    The preview now shows such text in part, or as plain paragraphs, and says so."""
    from unknot.journal.markdown_html import MAX_PREVIEW_CHARS, render_markdown

    for text in ("![x](data:image/png;base64," + "A" * 5_000_000 + ")", "word " * 1_000_000,
                 "line\n" * 100_000):
        rendered = render_markdown(text)
        assert len(rendered) < 2 * MAX_PREVIEW_CHARS
        assert "preview shows only its beginning" in rendered
    emphasis = render_markdown("*" * 20_000 + "x" + "*" * 20_000)
    assert "<strong>" not in emphasis and emphasis.count("<em>") <= 1  # (1: the note)
    ordinary = "# A day\n\nI *felt* **better** after the walk.\n\n- one\n- two\n"
    assert "preview shows" not in render_markdown(ordinary)
