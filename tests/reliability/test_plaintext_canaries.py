"""Scenario 6, plaintext canaries: unique canaries in a title, a body, a tag and a search term
go through scripted sessions of the real app — create a journal with a recovery key and print
the key to a file (Qt's print dialog, Print to File (PDF), a name the person types in
~/Documents), write, preview, search, lock, unlock, quick exit; reopen, search again, share a
session summary (shown on screen, a PDF export cancelled in the file dialog, a Markdown export
cancelled at the warning), lock, close; reopen and save a protected summary PDF under the name
offered — and then through `unknot-cli export` runs that are refused or cancelled.

Afterwards, in the whole sandboxed home, its temporary, runtime and working folders:
- every file is searched for each canary as UTF-8, UTF-16 and base64: 0 occurrences; and for
  the recovery key and the protected PDF's passphrase (everywhere but the printed key): 0;
- every file and folder created or changed during the sessions (a listing before the first
  and after the last, by path, inode and mtime) is accounted for: inside Unknot's data, config
  and cache folders (folders 0700, files 0600), a file Unknot wrote for the person (the printed
  key, the saved summary: 0600, the summary under a neutral name), or Unknot's local socket in
  the runtime folder (user only). Anything else fails with its path — Qt's old `~/print.pdf`
  would, and so would a file the person already had being changed.

The command-line exports are refused (the file exists, as Markdown and as PDF; a wrong
passphrase; a missing folder) or cancelled with Ctrl+C while writing.
"""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from pathlib import Path

from reliability_kit import (
    Outcome,
    Sandbox,
    Seen,
    changed_since,
    cli_command,
    count,
    listing,
    scan_for,
)

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


def phase_of(n: int, sessions: int) -> str:
    """The first session prints the recovery key to a file, the last saves a protected summary,
    those between cancel the summary's exports."""
    return "first-print" if n == 0 else "save" if n == sessions - 1 else "again"


def _inside(path: Path, folders: list[Path]) -> bool:
    return any(path == f or f in path.parents for f in folders)


def account_for(box: Sandbox, before: dict[Path, Seen], after: dict[Path, Seen],
                unknot: list[Path], written: dict[Path, str], outcome: Outcome) -> int:
    """Fail for every file or folder created or changed in the sandbox that is not Unknot's
    or written for the person with the right mode; returns how many were checked."""
    changed = changed_since(before, after)
    runtime = box.folders()["XDG_RUNTIME_DIR"]
    for path, new in changed.items():
        seen = after[path]
        where = path.relative_to(box.root)
        mode = seen.permissions
        if not new:
            if not seen.is_dir:  # a folder changes when something is made in it
                outcome.fail(f"a file that was already there was changed: {where}")
        elif _inside(path, unknot):
            if seen.is_dir and mode != 0o700:
                outcome.fail(f"Unknot's folder {where} is {mode:o}, not 700")
            elif not seen.is_dir and mode != 0o600:
                if mode & 0o077 and any(after[f].permissions & 0o077
                                        for f in unknot if f in after and _inside(path, [f])):
                    outcome.fail(f"{where} is {mode:o} in a folder others can open")
                else:  # unreadable all the same: its folder is 0700
                    outcome.notes += f"{where} is {mode:o} (inside a 700 folder). "
        elif path in written:
            if not stat.S_ISREG(seen.mode) or mode != 0o600:
                outcome.fail(f"{written[path]} {where} is {mode:o}, not 600")
        elif (path.parent == runtime and stat.S_ISSOCK(seen.mode)
              and re.fullmatch(r"n[0-9a-f]{32}", path.name)):
            if mode & 0o077:
                outcome.fail(f"Unknot's local socket {where} is {mode:o}: others may connect")
        else:
            kind = "folder" if seen.is_dir else "file"
            outcome.fail(f"the session made a {kind} outside Unknot's folders that is not one "
                         f"it wrote for the person: {where} ({mode:o})")
    for path, what in written.items():
        if path not in after:
            outcome.fail(f"{what} was not written at {path.relative_to(box.root)}")
    return len(changed)


def canary_session(work: Path, sessions: int) -> Outcome:
    outcome = Outcome(SCENARIO, "GUI session, refused and cancelled exports, then a scan")
    box = Sandbox.make(work / "sandbox")
    kept = box.folders()["HOME"] / "Documents" / "letter.txt"
    kept.write_text("a file the person already had\n")
    before = listing(*box.walked())
    unknot: list[Path] = []
    written: dict[Path, str] = {}
    secrets: dict[str, tuple[str, Path]] = {}
    for n in range(sessions):
        phase = phase_of(n, sessions)
        report = box.run_session(phase)
        outcome.runs += 1
        if report.get("error") or report["returncode"] != 0:
            outcome.fail(f"session {n}: {report.get('error')} after {report.get('steps', [])[-1:]} "
                         f"{report['stderr'][-300:]}")
        if n and report.get("found", 1) != 1:
            outcome.fail(f"session {n}: the entry was not found again after reopening")
        if phase == "again" and report.get("summary_status") != "Nothing was saved.":
            outcome.fail(f"session {n}: cancelling the summary's exports said "
                         f"{report.get('summary_status')!r}")
        unknot = [Path(p) for p in report.get("paths", {}).values()] or unknot
        for item in report.get("written", []):
            path = Path(item["path"])
            written[path] = item["what"]
            secrets[item["what"]] = (item["secret"], path)
    after = listing(*box.walked())
    if len(unknot) != 3:
        outcome.fail(f"the sessions did not say where Unknot's folders are: {unknot}")
    if "printed recovery key" not in written.values():
        outcome.fail("the recovery key was not printed to a file")
    summaries = [p for p, what in written.items() if what == "protected summary"]
    for path in summaries:
        if re.search(r"unknot|summary|session|therap", path.name, re.IGNORECASE):
            outcome.fail(f"the saved summary's name says what it is: {path.name}")
    if sessions > 1 and not summaries:
        outcome.fail("the protected summary was not saved")
    failures_before = len(outcome.failures)
    checked = account_for(box, before, after, unknot, written, outcome)
    problems = len(outcome.failures) - failures_before
    if kept.read_text() != "a file the person already had\n":
        outcome.fail("a file in Documents the person already had was changed")

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
        "PDF, the target exists (no --force)": (
            [*cli_command(), "export", "--vault", str(vault), "--format", "pdf",
             "--passphrase-file", str(secret), "--out", str(existing)], 1),
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
    for path in sorted(changed_since(after, listing(*box.walked()))):
        outcome.fail(f"a refused or cancelled export made or changed "
                     f"{path.relative_to(box.root)}")
    hits = scan_for(box.root, box.canaries)
    for what, (text, path) in secrets.items():
        forms = {what: text}
        if what == "printed recovery key":
            forms[f"{what} (without dashes)"] = text.replace("-", "")
        hits += scan_for(box.root, forms, skip=frozenset({path}))
    for hit in hits:
        outcome.fail(f"plaintext found: {hit}")
    scanned = sum(1 for p in box.root.rglob("*") if p.is_file())
    forms = 4 * 9
    return outcome.finish(
        f"{scanned} files scanned for {forms} canary forms and {len(secrets)} secrets: "
        f"{len(hits)} occurrences; {checked} files and folders made or changed in the home, "
        f"temporary and runtime folders: {problems} unaccounted for or with a wider "
        "mode",
        f"{sessions} sessions of the real app (the recovery key printed to a file; "
        f"{max(sessions - 2, 0)} with a summary shown and its exports cancelled; a protected "
        f"summary saved); {len(cases)} command-line exports refused or cancelled. "
        f"{outcome.notes}".strip())


def test_no_canary_left_in_any_file(tmp_path: Path) -> None:
    canary_session(tmp_path, count(ci=3, release=6)).check()


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
