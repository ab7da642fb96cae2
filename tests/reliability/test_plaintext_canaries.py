"""Scenario 6, plaintext canaries: unique canaries in a title, a body, a tag and a search term
go through a scripted session of the real app — write, preview, search, lock, unlock, quick
exit, reopen, search again, share a session summary (shown on screen, a PDF export cancelled
in the file dialog, a Markdown export cancelled at the warning), lock, close — and then through
`unknot-cli export` runs that are refused or cancelled. Afterwards every file in the process's
home (data, config, cache, state, the Qt settings), its temporary folder and its working folder
is searched for each canary as UTF-8, UTF-16 and base64: 0 occurrences.

The command-line exports are refused (the file exists, a wrong passphrase, PDF, a missing
folder) or cancelled with Ctrl+C while writing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from reliability_kit import Outcome, Sandbox, cli_command, count, scan_for

SCENARIO = "6. Plaintext canaries"
PASSPHRASE = "meadow lantern copper violet harbor quill"  # gui_session.py's

# unknot-cli export, interrupted by Ctrl+C at the moment it makes the written file durable.
_CANCEL_WHILE_WRITING = """
import os, sys
import unknot.journal.cli
def interrupted(fd):
    raise KeyboardInterrupt
os.fsync = interrupted
sys.exit(unknot.journal.cli.main(sys.argv[1:]))
"""


def canary_session(work: Path, sessions: int) -> Outcome:
    outcome = Outcome(SCENARIO, "GUI session, refused and cancelled exports, then a scan")
    box = Sandbox.make(work / "sandbox")
    for n in range(sessions):
        report = box.run_session("first" if n == 0 else "again")
        outcome.runs += 1
        if report.get("error") or report["returncode"] != 0:
            outcome.fail(f"session {n}: {report.get('error')} after {report.get('steps', [])[-1:]} "
                         f"{report['stderr'][-300:]}")
        if n and report.get("found") != 1:
            outcome.fail(f"session {n}: the entry was not found again after reopening")
        if n and report.get("summary_status") != "Nothing was saved.":
            outcome.fail(f"session {n}: cancelling the summary's exports said "
                         f"{report.get('summary_status')!r}")
    vault = Path(box.root / "home/.local/share/Unknot/notes.db")
    secret = box.root / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n")
    wrong = box.root / "wrong.txt"
    wrong.write_text("not the passphrase\n")
    exports = box.root / "exports"
    exports.mkdir()
    existing = exports / "existing.md"
    existing.write_text("a file the person already had\n")
    base = ["export", "--vault", str(vault), "--format", "md"]
    cases = {
        "the target exists (no --force)": (
            [*cli_command(), *base, "--passphrase-file", str(secret), "--out", str(existing)],
            1),
        "a wrong passphrase": (
            [*cli_command(), *base, "--passphrase-file", str(wrong), "--out",
             str(exports / "a.md")], 1),
        "PDF (not available from the command line)": (
            [*cli_command(), "export", "--vault", str(vault), "--format", "pdf",
             "--passphrase-file", str(secret), "--out", str(exports / "b.pdf")], 1),
        "a folder that does not exist": (
            [*cli_command(), *base, "--passphrase-file", str(secret), "--out",
             str(exports / "missing" / "c.md")], 1),
        "Ctrl+C while writing": (
            [sys.executable, "-c", _CANCEL_WHILE_WRITING, *base, "--passphrase-file",
             str(secret), "--out", str(exports / "d.md")], 130),
    }
    for name, (command, expected) in cases.items():
        result = subprocess.run(command, env=box.env(), capture_output=True, timeout=120,
                                cwd=box.folders()["CWD"])
        outcome.runs += 1
        if result.returncode != expected:
            outcome.fail(f"export, {name}: exit {result.returncode}, expected {expected}: "
                         f"{result.stderr.decode()[-200:]}")
    if existing.read_text() != "a file the person already had\n":
        outcome.fail("a refused export changed the file that was already there")
    left = sorted(p.name for p in exports.rglob("*") if p != existing)
    if left:
        outcome.fail(f"refused or cancelled exports left files behind: {left}")
    hits = scan_for(box.root, box.canaries)
    for hit in hits:
        outcome.fail(f"plaintext found: {hit}")
    scanned = sum(1 for p in box.root.rglob("*") if p.is_file())
    forms = 4 * 9
    return outcome.finish(f"{scanned} files scanned for {forms} canary forms: "
                          f"{len(hits)} occurrences",
                          f"{sessions} sessions of the real app ({sessions - 1} with a summary "
                          f"shown and its exports cancelled); {len(cases)} command-line exports "
                          "refused or cancelled")


def test_no_canary_left_in_any_file(tmp_path: Path) -> None:
    canary_session(tmp_path, count(ci=2, release=6)).check()


def test_a_cancelled_export_leaves_no_half_written_file(tmp_path: Path) -> None:
    """Found: Ctrl+C (or a full disk) while `unknot-cli export` wrote left a half-written
    plaintext file where the export was going; it is now written beside it and renamed."""
    from reliability_kit import child_env
    from unknot.journal.crypto import FLOOR_PARAMS
    from unknot.journal.model import Entry
    from unknot.journal.vault import Vault

    vault, _ = Vault.create(tmp_path / "v.db", PASSPHRASE, kdf=FLOOR_PARAMS)
    with vault:
        from datetime import datetime, timezone

        vault.save(Entry.new(datetime(2026, 1, 1, tzinfo=timezone.utc), body="private"))
    (tmp_path / "pw").write_text(PASSPHRASE)
    out = tmp_path / "out" / "notes.md"
    out.parent.mkdir()
    result = subprocess.run([sys.executable, "-c", _CANCEL_WHILE_WRITING, "export", "--vault",
                             str(tmp_path / "v.db"), "--passphrase-file", str(tmp_path / "pw"),
                             "--format", "md", "--out", str(out)], env=child_env(),
                            capture_output=True)
    assert result.returncode == 130, result.stderr
    assert list(out.parent.iterdir()) == []
