"""The protected summary (DESIGN §7): an AES-256 PDF that opens only with its one-time
passphrase and holds exactly the ticked entries; read back with pypdf, from the window's code
and from `unknot-cli export --format pdf --protect`. Its text is written for a clinician: the
line at the top, the signs' full names, answers in words, neutral metadata."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError
from PySide6.QtGui import QFont

from unknot.app.share.summary_document import pdf_bytes, protected_pdf_bytes
from unknot.journal.content import load_signs
from unknot.journal.model import RATING_WORDS, CheckIn, Entry
from unknot.journal.passphrase import word_list
from unknot.journal.summary import build_summary, entry_prompt

UTC = timezone.utc
TODAY = date(2026, 11, 23)
TICKED = ("the evening I finally said no", "a walk with my sister")
UNTICKED = ("something I am not ready to share", "kept in the journal only")


def _records() -> tuple[list[Entry], list[CheckIn]]:
    entries = []
    for n, body in enumerate(TICKED + UNTICKED):
        day = TODAY - timedelta(days=3 + 4 * n)
        entries.append(Entry.new(datetime(day.year, day.month, day.day, 18, tzinfo=UTC),
                                 title=f"Entry {n}", body=f"# My own heading\n\n{body}",
                                 signs=("isolated", "others-want-you-out"), mood=0))
    checkins = [CheckIn.new(TODAY - timedelta(days=7), datetime(2026, 11, 16, 9, tzinfo=UTC),
                            ratings={"isolated": 3, "addicted": 0}, note="a private note")]
    return entries, checkins


def _squash(text: str) -> str:
    """Text as extracted from a PDF, compared without spaces or ligatures (extraction puts a
    space where the layout left a gap, and "fi" may be one glyph)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def _text(reader: PdfReader) -> str:
    return _squash(" ".join(page.extract_text() or "" for page in reader.pages))


def _check_protected(data: bytes, passphrase: str, ticked: list[Entry],
                     unticked: list[Entry]) -> str:
    words = passphrase.split()
    assert len(words) >= 4 and all(w in word_list() for w in words)
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not reader.decrypt("not the passphrase")
    reader = PdfReader(io.BytesIO(data))
    assert reader.decrypt(passphrase)
    assert reader._encryption is not None and reader._encryption.V == 5  # AES-256 (R6)
    text = _text(reader)
    for entry in ticked:
        assert _squash(entry.body.split("\n")[-1]) in text
        if entry_prompt(entry):
            assert _squash(entry_prompt(entry)) in text
    for entry in unticked:
        assert _squash(entry.body.split("\n")[-1]) not in text
    assert _squash("a private note") not in text
    metadata = " ".join(str(v) for v in (reader.metadata or {}).values()).lower()
    assert "unknot" not in metadata and "session summary" not in metadata
    return text


def test_a_protected_summary_opens_only_with_its_passphrase(qapp: object) -> None:
    entries, checkins = _records()
    chosen = {entries[0].id, entries[1].id}
    summary = build_summary(entries, checkins, TODAY - timedelta(days=29), TODAY, chosen,
                            zone=UTC, today=TODAY)
    data, passphrase = protected_pdf_bytes(summary, QFont())
    text = _check_protected(data, passphrase, entries[:2], entries[2:])
    assert _squash(passphrase) not in text
    assert _squash("opens only with the passphrase") in text
    # Another copy gets new words.
    assert protected_pdf_bytes(summary, QFont())[1] != passphrase


def test_the_pdf_reads_as_written_for_a_clinician(qapp: object) -> None:
    entries, checkins = _records()
    summary = build_summary(entries, checkins, TODAY - timedelta(days=29), TODAY,
                            {entries[0].id}, zone=UTC, today=TODAY)
    reader = PdfReader(io.BytesIO(pdf_bytes(summary, QFont())))
    assert not reader.is_encrypted
    text = _text(reader)
    first_page = _squash(reader.pages[0].extract_text() or "")
    assert first_page.index(_squash("For the clinician")) < first_page.index(
        _squash("The six signs"))
    for said in ("a blog article about trauma bonding", "not a validated measure",
                 "The client chose what is in this summary", "follow how much was written"):
        assert _squash(said) in first_page
    for sign in load_signs():  # full names, never cut
        assert _squash(sign.title) in text
    for answer in (RATING_WORDS[3], RATING_WORDS[0], "Skipped"):
        assert _squash(answer) in text
    for never in ("of 4", "streak", "in a row", "incomplete", "answered", "Okay (+0)",
                  "see-thru", "1 entries"):
        assert _squash(never) not in text
    metadata = reader.metadata or {}
    assert str(metadata.get("/Title", "")).startswith("Notes to share")
    assert not str(metadata.get("/Creator", "")).strip()
    assert not str(metadata.get("/Producer", "")).strip()
    # The entry's own heading stays below the entry's.
    assert _squash("My own heading") in text


def _cli(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HOME": str(home)}
    env.pop("QT_QPA_PLATFORM", None)  # the command finds its own way without a display
    return subprocess.run([sys.executable, "-c", "from unknot.app.cli import run; run()", *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


def test_the_command_line_writes_a_protected_pdf_and_prints_its_passphrase(
        tmp_path: Path) -> None:
    from unknot.journal import journal as ops

    vault = tmp_path / "journal.unknot"
    secret = tmp_path / "pass"
    secret.write_text("correct horse battery staple lamp\n")
    created = ops.create_journal(vault, "correct horse battery staple lamp")
    entries, checkins = _records()
    for record in (*entries, *checkins):
        ops.save(created.journal, record)
    created.journal.close()
    out = tmp_path / "notes.pdf"
    common = ("export", "--vault", str(vault), "--passphrase-file", str(secret),
              "--format", "pdf", "--from", (TODAY - timedelta(days=29)).isoformat(),
              "--to", TODAY.isoformat())
    done = _cli(*common, "--out", str(out), "--protect", "--entry", entries[0].id,
                "--entry", entries[1].id[:8], home=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1  # the passphrase, alone on one line
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    _check_protected(out.read_bytes(), lines[0], entries[:2], entries[2:])

    plain = tmp_path / "plain.pdf"
    done = _cli(*common, "--out", str(plain), home=tmp_path)
    assert done.returncode == 0, done.stderr and done.stdout == ""
    text = _text(PdfReader(plain))
    assert all(_squash(body) not in text for body in TICKED + UNTICKED)  # none by default

    done = _cli(*common, "--out", str(tmp_path / "x.pdf"), "--entry", "ffffffff",
                home=tmp_path)
    assert done.returncode == 2 and "not an entry" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_the_core_alone_says_how_to_get_a_pdf(tmp_path: Path) -> None:
    vault = tmp_path / "journal.unknot"
    done = subprocess.run([sys.executable, "-m", "unknot.journal.cli", "export", "--vault",
                           str(vault), "--format", "pdf", "--out", str(tmp_path / "a.pdf")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and "window's libraries" in done.stderr
    done = subprocess.run([sys.executable, "-m", "unknot.journal.cli", "export", "--vault",
                           str(vault), "--format", "md", "--out", str(tmp_path / "a.md"),
                           "--protect"], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 2 and "pdf only" in done.stderr
