"""Start to first window, side by side with the floor (DESIGN.md §9):

- Unknot: process start -> the locked screen's first paint, the whole process (`unknot` as a
  person starts it, on the usual folders — XDG_DATA_HOME and its kin point into a temporary
  folder — where a journal exists; `--first-run`: no journal yet, the first-run screen);
- the floor: a bare PySide6 window showing the article (a QTextBrowser with resources/article.md
  given to Qt's own Markdown reader), also a whole process;
- the ratio, against the goal of at most 1.3 times the bare window.

The two alternate run by run (after one warm-up of each), so a busy moment on the machine lands
on both. Each run is a fresh `python` process; the clock starts just before it is spawned and
stops when its first window begins to paint (tests/benchmarks/_start_probe.py).

    python tests/benchmarks/bench_start.py [--runs 11] [--first-run]

Uses the platform Qt picks; with no display it sets QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "tests"))

from _common import (  # noqa: E402
    INFO,
    REPO_ROOT,
    Row,
    fmt_s,
    median,
    print_machine_info,
    print_table,
    verdict_le,
)

ARTICLE = REPO_ROOT / "resources" / "article.md"
GOAL_RATIO = 1.3
BUDGET_S = 0.6


def one_start(kind: str, argument: Path | None, env: dict[str, str]) -> tuple[float, str]:
    """Seconds from spawning the process to its first paint, and the painted window's class."""
    started = time.time()
    command = [sys.executable, str(HERE / "_start_probe.py"), kind]
    command += [str(argument)] if argument is not None else []
    result = subprocess.run(command,
                            capture_output=True, text=True, env=env, timeout=60, check=False)
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("shown ")), None)
    if line is None:
        raise SystemExit(f"{kind}: no window painted (exit {result.returncode}):\n"
                         f"{result.stdout}\n{result.stderr}")
    _, moment, window = line.split()
    return float(moment) - started, window


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--first-run", action="store_true",
                        help="start on an empty data folder (the first-run screen)")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["UNKNOT_KDF_PROFILE"] = "floor"

    with tempfile.TemporaryDirectory(prefix="unknot-bench-start-") as tmp:
        print_machine_info(Path(tmp))
        print(f"  Qt platform:  {env.get('QT_QPA_PLATFORM') or 'the default'}")
        # Bytecode cached outside the source tree, as an installed app has it (pip compiles at
        # install time): never recompiled per start, even where PYTHONDONTWRITEBYTECODE is set.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        for variable, folder in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                                 ("XDG_CACHE_HOME", "cache"), ("XDG_RUNTIME_DIR", "run")):
            (Path(tmp) / folder).mkdir(mode=0o700)
            env[variable] = os.environ[variable] = str(Path(tmp) / folder)
        if not args.first_run:
            from unknot.journal.paths import DataPaths
            from vaults import make_vault

            make_vault(DataPaths.default().vault).close()
        one_start("unknot", None, env)  # warm-up: bytecode and the disk cache, both sides
        one_start("bare", ARTICLE, env)
        ours: list[float] = []
        bare: list[float] = []
        windows: set[str] = set()
        for run in range(args.runs):
            order = (("unknot", None, ours), ("bare", ARTICLE, bare))
            for kind, argument, into in order if run % 2 == 0 else order[::-1]:
                seconds, window = one_start(kind, argument, env)
                into.append(seconds)
                if kind == "unknot":
                    windows.add(window)

    screen = "first-run screen" if args.first_run else "locked screen"
    ratio = median(ours) / median(bare)
    rows = [
        Row(f"Unknot: start -> {screen} painted (median of {args.runs})", fmt_s(median(ours)),
            f"<= {BUDGET_S} s", "RedNotebook ≈0.6 s", verdict_le(median(ours), BUDGET_S)),
        Row("  fastest / slowest run", f"{fmt_s(min(ours))} / {fmt_s(max(ours))}", "", "",
            INFO),
        Row(f"bare PySide6 window showing the article (median of {args.runs})",
            fmt_s(median(bare)), "", "≈0.27 s", INFO),
        Row("  fastest / slowest run", f"{fmt_s(min(bare))} / {fmt_s(max(bare))}", "", "",
            INFO),
        Row("Unknot / bare window (medians)", f"{ratio:.2f}×", f"<= {GOAL_RATIO}×",
            "2.3× before lazy start", verdict_le(ratio, GOAL_RATIO)),
    ]
    print_table("Start to first window, whole process (DESIGN.md §9)", rows)
    print(f"Unknot's first painted window: {', '.join(sorted(windows))}")


if __name__ == "__main__":
    main()
