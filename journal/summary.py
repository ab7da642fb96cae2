"""A session summary: what a client chooses to bring to a therapist (DESIGN §7).

It holds a date range, the sign timeline over it (how many entries named each sign, never what
they say), the weekly check-in ratings in it, and only the entries the client ticked — none
unless they tick some. Check-in notes are never included. The window turns it into a PDF (with
the chart painted by the timeline's own renderer) or shows it on screen; this module gives its
Markdown, which is also the text of the PDF.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, tzinfo

from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.errors import InvalidValueError
from unknot.journal.exchange import entry_markdown
from unknot.journal.markdown_html import escape_markdown
from unknot.journal.model import MOOD_WORDS, RATING_WORDS, CheckIn, Entry
from unknot.journal.query import select
from unknot.journal.timeline import Timeline, aggregate
from unknot.journal.wording import REFLECTION_CAPTION, SHORT_HEADS, mood_cell

SUMMARY_NOTICE = ("This file is not encrypted: anyone who can open it can read it. It holds "
                  "only what was chosen for it.")
ON_SCREEN_NOTICE = "Shown on screen only: nothing was saved."


@dataclass(frozen=True)
class SessionSummary:
    since: date
    until: date
    timeline: Timeline  # weekly buckets over since..until, counting every entry in it
    checkins: tuple[CheckIn, ...]  # oldest first
    entries: tuple[Entry, ...]  # only the chosen ones, oldest first


def build_summary(entries: Iterable[Entry], checkins: Iterable[CheckIn], since: date,
                  until: date, chosen: Collection[str], *, zone: tzinfo | None = None,
                  today: date | None = None) -> SessionSummary:
    """The summary of since..until with the entries whose ids are in `chosen` (entries outside
    the dates are never included, even if chosen)."""
    if since > until:
        raise InvalidValueError("The summary's first day is after its last day.")
    # Only what falls in the dates: the timeline widens them to whole weeks, and a day outside
    # them must not be counted, even in the first or last week.
    inside, kept = select(entries, checkins, since, until, zone)
    timeline = aggregate(inside, kept, by="week", since=since, until=until, zone=zone,
                         today=today)
    picked = [e for e in inside if e.id in chosen]
    return SessionSummary(since, until, timeline, tuple(reversed(kept)), tuple(reversed(picked)))


def _long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _cell(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def summary_title(summary: SessionSummary) -> str:
    return f"Session summary, {_long_date(summary.since)} to {_long_date(summary.until)}"


def signs_markdown(summary: SessionSummary) -> list[str]:
    """The sign timeline as a table: one row per week."""
    heads = ["Week of", "Entries", *(SHORT_HEADS[s] for s in SIGN_IDS), "Mood"]
    lines = ["| " + " | ".join(heads) + " |", "| --- | " + " | ".join("---:" for _ in heads[1:])
             + " |"]
    for bucket in summary.timeline.buckets:
        cells = [f"{bucket.start:%d %b %Y}", str(bucket.entries),
                 *(str(bucket.signs[s]) for s in SIGN_IDS), mood_cell(bucket.mood)]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def signs_legend() -> str:
    titles = {s.id: s.title for s in load_signs()}
    return ("Only the chosen dates are counted, also in a first or last week that is cut short. "
            "Each sign column counts the entries that named that sign: "
            + "; ".join(f"*{SHORT_HEADS[s]}* = {titles[s]}" for s in SIGN_IDS)
            + f". Mood is the average of the entries' moods, −2 ({MOOD_WORDS[-2]}) to "
              f"+2 ({MOOD_WORDS[2]}).")


def checkins_markdown(summary: SessionSummary) -> list[str]:
    if not summary.checkins:
        return ["No weekly check-ins in these dates."]
    heads = ["Check-in of", *(SHORT_HEADS[s] for s in SIGN_IDS)]
    lines = ["| " + " | ".join(heads) + " |",
             "| --- | " + " | ".join("---:" for _ in heads[1:]) + " |"]
    for checkin in summary.checkins:
        cells = [f"{checkin.day:%d %b %Y}", *(_cell(checkin.ratings.get(s)) for s in SIGN_IDS)]
        lines.append("| " + " | ".join(cells) + " |")
    scale = ", ".join(f"{n} {word}" for n, word in RATING_WORDS.items())
    return [*lines, "", f"*{REFLECTION_CAPTION}*", "",
            f"Ratings: {scale}; – means the question was skipped. "
            "Check-in notes are not included."]


@dataclass(frozen=True)
class SummaryParts:
    """The summary as Markdown in parts, so that a renderer can give each entry's own text its
    own budget (see markdown_html.render_markdown and its cut note)."""

    head: str  # title, notice, signs and check-ins, and the heading of the entries
    entries: tuple[tuple[str, str], ...]  # per chosen entry: its heading and facts, its text


def summary_parts(summary: SessionSummary, *, chart: str | None = None,
                  on_screen: bool = False) -> SummaryParts:
    """With `chart`, that text (an image placeholder, say) stands before the signs table.
    `on_screen` is for showing it without a file: the notice about files is left out."""
    notice = ON_SCREEN_NOTICE if on_screen else SUMMARY_NOTICE
    lines = [f"# {escape_markdown(summary_title(summary))}", "",
             "*Prepared with Unknot, a private journal. " + escape_markdown(notice) + "*",
             "", "## The six signs over time", "",
             "How many entries were written each week, how many named each sign, and the "
             "week's average mood — counted over every entry in these dates, without their "
             "words.", ""]
    if chart is not None:
        lines += [chart, ""]
    lines += [*signs_markdown(summary), "", signs_legend(), "",
              "## Weekly check-ins", "", *checkins_markdown(summary), "",
              "## Entries chosen to share", ""]
    count = len(summary.entries)
    if not count:
        lines.append("No entries were chosen for this summary.")
    else:
        lines.append(f"{count} {'entry' if count == 1 else 'entries'}, oldest first.")
    titles = {s.id: s.title for s in load_signs()}
    parts = []
    for entry in summary.entries:
        *heading, body, _ = entry_markdown(entry, titles, level=3, local_time=True)
        parts.append(("\n".join(heading).rstrip(), body))
    return SummaryParts("\n".join(lines), tuple(parts))


def summary_markdown(summary: SessionSummary) -> str:
    """The whole summary as one Markdown document (the Markdown file a client may save)."""
    parts = summary_parts(summary)
    lines = [parts.head, ""]
    for heading, body in parts.entries:
        lines += [heading, "", body, ""]
    return "\n".join(lines).rstrip() + "\n"
