"""The session summary a therapist is given, against DESIGN §9: the protected PDF of a year
(272 entries, 20 of them chosen) in at most 1 s, off the GUI thread; the plain PDF beside it.

It times the very functions the window's worker runs (app/share/summary_document.py): building
the summary, painting it with Qt's PDF writer, and (protected) AES-256 through pypdf.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_share.py [--runs 5]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

from _common import INFO, Row, fmt_s, median, print_machine_info, print_table, verdict_le
from PySide6.QtGui import QFont, QGuiApplication

from unknot.app.share.summary_document import pdf_bytes, protected_pdf_bytes
from unknot.journal.content import SIGN_IDS
from unknot.journal.localtime import local_zone
from unknot.journal.model import CheckIn, Entry
from unknot.journal.summary import build_summary

BUDGET_S = 1.0
ENTRIES, CHOSEN = 272, 20
PARAGRAPH = ("I noticed how I explained his mood to myself again, and how tired it made me. "
             "**Writing it down** helps me see the week as it was, not as I was told it was. ")


def a_year() -> tuple[list[Entry], list[CheckIn], date, date]:
    """272 entries over a year (Markdown, a few paragraphs each) and weekly check-ins."""
    rng = random.Random(272)
    zone = local_zone()
    until = date(2026, 11, 30)
    since = until - timedelta(days=364)
    days = sorted(rng.sample(range(365), ENTRIES))
    entries = [Entry.new(datetime.combine(since + timedelta(days=d), datetime.min.time(),
                                          zone) + timedelta(hours=21),
                         title=f"Evening {n}", body="\n\n".join([PARAGRAPH * 3] * 3),
                         signs=tuple(rng.sample(SIGN_IDS, 2)), mood=rng.randint(-2, 2))
               for n, d in enumerate(days)]
    checkins = [CheckIn.new(since + timedelta(weeks=w), datetime.now(zone),
                            ratings={s: rng.randint(0, 4) for s in SIGN_IDS})
                for w in range(52)]
    return entries, checkins, since, until


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(["bench"])
    font = QFont(QGuiApplication.font())
    entries, checkins, since, until = a_year()
    chosen = {e.id for e in random.Random(20).sample(entries, CHOSEN)}
    protected, plain, sizes = [], [], []
    with tempfile.TemporaryDirectory(prefix="unknot-bench-share-") as tmp:
        print_machine_info(Path(tmp))
    pdf_bytes(build_summary(entries, checkins, since, until, chosen), font)  # warm-up
    for run in range(args.runs):
        for kind in (("protected", "plain") if run % 2 == 0 else ("plain", "protected")):
            started = time.perf_counter()
            summary = build_summary(entries, checkins, since, until, chosen)
            if kind == "protected":
                data, _passphrase = protected_pdf_bytes(summary, font)
                protected.append(time.perf_counter() - started)
                sizes.append(len(data))
            else:
                pdf_bytes(summary, font)
                plain.append(time.perf_counter() - started)
    del app
    rows = [
        Row(f"protected PDF of a year ({ENTRIES} entries, {CHOSEN} chosen), median of "
            f"{args.runs}", fmt_s(median(protected)), f"<= {BUDGET_S} s, off the GUI thread",
            "", verdict_le(median(protected), BUDGET_S)),
        Row("  slowest run", fmt_s(max(protected)), "", "", INFO),
        Row("  its size", f"{median(sizes) / 1024:.0f} KiB", "", "", INFO),
        Row(f"plain PDF of the same year, median of {args.runs}", fmt_s(median(plain)), "",
            "0.45 s before (on the GUI thread)", INFO),
    ]
    print_table("The session summary (DESIGN.md §9)", rows)


if __name__ == "__main__":
    main()
