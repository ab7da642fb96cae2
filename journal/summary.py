"""A summary to share: what a client chooses to bring to a therapist (DESIGN §7).

It holds a date range, the sign timeline over it (how many entries named each sign, never what
they say), the weekly check-in answers in it, and only the entries the client ticked — none
unless they tick some. Check-in notes are never included. The window turns it into a PDF (with
the chart painted by the timeline's own renderer) or shows it on screen; this module gives its
Markdown, which is also the text of the PDF.

It is written for a clinician reading it in two minutes: one plain line at the top says what
the six signs are and are not, the signs' full names stand wherever a sign is meant, and every
answer is in words. File names and titles are neutral (DESIGN §5): no "session summary", no
"Unknot".
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, tzinfo

from unknot.journal import i18n
from unknot.journal.content import SIGN_IDS, load_signs
from unknot.journal.errors import InvalidValueError
from unknot.journal.markdown_html import escape_markdown
from unknot.journal.model import MOOD_WORDS, RATING_WORDS, CheckIn, Entry
from unknot.journal.query import select
from unknot.journal.timeline import Timeline, aggregate
from unknot.journal.wording import REFLECTION_CAPTION

#: The line at the top, written for the clinician who reads the summary.
CLINICIAN_LINE = (
    "For the clinician: the six signs below come from a list in a blog article about trauma "
    "bonding; they are not a validated measure and not a diagnosis. The client chose what is "
    "in this summary, including which entries it shows. Counts of signs follow how much was "
    "written: a higher count can mean it felt safer to write, not that more happened.")
SUMMARY_NOTICE = ("This file is not encrypted: anyone who can open it can read it. It holds "
                  "only what was chosen for it.")
PROTECTED_NOTICE = ("This file is protected: it opens only with the passphrase that was shown "
                    "once when it was saved. It holds only what was chosen for it.")
ON_SCREEN_NOTICE = "Shown on screen only: nothing was saved."
COUNTS_NOTE = ("Counts follow how much was written: a higher count can mean it felt safer to "
               "write.")
SKIPPED = "Skipped"
CHECKIN_QUESTION = "In the past 7 days, how much did this fit your experience?"
#: Entry headings start here; a heading inside an entry's own text goes below it.
ENTRY_LEVEL = 3


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


# --- words -------------------------------------------------------------------------------------

def _long_date(day: date) -> str:
    # Not strftime: its month names follow the C library's locale, which Qt sets (German
    # month names in an English summary under de_DE).
    return i18n.long_date(day)


def _between(value: float, words: Mapping[int, str], language: str = "en") -> str:
    """A value on a scale of words: the word itself, or "between A and B" half way."""
    low = int(value // 1)
    fraction = value - low
    if fraction < 0.25 or low + 1 not in words:
        return i18n.text(words[low], language)
    if fraction > 0.75:
        return i18n.text(words[low + 1], language)
    return i18n.text("between {low} and {high}", language).format(
        low=i18n.text(words[low], language), high=i18n.text(words[low + 1], language))


def rating_words(value: float, language: str = "en") -> str:
    """A check-in answer (or a week's average of answers) in words, never "1.0 of 4"."""
    return _between(min(4.0, max(0.0, value)), RATING_WORDS, language)


def mood_words(value: float, language: str = "en") -> str:
    """A mood (or an average of moods, −2..+2) in words, never "Okay (+0)"."""
    return _between(min(2.0, max(-2.0, value)), MOOD_WORDS, language)


def entries_count(count: int, language: str = "en") -> str:
    """"no entries", "1 entry", "4 entries" (in `language`; see i18n.py)."""
    if count == 0:
        return i18n.text("no entries", language)
    if count == 1:
        return i18n.text("1 entry", language)
    return i18n.text("{count} entries", language).format(count=count)


def summary_title(summary: SessionSummary) -> str:
    """Neutral: the heading, the window's title and the PDF's title (DESIGN §5)."""
    return f"Notes to share, {_long_date(summary.since)} to {_long_date(summary.until)}"


def summary_file_name(summary: SessionSummary, suffix: str) -> str:
    """A neutral default file name, e.g. "notes-2026-11-02.pdf" (its first day)."""
    return f"notes-{summary.since.isoformat()}.{suffix}"


def _sign_titles() -> dict[str, str]:
    return {s.id: s.title for s in load_signs()}


def _short_date(day: date) -> str:
    """"1 Dec 2026", kept on one line."""
    return f"{day.day}\u00a0{day:%b}\u00a0{day:%Y}"


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def signs_markdown(summary: SessionSummary) -> list[str]:
    """The sign timeline as a table: one row per week, a column per sign under its full name."""
    titles = _sign_titles()
    heads = ["Week starting", "Entries",
             *(escape_markdown(titles[s]) for s in SIGN_IDS), "Average mood"]
    lines = [_row(heads), _row(["---", ":---:", *(":---:" for _ in SIGN_IDS), "---"])]
    for bucket in summary.timeline.buckets:
        mood = "–" if bucket.mood is None else mood_words(bucket.mood)
        lines.append(_row([_short_date(bucket.start), str(bucket.entries),
                           *(str(bucket.signs[s]) for s in SIGN_IDS), mood]))
    return lines


def signs_legend() -> str:
    """Said before the chart and the table, in one paragraph that stays on the first page."""
    return ("Week by week, for the chosen dates only (a first or last week may be cut short): "
            "how many entries were written, how many of them named each sign, and the "
            "average mood of the entries, from "
            f"{MOOD_WORDS[-2]} to {MOOD_WORDS[2]}. No entry's words are counted or shown "
            "here. In the chart, the stronger a square's shade, the more entries named the "
            "sign that week, and the bar at its foot is that week's check-in answer, from "
            f"“{RATING_WORDS[0]}” (short) to “{RATING_WORDS[4]}” (full). {COUNTS_NOTE}")


def checkins_legend() -> str:
    scale = ", ".join(RATING_WORDS.values())
    return (f"Each week's answers to “{CHECKIN_QUESTION}”, one per sign: {scale}. "
            f"{SKIPPED} means the client left that question out. Check-in notes are not "
            "included.")


def checkins_markdown(summary: SessionSummary) -> list[str]:
    if not summary.checkins:
        return ["No weekly check-ins in these dates."]
    titles = _sign_titles()
    lines = [_row(["Check-in of", *(escape_markdown(titles[s]) for s in SIGN_IDS)]),
             _row(["---", *("---" for _ in SIGN_IDS)])]
    for checkin in summary.checkins:
        answers = [SKIPPED if (r := checkin.ratings.get(s)) is None else RATING_WORDS[r]
                   for s in SIGN_IDS]
        lines.append(_row([_short_date(checkin.day), *answers]))
    return lines


# --- entries -----------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^( {0,3}(?:> ?)*)(#{1,6})(?=[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_NOT_PARAGRAPH = re.compile(r"^ {0,3}(?:#|>|[-+*][ \t]|\d+[.)][ \t]|`{3}|~{3}|\||$)")


def demote_headings(body: str, below: int = ENTRY_LEVEL) -> str:
    """An entry's own headings, moved below the entry's heading (level `below`), so that a
    "# Title" inside an entry never outranks it. Code blocks are left as written."""
    lines = body.split("\n")
    fence: str | None = None
    out: list[str] = []
    for line in lines:
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opened:
            fence = opened.group(1)
            out.append(line)
            continue
        atx = _ATX.match(line)
        if atx:
            level = min(6, len(atx.group(2)) + below)
            out.append(atx.group(1) + "#" * level + line[atx.end():])
            continue
        underline = _SETEXT.match(line)
        if (underline and out and out[-1].strip() and not _NOT_PARAGRAPH.match(out[-1])
                and not _SETEXT.match(out[-1])):
            level = min(6, (1 if underline.group(1)[0] == "=" else 2) + below)
            out[-1] = "#" * level + " " + out[-1].strip()
            continue
        out.append(line)
    return "\n".join(out)


def entry_prompt(entry: Entry) -> str:
    """The prompt the entry was written for, where the journal keeps one."""
    return str(getattr(entry, "prompt", "") or "").strip()


def entry_parts(entry: Entry, titles: Mapping[str, str]) -> tuple[str, str]:
    """One chosen entry: its heading and facts (date, title, prompt, signs, mood, tags), and
    its own text with its headings demoted. Dates on this computer's clock."""
    created = entry.created.astimezone()
    stamp = f"{i18n.WEEKDAYS[created.weekday()]} {i18n.long_date(created)}, {created:%H:%M}"
    heading = escape_markdown(entry.display_title or "Untitled")
    lines = [f"{'#' * ENTRY_LEVEL} {stamp} · {heading}", ""]
    prompt = entry_prompt(entry)
    if prompt:
        lines += [f"*Written for the prompt:* “{escape_markdown(prompt)}”", ""]
    facts = []
    if entry.signs:
        facts.append("Signs: " + "; ".join(escape_markdown(titles[s]) for s in entry.signs))
    if entry.mood is not None:
        facts.append(f"Mood: {MOOD_WORDS[entry.mood]}")
    if entry.tags:
        facts.append("Tags: " + ", ".join(escape_markdown(t) for t in entry.tags))
    if facts:
        lines += ["*" + " · ".join(facts) + "*", ""]
    return "\n".join(lines).rstrip(), demote_headings(entry.body.rstrip())


# --- the whole -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SummaryParts:
    """The summary as Markdown in parts, so that a renderer can give each entry's own text its
    own budget (see markdown_html.render_markdown and its cut note), and start sections on a
    page of their own."""

    head: str  # title, the clinician's line, the notice, the signs (legend, chart, table)
    checkins: str  # the weekly check-ins: heading, legend, table, caption
    entries_head: str  # the heading of the chosen entries and how many there are
    entries: tuple[tuple[str, str], ...]  # per chosen entry: its heading and facts, its text


def summary_parts(summary: SessionSummary, *, chart: str | None = None,
                  on_screen: bool = False, protected: bool = False) -> SummaryParts:
    """With `chart`, that text (an image placeholder, say) stands before the signs table.
    `on_screen` is for showing it without a file: the notice about files is left out;
    `protected` for a file that opens only with its passphrase."""
    notice = (ON_SCREEN_NOTICE if on_screen else PROTECTED_NOTICE if protected
              else SUMMARY_NOTICE)
    head = [f"# {escape_markdown(summary_title(summary))}", "",
            f"**{escape_markdown(CLINICIAN_LINE)}**", "",
            f"*{escape_markdown(notice)}*", "",
            "## The six signs, week by week", "", signs_legend(), ""]
    if chart is not None:
        head += [chart, ""]
    head += signs_markdown(summary)
    checkins = ["## Weekly check-ins", "", checkins_legend(), "",
                *checkins_markdown(summary), "", f"*{REFLECTION_CAPTION}*"]
    count = len(summary.entries)
    entries_head = ["## Entries chosen to share", ""]
    if not count:
        entries_head.append("No entries were chosen for this summary.")
    else:
        entries_head.append(f"{entries_count(count).capitalize()}, oldest first, each as "
                            "written.")
    titles = _sign_titles()
    return SummaryParts("\n".join(head), "\n".join(checkins), "\n".join(entries_head),
                        tuple(entry_parts(e, titles) for e in summary.entries))


def summary_markdown(summary: SessionSummary) -> str:
    """The whole summary as one Markdown document (the Markdown file a client may save)."""
    parts = summary_parts(summary)
    lines = [parts.head, "", parts.checkins, "", parts.entries_head, ""]
    for heading, body in parts.entries:
        lines += [heading, "", body, ""]
    return "\n".join(lines).rstrip() + "\n"
