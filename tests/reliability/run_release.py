"""Run the reliability scenarios at release counts and print their figures as a table.

    python tests/reliability/run_release.py                 # release counts (tens of minutes)
    python tests/reliability/run_release.py --scale ci      # the counts CI runs
    python tests/reliability/run_release.py --no-suite-trace
    python tests/reliability/run_release.py -k damage       # some scenarios only
    python tests/reliability/run_release.py -k stateful     # scenario 11 only (the window)
    python tests/reliability/run_release.py -k tampering    # scenario 12 only (keys, tampering)

The scenarios are the pytest tests in this folder; each writes its figures (runs, defects
found, the figure, time) as JSON when UNKNOT_RELIABILITY_FIGURES names a folder, and reads its
counts from UNKNOT_RELIABILITY_SCALE. Unless told not to, the whole test suite is also run once
at CI counts under strace, for scenario 7's "0 internet sockets, 0 name lookups".

Exit status: 0 if every scenario passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from reliability_kit import (  # noqa: E402 - after the path is set
    FIGURES_ENV,
    NETWORK_CALLS,
    REPO_ROOT,
    SCALE_ENV,
    read_network_trace,
    strace,
)


def run_scenarios(scale: str, figures: Path, select: str | None) -> tuple[int, str, float]:
    env = dict(os.environ, **{SCALE_ENV: scale, FIGURES_ENV: str(figures)})
    command = [sys.executable, "-m", "pytest", str(HERE), "-p", "no:cacheprovider", "-q",
               "-rsxX", "--no-header"]
    if select:
        command += ["-k", select]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    return result.returncode, result.stdout, time.perf_counter() - started


STATEFUL_TEST = REPO_ROOT / "tests" / "e2e" / "test_stateful_journal.py"
STATEFUL_COUNTS = {"release": ("200", "30"), "ci": ("6", "15")}  # examples, steps per example


def run_stateful(scale: str, figures: Path) -> tuple[int, str]:
    """Scenario 11: the journal window's state machine (tests/e2e/test_stateful_journal.py) at
    this scale's counts; it writes its own figure (steps, characters, misplaced or lost)."""
    examples, steps = STATEFUL_COUNTS[scale]
    env = dict(os.environ, **{FIGURES_ENV: str(figures), "UNKNOT_STATEFUL_EXAMPLES": examples,
                              "UNKNOT_STATEFUL_STEPS": steps})
    command = [sys.executable, "-m", "pytest", str(STATEFUL_TEST), "-p", "no:cacheprovider", "-q",
               "--no-header", "--timeout=0"]
    result = subprocess.run(command, cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    return result.returncode, result.stdout


def trace_whole_suite(work: Path, tracer: str) -> dict[str, object]:
    """The whole suite at CI counts under strace: internet sockets and name lookups seen."""
    figures = work / "suite-figures"
    figures.mkdir()
    log = work / "suite-network.log"
    env = dict(os.environ, **{FIGURES_ENV: str(figures), "UNKNOT_RELIABILITY_WHOLE_SUITE": "1"})
    env.pop(SCALE_ENV, None)
    started = time.perf_counter()
    result = subprocess.run(
        [tracer, "-f", "-qq", "--seccomp-bpf", "-e", "signal=none", "-e",
         f"trace={NETWORK_CALLS}", "-o", f"|grep -E 'socket|connect|send|bind|resolv|hosts|"
                                             f"gai.conf|host.conf|nscd' > {log}",
         sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--no-header"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    time.sleep(1)  # the pipe's grep finishes writing
    trace = read_network_trace(log.read_text() if log.exists() else "")
    tail = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    failures = [*trace.internet_sockets, *trace.name_lookups][:20]
    if result.returncode != 0:
        failures.append(f"the suite itself did not pass under strace: {tail}")
    rows: dict[str, object] = {
        "scenario": "7. No network", "part": "whole test suite under strace",
        "runs": _tests_run(tail), "failure_count": len(failures), "failures": failures,
        "figure": f"{len(trace.internet_sockets)} internet sockets, {len(trace.name_lookups)} "
                  "name lookups",
        "seconds": seconds, "notes": f"{tail}; {trace.local_sockets} local (AF_UNIX) sockets, "
                                     f"{trace.nscd_connections} asking nscd for a user name",
    }
    suite_guard = figures / "7-whole-suite-in-process.json"
    if suite_guard.exists():
        rows["guard"] = json.loads(suite_guard.read_text())
    return rows


def _tests_run(summary: str) -> int:
    """The number of tests in pytest's last line ("376 passed, 5 skipped, 1 xfailed in …")."""
    return sum(int(n) for n in re.findall(r"(\d+) (?:passed|failed|skipped|xfailed|xpassed|error)",
                                            summary))


def table(rows: list[dict[str, object]]) -> str:
    lines = ["| Scenario | Part | Runs | Defects | Figure | Time |",
             "| --- | --- | ---: | ---: | --- | ---: |"]
    for row in rows:
        figure = str(row["figure"])
        if row.get("notes"):
            figure += f" ({row['notes']})"
        lines.append(f"| {row['scenario']} | {row['part']} | {row['runs']:,} | "
                     f"{row['failure_count']} | {figure.replace('|', '/')} | "
                     f"{float(row['seconds']):.0f} s |")  # type: ignore[arg-type]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("release", "ci"), default="release")
    parser.add_argument("--no-suite-trace", action="store_true",
                        help="skip running the whole suite under strace")
    parser.add_argument("-k", dest="select", help="pytest -k expression: some scenarios only")
    parser.add_argument("--keep", type=Path, help="also copy the JSON figures to this folder")
    parser.add_argument("--table-from", type=Path, metavar="DIR",
                        help="only print the table of figures kept earlier in DIR")
    args = parser.parse_args()
    if args.table_from:
        kept = [json.loads(p.read_text()) for p in sorted(args.table_from.glob("*.json"))]
        kept.sort(key=lambda r: (int(str(r["scenario"]).split(".")[0]), str(r["part"])))
        print(table(kept))
        return 0 if all(not r["failure_count"] for r in kept) else 1

    work = Path(tempfile.mkdtemp(prefix="unknot-reliability-"))
    figures = work / "figures"
    figures.mkdir()
    print(f"Running the reliability scenarios at {args.scale} counts…", file=sys.stderr)
    if args.select == "stateful":  # scenario 11 alone: no scenario in this folder matches
        status, output, seconds = 0, "", 0.0
    else:
        status, output, seconds = run_scenarios(args.scale, figures, args.select)
    if args.select is None or "stateful" in args.select:
        print("Running the journal window's state machine…", file=sys.stderr)
        stateful_status, stateful_output = run_stateful(args.scale, figures)
        if stateful_status:
            status = status or 1
            output += "\n" + stateful_output
    rows = [json.loads(p.read_text()) for p in sorted(figures.glob("*.json"))]
    tracer = strace()
    if not args.no_suite_trace and args.select is None and tracer is not None:
        print("Running the whole test suite under strace…", file=sys.stderr)
        suite = trace_whole_suite(work, tracer)
        guard = suite.pop("guard", None)
        if isinstance(guard, dict):
            rows.append(guard)
        rows.append(suite)
        if suite["failure_count"]:
            status = status or 1
    rows.sort(key=lambda r: (int(str(r["scenario"]).split(".")[0]), str(r["part"])))
    summary = [line for line in output.splitlines()
               if line.startswith(("SKIPPED", "XFAIL", "XPASS", "FAILED", "ERROR"))]
    print(f"Unknot reliability figures — {args.scale} counts, "
          f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; scenarios took {seconds / 60:.1f} min.\n")
    print(table(rows))
    print(f"\nReproduce: python tests/reliability/run_release.py --scale {args.scale}")
    if summary:
        print("\n" + "\n".join(summary))
    print("\n" + (output.strip().splitlines()[-1] if output.strip() else "no pytest output"))
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for row in rows:
            name = "".join(c if c.isalnum() else "-" for c in f"{row['scenario']}-{row['part']}")
            (args.keep / f"{name}.json").write_text(json.dumps(row, indent=2))
    shutil.rmtree(work, ignore_errors=True)
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
