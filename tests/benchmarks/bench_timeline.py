"""Timeline aggregation + paint for 10 years of daily entries and weekly check-ins, against the
DESIGN §9 budget (≤ 50 ms), on the same renderer that paints the window.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_timeline.py [--runs 21]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from datetime import date, datetime, timedelta

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from unknot.app.widgets.timeline_renderer import TimelineColors, TimelineRenderer
from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.localtime import local_zone
from unknot.journal.model import CheckIn, Entry
from unknot.journal.timeline import aggregate


def data() -> tuple[list[Entry], list[CheckIn]]:
    zone = local_zone()
    start = datetime(2016, 11, 23, 21, 0, tzinfo=zone)
    entries = [Entry.from_json(Entry.new(start + timedelta(days=n), title=f"Day {n}",
                                         body="words " * 150, signs=(SIGN_IDS[n % 6],),
                                         mood=(n % 5) - 2).to_json()) for n in range(3653)]
    checkins = [CheckIn.new(date(2016, 11, 28) + timedelta(weeks=n), start,
                            ratings={s: (n + i) % 5 for i, s in enumerate(SIGN_IDS) if i != n % 6})
                for n in range(522)]
    return entries, checkins


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    entries, checkins = data()
    titles = {s.id: s.title for s in load_signs()}
    colors = TimelineColors.from_palette(QPalette(QColor("#ffffff")))
    image = QImage(1200, 560, QImage.Format.Format_ARGB32_Premultiplied)
    aggregate_ms, paint_ms, total_ms = [], [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        timeline = aggregate(entries, checkins, by="week")
        middle = time.perf_counter()
        painter = QPainter(image)
        TimelineRenderer(timeline, titles, QFont(), colors).paint(painter, QRectF(0, 0, 1200, 560))
        painter.end()
        done = time.perf_counter()
        aggregate_ms.append((middle - started) * 1000)
        paint_ms.append((done - middle) * 1000)
        total_ms.append((done - started) * 1000)
    del app
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}; {len(entries)} daily entries, {len(checkins)} weekly "
          f"check-ins, {len(timeline.buckets)} weekly buckets, 1200x560 px")
    rows = [("aggregate (by week, everything)", statistics.median(aggregate_ms)),
            ("paint (all weeks, six lanes, mood line)", statistics.median(paint_ms)),
            ("aggregate + paint", statistics.median(total_ms))]
    print(f"{'what':45} {'median':>10} {'budget':>10}  verdict")
    for name, value in rows:
        budget = "<= 50 ms" if name == "aggregate + paint" else ""
        verdict = ("within" if value <= 50 else "OVER") if budget else ""
        print(f"{name:45} {value:8.1f} ms {budget:>10}  {verdict}")


if __name__ == "__main__":
    main()
