"""Shared helpers for the benchmark scripts in this folder (plain scripts, not pytest tests).

Timing uses time.perf_counter; every figure is printed beside its DESIGN.md §9 budget and the
floor or peer figure. Nothing here asserts on time.
"""

from __future__ import annotations

import math
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from unknot.journal import crypto  # noqa: E402
from unknot.journal.content import SIGN_IDS  # noqa: E402
from unknot.journal.crypto import KdfParams  # noqa: E402
from unknot.journal.localtime import local_zone  # noqa: E402
from unknot.journal.model import Entry, new_record_id  # noqa: E402
from unknot.journal.vault import Vault  # noqa: E402

PASSPHRASE = "correct horse battery staple, benchmark edition"
BATCH = 1000
WORDS_PER_ENTRY = 150
YEARS = 10

# --- timing ---------------------------------------------------------------------------------


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of `fn` takes."""
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def repeat(fn: Callable[[], object], runs: int) -> list[float]:
    return [timed(fn) for _ in range(runs)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """Nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def fmt_s(seconds: float) -> str:
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1.0:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_kdf(params: KdfParams) -> str:
    return f"{params.memory_kib // 1024} MiB/{params.iterations} passes/{params.lanes} lanes"


# --- verdicts and tables --------------------------------------------------------------------

WITHIN, OVER, INFO = "within budget", "OVER BUDGET", "n/a (info)"


def verdict_le(measured: float, limit: float) -> str:
    return WITHIN if measured <= limit else OVER


def verdict_ge(measured: float, limit: float) -> str:
    return WITHIN if measured >= limit else OVER


def verdict_band(measured: float, low: float, high: float) -> str:
    """For a target ("≈0.5 s") rather than a ceiling."""
    if measured < low:
        return "BELOW TARGET"
    return WITHIN if measured <= high else OVER


@dataclass
class Row:
    what: str
    measured: str
    budget: str
    floor: str
    verdict: str


def print_table(title: str, rows: Sequence[Row],
                header: Sequence[str] = ("what", "measured", "budget", "floor / peer",
                                         "verdict")) -> None:
    cells = [list(header)] + [[r.what, r.measured, r.budget, r.floor, r.verdict] for r in rows]
    print_grid(title, cells)


def print_grid(title: str, cells: Sequence[Sequence[str]]) -> None:
    """Print a plain-text table; the first row is the header."""
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    line = "+-" + "-+-".join("-" * w for w in widths) + "-+"
    print()
    print(title)
    print(line)
    for index, row in enumerate(cells):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if index == 0:
            print(line)
    print(line)
    sys.stdout.flush()


# --- machine --------------------------------------------------------------------------------


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _filesystem(path: Path) -> str:
    """The mount (and its type) that holds `path`, from /proc/mounts."""
    best, kind = "", "unknown"
    target = str(path.resolve())
    try:
        with open("/proc/mounts", encoding="utf-8") as handle:
            for line in handle:
                parts = line.split()
                mount = parts[1]
                if (target == mount or target.startswith(mount.rstrip("/") + "/")) \
                        and len(mount) >= len(best):
                    best, kind = mount, parts[2]
    except OSError:
        pass
    return f"{kind} (mounted at {best or '?'})"


def print_machine_info(workdir: Path) -> None:
    import sqlite3

    import cryptography

    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else "?"
    print("Machine")
    print(f"  nproc:        {usable} usable of {os.cpu_count()} ({_cpu_model()})")
    print(f"  python:       {platform.python_version()} ({sys.executable})")
    print(f"  platform:     {platform.platform()}")
    print(f"  cryptography: {cryptography.__version__}, SQLite {sqlite3.sqlite_version}")
    print(f"  work folder:  {workdir} on {_filesystem(workdir)}")
    print(f"  load average: {load_average()} (other work on this machine skews every figure)")
    sys.stdout.flush()


def load_average() -> str:
    """The load average, and the kernel's CPU and I/O pressure over the last 10 s (share of
    time some task waited) where the kernel reports it."""
    try:
        text = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        text = "unknown"
    pressure = []
    for kind in ("cpu", "io"):
        try:
            with open(f"/proc/pressure/{kind}", encoding="ascii") as handle:
                some = handle.readline().split()
            pressure.append(f"{kind} {some[1].split('=')[1]}%")
        except (OSError, IndexError):
            pass
    if pressure:
        text += f"; waiting for {' / '.join(pressure)} of the time"
    return text


# --- synthetic journal ----------------------------------------------------------------------

_WORDS = """
a about after again all always am an and angry another anything apologised are around as asked
at away back bad be because been before being better between both but by call called came can
cannot care cried could day days did didn't do doing don't done door down dinner drink drove
each even evening ever every everything eyes face family far feel feeling felt few find fine
first for forgot friend friends from gave get go going gone good got had hands happened happy
hard has have he heard her here him his home hour house how i if in inside into is it its job
just keep kept kind knew know last late laugh leave left less let life like little long look
looked lost lot made make many maybe me mean meant message might mind minutes moment money
more morning most mother much mum must my myself need never new next nice night no not nothing
now of off often oh okay old on once one only or other our out over own party past people
phone place plan point promised put quiet quite rather read real really reason remember right
room said same sat saw say saying see seemed seen she should shouted since sister sleep small
so some someone something sometimes sorry still stop stopped story such sure take talk talked
tell than that the their them then there these they thing things think this those though
thought through time tired to today told too took tried true trust try turned two under until
up upset us used very wait waited walked want wanted was wasn't way we week weekend well went
were what when where which while who why will with without woke won't word words work worse
would wrong year yes yesterday yet you your boundaries therapist anxious calm café naïve
résumé déjà-vu silence walking-on-eggshells lovebombing gaslighting apology again-and-again
"""
_VOCABULARY = tuple(_WORDS.split())

_TAGS = ("work", "family", "therapy", "sleep", "weekend", "money", "friends", "health")


def _sentence(rng: random.Random, length: int) -> str:
    words = rng.choices(_VOCABULARY, k=length)
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def make_text(rng: random.Random, words: int = WORDS_PER_ENTRY) -> str:
    """About `words` words in sentences of 6-16 words, split into paragraphs."""
    sentences, count = [], 0
    while count < words:
        length = min(rng.randint(6, 16), max(words - count, 1))
        sentences.append(_sentence(rng, length))
        count += length
    paragraphs, step = [], 4
    for i in range(0, len(sentences), step):
        paragraphs.append(" ".join(sentences[i:i + step]))
    return "\n\n".join(paragraphs)


@dataclass(frozen=True)
class Synthetic:
    """Tool-neutral content of one entry (used for Unknot entries and jrnl's text file)."""

    created: datetime
    title: str
    body: str
    signs: tuple[str, ...]
    mood: int | None
    tags: tuple[str, ...]


def synthetic_entries(n: int, seed: int = 1, years: int = YEARS) -> Iterator[Synthetic]:
    """`n` entries with ~150 words each, random signs, mood and tags, spread over `years`
    years up to now, oldest first."""
    rng = random.Random(seed)
    zone = local_zone()
    end = datetime.now(zone).replace(microsecond=0)
    span = timedelta(days=365 * years).total_seconds()
    offsets = sorted(rng.uniform(0, span) for _ in range(n))
    for offset in offsets:
        created = datetime.fromtimestamp(end.timestamp() - span + offset, zone)
        title = _sentence(rng, rng.randint(2, 6))[:-1] if rng.random() < 0.5 else ""
        yield Synthetic(
            created=created.replace(microsecond=0),
            title=title,
            body=make_text(rng),
            signs=tuple(rng.sample(SIGN_IDS, k=rng.choice((0, 0, 1, 1, 1, 2, 3)))),
            mood=rng.choice((None, -2, -1, 0, 0, 1, 1, 2)),
            tags=tuple(rng.sample(_TAGS, k=rng.choice((0, 1, 1, 2)))),
        )


def to_entry(item: Synthetic) -> Entry:
    return Entry(id=new_record_id(), created=item.created, updated=item.created,
                 title=item.title, body=item.body, signs=item.signs, mood=item.mood,
                 tags=item.tags)


def make_entries(n: int, seed: int = 1) -> list[Entry]:
    return [to_entry(s) for s in synthetic_entries(n, seed)]


_DEFAULT = object()


def build_vault(path: Path, n: int, passphrase: str = PASSPHRASE,
                kdf: KdfParams | None | object = _DEFAULT, seed: int = 1) -> Vault:
    """Create a vault at `path` holding `n` synthetic entries; returns it open.

    kdf defaults to the floor (64 MiB, 3 passes, no calibration); pass kdf=None to calibrate
    as `Vault.create` does for a real user."""
    params = crypto.FLOOR_PARAMS if kdf is _DEFAULT else kdf
    assert params is None or isinstance(params, KdfParams)
    vault, _ = Vault.create(path, passphrase, kdf=params)
    batch: list[Entry] = []
    for item in synthetic_entries(n, seed):
        batch.append(to_entry(item))
        if len(batch) == BATCH:
            vault.save_many(batch)
            batch = []
    if batch:
        vault.save_many(batch)
    return vault


def write_secret(path: Path, secret: str) -> Path:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    return path
