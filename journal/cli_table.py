"""The readable table of `unknot-cli timeline` (without --json)."""

from __future__ import annotations

from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.model import MOOD_WORDS, RATING_WORDS
from unknot.journal.timeline import Timeline
from unknot.journal.wording import REFLECTION_CAPTION, SHORT_HEADS, mood_cell


def _sign_cell(count: int, rating: float | None) -> str:
    return str(count) if rating is None else f"{count} ({rating:.1f})"


def format_table(timeline: Timeline) -> str:
    """One row per bucket: start, entries, the six sign counts (with the check-in average for a
    sign in brackets when it was rated), and mood; with the reflection caption and a legend."""
    lines = [REFLECTION_CAPTION, ""]
    if not timeline.buckets:
        lines.append("No entries or check-ins yet.")
        return "\n".join(lines) + "\n"
    heads = ["start", "entries", *(SHORT_HEADS[s] for s in SIGN_IDS), "mood"]
    rows = [heads]
    for bucket in timeline.buckets:
        rated = bucket.checkin or {}
        rows.append([
            bucket.start.isoformat(),
            str(bucket.entries),
            *(_sign_cell(bucket.signs[s], rated.get(s)) for s in SIGN_IDS),
            mood_cell(bucket.mood),
        ])
    widths = [max(len(row[k]) for row in rows) for k in range(len(heads))]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:],
                                                                         strict=True)]
        lines.append("  ".join(cells).rstrip())
    titles = {s.id: s.title for s in load_signs()}
    lines += [
        "",
        "Sign columns count the entries tagged with each sign: "
        + "; ".join(f"{SHORT_HEADS[s]} = {titles[s]}" for s in SIGN_IDS) + ".",
        f"In brackets: the average check-in rating for that sign, 0 {RATING_WORDS[0]} to "
        f"4 {RATING_WORDS[4]}; skipped items are left out.",
        f"Mood: the average of the entries' moods, -2 {MOOD_WORDS[-2]} to "
        f"+2 {MOOD_WORDS[2]}.",
    ]
    return "\n".join(lines) + "\n"
