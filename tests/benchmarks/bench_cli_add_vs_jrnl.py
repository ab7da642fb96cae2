"""`unknot-cli add` against `jrnl` adding one entry, whole process, side by side (DESIGN.md §9).

    python tests/benchmarks/bench_cli_add_vs_jrnl.py [--sizes 1000,10000,50000] [--runs 5]
        [--jrnl-venv /tmp/jrnl-venv] [--workdir DIR] [--keep]

Unknot vaults are created with Vault.create(path, passphrase), which calibrates key derivation
like a real user's vault (UNKNOT_KDF_PROFILE is removed from the environment). jrnl is installed
into its own venv if missing; its journal of the same entries is written as plain jrnl text, then
encrypted once with `jrnl --encrypt`. Each add is a fresh process with the passphrase supplied
non-interactively: unknot through --passphrase-file, jrnl on standard input (it runs in a new
session without a terminal, so getpass falls back to reading stdin; no keyring is used).
Everything runs with HOME and XDG folders inside the work folder: nothing touches your profile.
The runs of both tools are interleaved; one warm-up run of each is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import (
    INFO,
    PASSPHRASE,
    REPO_ROOT,
    Row,
    Synthetic,
    build_vault,
    fmt_kdf,
    fmt_s,
    load_average,
    make_text,
    median,
    print_grid,
    print_machine_info,
    print_table,
    synthetic_entries,
    verdict_ge,
    verdict_le,
    write_secret,
)

from unknot.journal import crypto

FLAT_FACTOR = 1.3
JRNL_FACTOR = 3.0
DESIGN_JRNL = {1_000: "0.46 s", 10_000: "1.0 s", 50_000: "4.6 s"}
# jrnl's default timeformat is "%F %r"; Python 3.11's strptime rejects %F, so jrnl would fall
# back to its slow fuzzy date parser for every entry. This format writes the same text
# ("2020-01-31 09:00:00 PM") and parses on jrnl's fast path: jrnl's best case.
JRNL_TIMEFORMAT = "%Y-%m-%d %I:%M:%S %p"
TIMEOUT = 900


@dataclass
class Size:
    n: int
    vault: Path
    kdf: crypto.KdfParams
    jrnl_file: Path | None = None
    jrnl_env: dict[str, str] | None = None
    unknot_t: list[float] = field(default_factory=list)
    jrnl_t: list[float] = field(default_factory=list)
    unknot_cpu: list[float] = field(default_factory=list)
    jrnl_cpu: list[float] = field(default_factory=list)
    phases: list[Phases] = field(default_factory=list)


# --- environments ---------------------------------------------------------------------------

def isolated_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("UNKNOT_KDF_PROFILE", "EDITOR", "VISUAL", "PYTHONPATH")
           and not k.startswith("XDG_")}
    for name, sub in (("HOME", "home"), ("XDG_CONFIG_HOME", "config"),
                      ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                      ("XDG_STATE_HOME", "state")):
        folder = root / sub
        folder.mkdir(parents=True, exist_ok=True)
        env[name] = str(folder)
    env["TERM"] = "dumb"
    env["NO_COLOR"] = "1"
    # Bytecode is cached (as an installed app's is) but outside the source tree; the warm-up
    # run writes it. PYTHONDONTWRITEBYTECODE would recompile every module on every run.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root.parent / "pycache")
    return env


def unknot_env(root: Path) -> dict[str, str]:
    env = isolated_env(root)
    # The repository first, then whatever the caller had (for example a shim folder).
    extra = os.environ.get("PYTHONPATH")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), extra) if p)
    return env


# --- jrnl -----------------------------------------------------------------------------------

def ensure_jrnl(venv: Path) -> Path | None:
    jrnl = venv / "bin" / "jrnl"
    if jrnl.exists():
        return jrnl
    python = shutil.which("python3") or sys.executable
    print(f"installing jrnl into {venv} ...", flush=True)
    steps = ([python, "-m", "venv", str(venv)],
             [str(venv / "bin" / "pip"), "install", "--quiet", "jrnl"])
    for step in steps:
        done = subprocess.run(step, capture_output=True, text=True, timeout=TIMEOUT)
        if done.returncode != 0:
            print(f"could not install jrnl ({' '.join(step)}):\n{done.stderr[-2000:]}")
            return None
    return jrnl if jrnl.exists() else None


def jrnl_version(jrnl: Path) -> str:
    done = subprocess.run([str(jrnl), "--version"], capture_output=True, text=True,
                          timeout=60, start_new_session=True)
    first = (done.stdout or done.stderr).strip().splitlines()
    return first[0] if first else "jrnl (version unknown)"


def jrnl_text(item: Synthetic, with_tags: bool) -> str:
    first = item.title + "." if item.title else ""
    tags = " ".join(f"@{t}" for t in (*item.signs, *item.tags)) if with_tags else ""
    stamp = item.created.strftime(JRNL_TIMEFORMAT)
    return f"[{stamp}] {first} {item.body}\n{tags}\n\n".replace("  ", " ")


def setup_jrnl(jrnl: Path, root: Path, n: int,
               with_tags: bool) -> tuple[Path, dict[str, str], float]:
    """A jrnl journal of n entries, encrypted by `jrnl --encrypt`. Returns the journal file,
    the environment to run jrnl in, and how long the encryption took."""
    env = isolated_env(root)
    # jrnl keeps no password anywhere: the "fail" keyring backend says there is no keyring.
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    journal = root / "journal.txt"
    with journal.open("w", encoding="utf-8") as handle:
        for item in synthetic_entries(n):
            handle.write(jrnl_text(item, with_tags))
    config_dir = Path(env["XDG_CONFIG_HOME"]) / "jrnl"
    config_dir.mkdir(parents=True, exist_ok=True)
    q = json.dumps  # a JSON string is a YAML double-quoted scalar
    config = "\n".join((
        f"version: {q(jrnl_version(jrnl).split()[-1])}",
        "journals:",
        "  default:",
        f"    journal: {q(str(journal))}",
        'editor: ""', "encrypt: false", "template: false",
        "default_hour: 9", "default_minute: 0", f"timeformat: {q(JRNL_TIMEFORMAT)}",
        'tagsymbols: "#@"', "highlight: false", "linewrap: 79", 'indent_character: "|"',
        "colors: {body: none, date: none, tags: none, title: none}", "",
    ))
    # YAML, not JSON: jrnl takes a JSON config for jrnl 1.x and offers to upgrade it.
    (config_dir / "jrnl.yaml").write_text(config, encoding="utf-8")
    # New password, repeated, and "no" to storing it in a keychain.
    answers = f"{PASSPHRASE}\n{PASSPHRASE}\nn\n"
    started = time.perf_counter()
    done = subprocess.run([str(jrnl), "--encrypt"], input=answers, capture_output=True,
                          text=True, env=env, timeout=TIMEOUT, start_new_session=True)
    took = time.perf_counter() - started
    with journal.open("rb") as handle:
        magic = handle.read(5)
    if done.returncode != 0 or magic != b"JRNLv":
        raise RuntimeError(f"jrnl --encrypt failed (exit {done.returncode}, file starts "
                           f"{magic!r}):\n{done.stderr[-2000:]}")
    return journal, env, took


def timed_run(command: list[str], **kwargs: Any) -> tuple[subprocess.CompletedProcess[str],
                                                           float, float]:
    """Run a process to its end; returns it, its wall-clock seconds and its CPU seconds (user +
    system, from the children's rusage). CPU time hardly moves when other work competes for the
    cores; wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done, wall, cpu


def run_jrnl(jrnl: Path, size: Size, text: str) -> tuple[float, float]:
    assert size.jrnl_file is not None and size.jrnl_env is not None
    before = size.jrnl_file.stat().st_size
    done, wall, cpu = timed_run([str(jrnl), text], input=PASSPHRASE + "\n",
                                env=size.jrnl_env, start_new_session=True)
    if done.returncode != 0 or size.jrnl_file.stat().st_size <= before:
        raise RuntimeError(f"jrnl add into {size.n:,} failed (exit {done.returncode}):\n"
                           f"{done.stderr[-2000:]}")
    return wall, cpu


# --- unknot ---------------------------------------------------------------------------------

def run_unknot(size: Size, secret: Path, env: dict[str, str], text: str) -> tuple[float, float]:
    command = [sys.executable, "-m", "unknot.journal.cli", "add", "--vault", str(size.vault),
               "--passphrase-file", str(secret)]
    done, wall, cpu = timed_run(command, input=text, env=env, cwd=REPO_ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"unknot-cli add into {size.n:,} failed (exit {done.returncode}):"
                           f"\n{done.stderr[-2000:]}")
    return wall, cpu


# One add in a fresh process, like `python -m unknot.journal.cli add`, but timing its phases from
# inside: imports, key derivation (crypto.derive_key wrapped) and the rest of the command.
_INSTRUMENTED = """\
import json, sys, time
started = time.perf_counter()
import unknot.journal.cli
from unknot.journal import crypto
imported = time.perf_counter()
plain = crypto.derive_key
kdf = []
def derive_key(*args, **kwargs):
    t = time.perf_counter()
    try:
        return plain(*args, **kwargs)
    finally:
        kdf.append(time.perf_counter() - t)
crypto.derive_key = derive_key
code = unknot.journal.cli.main(sys.argv[1:])
done = time.perf_counter()
print(json.dumps({"import": imported - started, "kdf": sum(kdf), "inside": done - started,
                  "code": code}), file=sys.stderr)
"""


@dataclass
class Phases:
    outside: float  # interpreter start and exit
    imports: float
    kdf: float
    rest: float  # open, save with fsync, close
    total: float


def run_unknot_instrumented(size: Size, secret: Path, env: dict[str, str], text: str) -> Phases:
    command = [sys.executable, "-c", _INSTRUMENTED, "add", "--vault", str(size.vault),
               "--passphrase-file", str(secret)]
    started = time.perf_counter()
    done = subprocess.run(command, input=text, capture_output=True, text=True, env=env,
                          cwd=REPO_ROOT, timeout=TIMEOUT)
    total = time.perf_counter() - started
    try:
        inside = json.loads(done.stderr.strip().splitlines()[-1])
    except (ValueError, IndexError):
        inside = {"code": None}
    if done.returncode != 0 or inside["code"] != 0:
        raise RuntimeError(f"instrumented add into {size.n:,} failed:\n{done.stderr[-2000:]}")
    return Phases(outside=total - inside["inside"], imports=inside["import"], kdf=inside["kdf"],
                  rest=inside["inside"] - inside["import"] - inside["kdf"], total=total)


# --- main -----------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000",
                        help="comma-separated entry counts (default 1000,10000,50000)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size (default 5)")
    parser.add_argument("--jrnl-venv", type=Path, default=Path("/tmp/jrnl-venv"),
                        help="venv holding jrnl; created if missing (default /tmp/jrnl-venv)")
    parser.add_argument("--jrnl-tags", action="store_true",
                        help="write each entry's signs and tags into jrnl's journal as @tags "
                        "(jrnl counts tags quadratically on every add: slow at 10k+)")
    parser.add_argument("--same-kdf", action="store_true",
                        help="calibrate once, for the first vault, and create the others with "
                        "the same parameters (default: each vault calibrates, as a real user's)")
    parser.add_argument("--workdir", type=Path, help="parent of the work folder")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})

    workdir = Path(tempfile.mkdtemp(prefix="unknot-cli-bench-", dir=args.workdir))
    print_machine_info(workdir)
    try:
        run(args, sizes, workdir)
    finally:
        if args.keep:
            print(f"work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


def run(args: argparse.Namespace, sizes: list[int], workdir: Path) -> None:
    jrnl = ensure_jrnl(args.jrnl_venv)
    print(f"  jrnl:         {jrnl_version(jrnl) + ' at ' + str(jrnl) if jrnl else 'unavailable'}"
          f" (journal {'with' if args.jrnl_tags else 'without'} @tags)")
    print("  unknot KDF:   " + ("calibrated once, shared by every vault" if args.same_kdf
                              else "calibrated for each vault (Vault.create default)"))
    secret = write_secret(workdir / "passphrase.txt", PASSPHRASE)
    env = unknot_env(workdir / "unknot-profile")

    measured: list[Size] = []
    for n in sizes:
        path = workdir / f"unknot-{n}.bin"
        started = time.perf_counter()
        # kdf=None: Vault.create calibrates, as for a real user's vault.
        shared = measured[0].kdf if args.same_kdf and measured else None
        vault = build_vault(path, n, kdf=shared)
        kdf = vault.kdf_params
        vault.close()
        size = Size(n, path, kdf)
        how = "KDF of the first vault" if shared else "calibrated KDF"
        print(f"\n{n:,} entries: unknot vault built in {fmt_s(time.perf_counter() - started)} "
              f"({how} {fmt_kdf(kdf)}; {path.stat().st_size / 2**20:.0f} MiB)",
              flush=True)
        if jrnl:
            size.jrnl_file, size.jrnl_env, took = setup_jrnl(jrnl, workdir / f"jrnl-{n}", n,
                                                             args.jrnl_tags)
            print(f"{n:,} entries: jrnl journal written and `jrnl --encrypt` took {fmt_s(took)} "
                  f"({size.jrnl_file.stat().st_size / 2**20:.0f} MiB)", flush=True)
        rng = random.Random(n)
        for run_index in range(args.runs + 1):  # the first run of each is a warm-up
            text = make_text(rng)
            unknot_t, unknot_cpu = run_unknot(size, secret, env, text)
            phases = run_unknot_instrumented(size, secret, env, text)
            jrnl_t = run_jrnl(jrnl, size, " ".join(text.split())) if jrnl else None
            if run_index:
                size.unknot_t.append(unknot_t)
                size.unknot_cpu.append(unknot_cpu)
                size.phases.append(phases)
                if jrnl_t is not None:
                    size.jrnl_t.append(jrnl_t[0])
                    size.jrnl_cpu.append(jrnl_t[1])
        print(f"{n:,} entries: unknot runs {', '.join(fmt_s(t) for t in size.unknot_t)}"
              + (f"; jrnl runs {', '.join(fmt_s(t) for t in size.jrnl_t)}" if jrnl else ""),
              flush=True)
        measured.append(size)

    report(measured, env, args.runs)


def report(measured: list[Size], env: dict[str, str], runs: int) -> None:
    has_jrnl = all(s.jrnl_t for s in measured)
    cells = [["entries", "unknot KDF", "unknot add, median (min-max)",
              "jrnl add, median (min-max)", "jrnl / unknot", "CPU time: unknot / jrnl"]]
    for s in measured:
        u = f"{fmt_s(median(s.unknot_t))} ({fmt_s(min(s.unknot_t))}-{fmt_s(max(s.unknot_t))})"
        j = (f"{fmt_s(median(s.jrnl_t))} ({fmt_s(min(s.jrnl_t))}-{fmt_s(max(s.jrnl_t))})"
             if s.jrnl_t else "-")
        ratio = f"{median(s.jrnl_t) / median(s.unknot_t):.2f}×" if s.jrnl_t else "-"
        cpu = (f"{fmt_s(median(s.unknot_cpu))} / "
               + (fmt_s(median(s.jrnl_cpu)) if s.jrnl_cpu else "-"))
        cells.append([f"{s.n:,}", fmt_kdf(s.kdf), u, j, ratio, cpu])
    print_grid(f"One add, whole process, median of {runs} (after one warm-up)", cells)

    base, top = measured[0], measured[-1]
    if len(measured) > 1:
        growth = [["growth", "unknot", "jrnl"]]
        for s in measured[1:]:
            growth.append([f"{s.n // 1000:,}k / {base.n // 1000:,}k" if base.n >= 1000
                           else f"{s.n} / {base.n}",
                           f"{median(s.unknot_t) / median(base.unknot_t):.2f}×",
                           f"{median(s.jrnl_t) / median(base.jrnl_t):.2f}×" if has_jrnl
                           else "-"])
        print_grid("How each grows with the journal", growth)

    where = [["entries", "python start+exit", "imports", "KDF (derive_key)",
              "rest: open, save+fsync, close", "instrumented add", "plain add"]]
    rest: dict[int, float] = {}
    for s in measured:
        def m(name: str, s: Size = s) -> float:
            return median([getattr(p, name) for p in s.phases])
        rest[s.n] = median([p.total - p.kdf for p in s.phases])
        where.append([f"{s.n:,}", fmt_s(m("outside")), fmt_s(m("imports")), fmt_s(m("kdf")),
                      fmt_s(m("rest")), fmt_s(m("total")), fmt_s(median(s.unknot_t))])
    print_grid("Where an unknot-cli add spends its time (medians of instrumented runs, each "
               "interleaved with a plain one)", where)

    limit = FLAT_FACTOR * median(base.unknot_t)
    rows = [Row(f"unknot-cli add into {base.n:,}", fmt_s(median(base.unknot_t)),
                "reference for 'flat'",
                f"jrnl here {fmt_s(median(base.jrnl_t))}" if has_jrnl else "", INFO)]
    for s in measured[1:]:
        peer = f"jrnl here {fmt_s(median(s.jrnl_t))}" if has_jrnl else ""
        if s.n in DESIGN_JRNL:
            peer += f"; DESIGN: jrnl {DESIGN_JRNL[s.n]}"
        rows.append(Row(f"unknot-cli add into {s.n:,}", fmt_s(median(s.unknot_t)),
                        f"≤ {FLAT_FACTOR}× the {base.n:,} figure = {fmt_s(limit)}", peer,
                        verdict_le(median(s.unknot_t), limit)))
    if len(measured) > 1:
        rows.append(Row(f"unknot add minus its KDF, {top.n:,} / {base.n:,} (instrumented)",
                        f"{rest[top.n] / rest[base.n]:.2f}×",
                        "(flatness without calibration spread)",
                        f"{fmt_s(rest[top.n])} vs {fmt_s(rest[base.n])}", INFO))
    if has_jrnl:
        ratio = median(top.jrnl_t) / median(top.unknot_t)
        rows.append(Row(f"jrnl / unknot at {top.n:,}", f"{ratio:.2f}×", f"≥ {JRNL_FACTOR:.0f}×",
                        f"jrnl {fmt_s(median(top.jrnl_t))} vs unknot "
                        f"{fmt_s(median(top.unknot_t))}", verdict_ge(ratio, JRNL_FACTOR)))
    print_table("unknot-cli add vs jrnl (DESIGN.md §9)", rows)
    print(f"load average at the end: {load_average()}")
    if top.n != 50_000 or base.n != 1_000:
        print(f"note: DESIGN's budget is set for 1k and 50k; this run used {base.n:,} and "
              f"{top.n:,}.")


if __name__ == "__main__":
    main()
