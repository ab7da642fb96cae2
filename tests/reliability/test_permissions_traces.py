"""Scenario 10, permissions and traces: after sessions of the real app (gui_session.py) and of
unknot-cli — run with a umask of 000, the worst a person's system could have — the vault and its
backups are 0600 and every folder Unknot made is 0700; no file was created outside the data,
config and cache folders (a sandboxed home shows every file, and strace, where available, sees
every file created anywhere on the machine); core dumps are off for the process.
"""

from __future__ import annotations

import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reliability_kit import Outcome, Sandbox, child_env, cli_command, count, strace

SCENARIO = "10. Permissions and traces"
CREATING_CALLS = "openat,creat,mkdir,mkdirat,rename,renameat,renameat2,link,linkat,symlink," \
                 "symlinkat"


def _snapshot(root: Path) -> set[Path]:
    return {p for p in root.rglob("*")}


def _allowed_roots(box: Sandbox) -> list[Path]:
    home = box.folders()
    return [home["XDG_DATA_HOME"] / "Unknot", home["XDG_CONFIG_HOME"] / "Unknot",
            home["XDG_CACHE_HOME"] / "Unknot"]


def _inside(path: Path, roots: list[Path]) -> bool:
    return any(path == r or r in path.parents for r in roots)


def _created_paths(log: str) -> set[str]:
    """Paths a traced process created: files opened with O_CREAT, folders made, renames and
    links made — only calls that succeeded."""
    created = set()
    for line in log.splitlines():
        call = line.split(None, 1)[-1]
        if re.search(r"= -1 ", call) or "<unfinished" in call:
            continue
        names = re.findall(r'"((?:[^"\\]|\\.)*)"', call)
        if not names:
            continue
        if call.startswith(("openat(", "creat(")):
            if "O_CREAT" in call or call.startswith("creat("):
                created.add(names[0])
        elif call.startswith(("mkdir", "symlink", "link")) or call.startswith("rename"):
            created.add(names[-1])
    return created


def session_traces(work: Path, rounds: int) -> Outcome:
    outcome = Outcome(SCENARIO, "sessions of the real app with umask 000")
    box = Sandbox.make(work / "sandbox")
    roots = _allowed_roots(box)
    before = _snapshot(box.root)
    tracer = strace()
    traced: set[str] = set()
    reports = []
    for n in range(rounds):
        log = work / f"files-{n}.log"
        wrapper: tuple[str, ...] = ()
        if tracer is not None:
            wrapper = (tracer, "-f", "-qq", "-e", "signal=none", "-e",
                       f"trace={CREATING_CALLS}", "-o", str(log))
        report = box.run_session("first" if n == 0 else "again", wrapper=wrapper, umask=0)
        reports.append(report)
        outcome.runs += 1
        if report.get("error") or report["returncode"] != 0:
            outcome.fail(f"session {n}: {report.get('error')} {report['stderr'][-300:]}")
        if report.get("rlimit_core") != [0, 0]:
            outcome.fail(f"session {n}: core dumps allowed: {report.get('rlimit_core')}")
        if tracer is not None:
            traced |= _created_paths(log.read_text())
    # 1. Nothing outside the three folders, in the sandbox...
    report_files = {box.root / f"report-{p}.json" for p in ("first", "again")}
    new = sorted(p for p in _snapshot(box.root) - before
                 if not _inside(p, roots) and p not in report_files)
    for path in new:
        outcome.fail(f"created outside the data, config and cache folders: "
                     f"{path.relative_to(box.root)}")
    # ...and anywhere on the machine, as strace saw it.
    ignored = (str(work), "/dev/", "/proc/", "/sys/")
    for path in sorted(traced):
        absolute = Path(path) if path.startswith("/") else box.folders()["CWD"] / path
        if _inside(absolute, roots) or str(absolute).startswith(ignored):
            continue
        outcome.fail(f"the process created {path} (strace)")
    # 2. Permissions.
    modes = 0
    for root in roots:
        if not root.is_dir():
            outcome.fail(f"{root.name} folder was not made")
            continue
        for path in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            modes += 1
            if path.is_dir() and mode != 0o700:
                outcome.fail(f"folder {path.relative_to(box.root)} is {mode:o}, not 700")
            elif path.is_file() and root == roots[0] and mode != 0o600:
                outcome.fail(f"vault file {path.relative_to(box.root)} is {mode:o}, not 600")
            elif path.is_file() and mode & 0o077:
                outcome.notes += (f"{path.relative_to(root.parent)} is {mode:o} (inside a 700 "
                                  "folder). ")
    where = "strace saw every file created" if tracer else "strace not available"
    return outcome.finish(
        f"{rounds} sessions, {modes} files and folders checked: {len(outcome.failures)} "
        "problems", f"{where}. {outcome.notes}".strip())


def cli_permissions(work: Path) -> Outcome:
    outcome = Outcome(SCENARIO, "unknot-cli with umask 000")
    folder = work / "new" / "folder"
    vault = folder / "notes.db"
    secret = work / "pw"
    secret.write_text("a passphrase for the permissions test\n")
    out_folder = work / "elsewhere"
    out_folder.mkdir()
    steps = [
        ["init", "--vault", str(vault), "--passphrase-file", str(secret)],
        ["add", "--vault", str(vault), "--passphrase-file", str(secret)],
        ["backup", "--vault", str(vault), "--out", str(out_folder / "copy.backup")],
        ["passwd", "--vault", str(vault), "--passphrase-file", str(secret),
         "--new-passphrase-file", str(secret)],
    ]
    for args in steps:
        result = subprocess.run([*cli_command(), *args], input=b"text", capture_output=True,
                                env=child_env(), umask=0, timeout=120)
        outcome.runs += 1
        if result.returncode != 0:
            outcome.fail(f"{args[0]}: exit {result.returncode}: {result.stderr.decode()[-200:]}")
    for path, wanted in ((folder, 0o700), (vault, 0o600), (out_folder / "copy.backup", 0o600)):
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else None
        if mode != wanted:
            outcome.fail(f"{path.relative_to(work)} is {mode and oct(mode)}, not {oct(wanted)}")
    # passwd makes a new key, so it takes a fresh backup under it (DESIGN §4): private too.
    backups = folder / "backups"
    for path in [backups, *backups.rglob("*")] if backups.exists() else []:
        wanted = 0o700 if path.is_dir() else 0o600
        if stat.S_IMODE(path.stat().st_mode) != wanted:
            outcome.fail(f"{path.relative_to(work)} is {oct(stat.S_IMODE(path.stat().st_mode))}")
    leftovers = [p.name for p in (*folder.iterdir(), *out_folder.iterdir())
                 if p.name not in ("notes.db", "copy.backup", "backups")]
    if leftovers:
        outcome.fail(f"left behind: {leftovers}")
    return outcome.finish(f"{outcome.runs} commands: {len(outcome.failures)} problems")


def real_process_limits(work: Path) -> Outcome:
    """The real entry point (python -m unknot.app.main): its core-dump limit, read from /proc."""
    outcome = Outcome(SCENARIO, "core dumps off in the running unknot process")
    box = Sandbox.make(work / "real")
    child = subprocess.Popen([sys.executable, "-m", "unknot.app.main", "--data-dir",
                              str(box.root / "data")], env=box.env(),
                             cwd=box.folders()["CWD"], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE)
    try:
        limits = ""
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and child.poll() is None:
            time.sleep(0.2)
            if (box.root / "data" / "settings").exists():  # built: hardening has run
                time.sleep(0.3)
                limits = Path(f"/proc/{child.pid}/limits").read_text()
                break
        outcome.runs += 1
        match = re.search(r"Max core file size\s+(\S+)\s+(\S+)", limits)
        if match is None or match.groups() != ("0", "0"):
            outcome.fail(f"core dumps are not off: {match.groups() if match else limits[:200]}")
    finally:
        child.send_signal(signal.SIGTERM)  # the app saves, locks and closes on SIGTERM
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if child.stderr is not None:
            child.stderr.close()
    return outcome.finish("core file size limit 0 (soft and hard)" if not outcome.failures
                          else "core dumps allowed")


def test_sessions_leave_private_files_and_no_traces(tmp_path: Path) -> None:
    session_traces(tmp_path, count(ci=2, release=6)).check()


def test_the_cli_makes_private_files_whatever_the_umask(tmp_path: Path) -> None:
    cli_permissions(tmp_path).check()


@pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="needs /proc")
def test_core_dumps_are_off_in_the_running_app(tmp_path: Path) -> None:
    real_process_limits(tmp_path).check()


def test_the_trace_reader_sees_created_files() -> None:
    """The yardstick for the strace part."""
    log = ('1 openat(AT_FDCWD, "/home/u/.cache/x", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3\n'
           '1 openat(AT_FDCWD, "/etc/hosts", O_RDONLY|O_CLOEXEC) = 4\n'
           '1 mkdir("/tmp/y", 0777) = 0\n'
           '1 openat(AT_FDCWD, "/tmp/z", O_WRONLY|O_CREAT, 0600) = -1 EACCES (Permission denied)\n'
           '1 rename("/a/t.tmp", "/a/t") = 0\n')
    assert _created_paths(log) == {"/home/u/.cache/x", "/tmp/y", "/a/t"}
